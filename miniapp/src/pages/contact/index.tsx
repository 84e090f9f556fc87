import { Text, View } from '@tarojs/components';
import type { Contact } from '@itss/shared';
import { DataPage } from '@/components/kit/page-data';
import { Card, Section } from '@/components/section';
import { getAssociation } from '@/packages/association/api';
import { callPhone, copyText, openGroupEntry } from '@/utils/actions';
import './index.scss';

async function loadContact(): Promise<Contact> {
  const association = await getAssociation();
  return association.contact;
}

interface ContactRowProps {
  label: string;
  value: string;
  action: string;
  onTap: () => void;
}

function ContactRow({ label, value, action, onTap }: ContactRowProps) {
  if (!value) {
    return (
      <View className="contact-row contact-row--empty">
        <Text className="contact-row__label">{label}</Text>
        <Text className="contact-row__value">暂未公布</Text>
      </View>
    );
  }
  return (
    <View className="contact-row" onClick={onTap}>
      <Text className="contact-row__label">{label}</Text>
      <Text className="contact-row__value" userSelect>
        {value}
      </Text>
      <Text className="contact-row__action">{action}</Text>
    </View>
  );
}

/** A line people copy rather than tap through: the email, the website, account numbers. */
function CopyRow({ label, value }: { label: string; value: string }) {
  return <ContactRow label={label} value={value} action="复制" onTap={() => void copyText(value)} />;
}

function ContactContent({ data: contact }: { data: Contact }) {
  return (
    <View>
      <View className="contact-banner">
        <Text className="contact-banner__title">{contact.department}</Text>
        <Text className="contact-banner__desc">入会咨询、会员服务与信息变更，欢迎与我们联系</Text>
      </View>
      <Section title="联系方式">
        <Card className="contact-card">
          {contact.phones.map((phone) => (
            <ContactRow
              key={phone}
              label="联系电话"
              value={phone}
              action="拨打"
              onTap={() => void callPhone(phone)}
            />
          ))}
          <CopyRow label="电子邮箱" value={contact.email} />
          <CopyRow label="官方网站" value={contact.website} />
        </Card>
      </Section>
      <Section title="关注与交流">
        <Card className="contact-card">
          <CopyRow label="微信订阅号" value={contact.wechatAccount} />
          <CopyRow label="QQ 群号" value={contact.qqGroup} />
          <View className="contact-row contact-row--entry" onClick={openGroupEntry}>
            <View className="contact-row__main">
              <Text className="contact-row__entry-title">加入会员微信群</Text>
              <Text className="contact-row__entry-desc">
                {contact.wechatGroupNote || '仅限会员单位加入'}，会员单位联系人可在此获取入群二维码
              </Text>
            </View>
            <View className="link-arrow" />
          </View>
        </Card>
      </Section>
    </View>
  );
}

export default function ContactPage() {
  return <DataPage className="page contact" load={loadContact} content={ContactContent} />;
}
