import { Text, View } from '@tarojs/components';
import type { Unit } from '@itss/shared';

type Contact = Unit['contacts'][number];

/**
 * A contact's name (主联系人 tagged), title and phone, as members and staff see them: `<block>__name`,
 * `__tag`, `__meta` inside the box `<block>__<box>`; `extra` ends the line.
 */
export function ContactSummary({
  contact,
  block,
  box,
  extra,
}: {
  contact: Contact;
  block: string;
  box: string;
  extra?: string;
}) {
  return (
    <View className={`${block}__${box}`}>
      <View className={`${block}__head`}>
        <Text className={`${block}__name`}>{contact.name}</Text>
        {contact.isPrimary ? <Text className={`${block}__tag`}>主联系人</Text> : null}
      </View>
      <Text className={`${block}__meta`}>
        {[contact.title, contact.phoneMasked ?? '未绑定手机号', extra].filter(Boolean).join(' · ')}
      </Text>
    </View>
  );
}
