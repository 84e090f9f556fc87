import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Invite, JoinRequest, Unit } from '@itss/shared';
import { toApiError } from '@/services/http';
import { isH5 } from '@/services/session';
import { copyText } from '@/utils/actions';
import { formatBeijingTime } from '@/utils/format';
import { ContactSummary } from '@/packages/unit/components/contact-summary';
import { inviteLink } from '@/packages/unit/invite-link';
import { COLORS, showModal } from '@/services/modal';

type Contact = Unit['contacts'][number];

/** Asks first; a refusal is shown in a modal with the server's message. Resolves true when done. */
export async function confirmed(
  title: string,
  content: string,
  confirmText: string,
  action: () => Promise<unknown>,
) {
  const { confirm } = await showModal({ title, content, confirmText, confirmColor: COLORS.brand });
  if (!confirm) return false;
  void Taro.showLoading({ title: '处理中', mask: true });
  try {
    await action();
    void Taro.hideLoading();
    return true;
  } catch (error) {
    void Taro.hideLoading();
    await showModal({ title: '操作未完成', content: toApiError(error).message, showCancel: false });
    return false;
  }
}

export function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="unit-row">
      <Text className="unit-row__label">{label}</Text>
      <Text className="unit-row__value">{value}</Text>
    </View>
  );
}

export function ContactRow({
  contact,
  canRemove,
  onRemove,
}: {
  contact: Contact;
  canRemove: boolean;
  onRemove: () => void;
}) {
  return (
    <View className="member-contact">
      <ContactSummary contact={contact} block="member-contact" box="main" />
      {canRemove ? (
        <Text className="member-contact__remove" onClick={onRemove}>
          移除
        </Text>
      ) : null}
    </View>
  );
}

export function InviteCard({ invite }: { invite: Invite }) {
  const link = isH5() ? inviteLink(invite) : null;
  return (
    <View className="member-invite">
      <Text className="member-invite__title">邀请已生成</Text>
      <Text className="member-invite__hint">
        有效期至 {formatBeijingTime(invite.expiresAt)}，仅可使用一次；同事接受后即成为本单位联系人。
      </Text>
      {link ? (
        <>
          <Text className="member-invite__link" userSelect>
            {link}
          </Text>
          <Button className="member-invite__button" onClick={() => void copyText(link)}>
            复制邀请链接
          </Button>
        </>
      ) : (
        <Button className="member-invite__button" openType="share">
          发送给同事
        </Button>
      )}
    </View>
  );
}

export function RequestRow({
  request,
  onDecide,
}: {
  request: JoinRequest;
  onDecide: (approve: boolean) => void;
}) {
  return (
    <View className="member-request">
      <View className="member-request__main">
        <Text className="member-request__name">{request.name}</Text>
        <Text className="member-request__meta">
          {[request.title, request.phoneMasked, `申请于 ${formatBeijingTime(request.createdAt)}`]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </View>
      <View className="member-request__actions">
        <Text className="member-request__decline" onClick={() => onDecide(false)}>
          拒绝
        </Text>
        <Text className="member-request__approve" onClick={() => onDecide(true)}>
          同意
        </Text>
      </View>
    </View>
  );
}
