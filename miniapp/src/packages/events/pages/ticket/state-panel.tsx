import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatFen, type Registration } from '@itss/shared';
import { useState } from 'react';
import { BusyButton } from '@/components/kit/form';
import { Card } from '@/components/section';
import { toApiError } from '@/services/http';
import { COLORS, showModal } from '@/services/modal';
import { formatBeijingTime } from '@/utils/format';
import { cancelRegistration } from '@/packages/events/api';
import { confirmOrPay } from '@/packages/events/pay';

/** What a cancellation now means for the person's money and seat, said before they confirm it. */
export function cancelConsequence(registration: Registration): string {
  const seat =
    registration.state === 'waitlisted' ? '取消后将退出候补。' : '取消后名额将顺延给候补人员，且不能恢复。';
  if (registration.paidFen <= 0) return seat;
  if (registration.refundOnCancelFen >= registration.paidFen)
    return `${seat}已支付的 ${formatFen(registration.paidFen)}将全额原路退回。`;
  if (registration.refundOnCancelFen > 0)
    return `${seat}按活动退款规则，将退回 ${formatFen(registration.refundOnCancelFen)}（已付 ${formatFen(registration.paidFen)}）。`;
  return `${seat}按活动退款规则，现在取消不予退款（已付 ${formatFen(registration.paidFen)}）。`;
}

/** 去支付 / 确认参加: an offered seat or a seat held for its payment, until the hold runs out. */
function HoldPanel({ registration, onChanged }: { registration: Registration; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const offered = registration.state === 'offered';
  const paid = registration.priceFen > 0;
  // A booked seat is paid with its booking's one order, for all of its seats.
  const booked = registration.bookingId !== null && !offered;
  const until = registration.holdExpiresAt ? formatBeijingTime(registration.holdExpiresAt) : null;
  const act = async () => {
    setBusy(true);
    try {
      await confirmOrPay({ ...registration, bookingId: booked ? registration.bookingId : null });
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  return (
    <Card className="ticket-hold">
      <Text className="ticket-hold__title">{offered ? '候补名额已为您保留' : '名额已为您保留，待支付'}</Text>
      <Text className="ticket-hold__text">
        {until ? `请于 ${until} 前${offered ? '确认' : '完成支付'}，` : '请尽快处理，'}
        逾期名额将顺延给下一位候补人员。
      </Text>
      {paid ? (
        <Text className="ticket-hold__price">
          {booked
            ? `每个名额 ${formatFen(registration.priceFen)}，本次预订一并支付`
            : `报名费 ${formatFen(registration.priceFen)}`}
        </Text>
      ) : null}
      <BusyButton className="ticket-hold__button" busy={busy} onClick={() => void act()}>
        {booked
          ? '支付单位预订'
          : paid
            ? `${offered ? '确认并' : ''}微信支付 ${formatFen(registration.priceFen)}`
            : '确认参加'}
      </BusyButton>
    </Card>
  );
}

function Waitlisted({ registration }: { registration: Registration }) {
  return (
    <Card className="ticket-hold ticket-hold--waiting">
      <Text className="ticket-hold__title">
        {registration.position ? `候补第 ${registration.position} 位` : '候补中'}
      </Text>
      <Text className="ticket-hold__text">
        有名额空出时将按候补顺序为您保留，并通过「消息」{process.env.TARO_ENV === 'h5' ? '' : '和微信'}
        通知您，请在保留期内确认。
      </Text>
    </Card>
  );
}

/** The state's own part: the hold to act on, the place in line, or the cancellation. */
export function StatePanel({
  registration,
  onChanged,
}: {
  registration: Registration;
  onChanged: () => void;
}) {
  if (registration.state === 'awaiting_payment' || registration.state === 'offered')
    return <HoldPanel registration={registration} onChanged={onChanged} />;
  if (registration.state === 'waitlisted') return <Waitlisted registration={registration} />;
  if (registration.state === 'cancelled')
    return (
      <Card className="ticket-hold ticket-hold--cancelled">
        <Text className="ticket-hold__title">报名已取消</Text>
        <Text className="ticket-hold__text">
          {registration.paidFen > 0
            ? '已支付的报名费按活动退款规则原路退回，一般 1–3 个工作日到账。'
            : '如需参加，可在报名时间内重新报名。'}
        </Text>
      </Card>
    );
  return null;
}

/**
 * 取消报名, while the event takes cancellations (published, before registration closes): what it
 * means for the seat and the money is said first; after, the refund the server made.
 */
export function CancelPanel({
  registration,
  onChanged,
}: {
  registration: Registration;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  if (registration.state === 'cancelled' || registration.eventState === 'cancelled') return null;
  if (registration.eventState !== 'published')
    return <Text className="ticket-cancel__closed">报名截止后不能在线取消，如需取消请联系会员服务部。</Text>;
  const cancel = async () => {
    const { confirm } = await showModal({
      title: '取消报名',
      content: cancelConsequence(registration),
      confirmText: '确定取消',
      cancelText: '不取消',
      confirmColor: COLORS.danger,
    });
    if (!confirm) return;
    setBusy(true);
    try {
      const { refundFen } = await cancelRegistration(registration.id);
      if (refundFen > 0)
        await showModal({
          title: '已取消报名',
          content: `将退回 ${formatFen(refundFen)}，原路退回支付账户，一般 1–3 个工作日到账。`,
          showCancel: false,
          confirmText: '知道了',
        });
      else await Taro.showToast({ title: '已取消报名', icon: 'success' });
    } catch (thrown) {
      await showModal({ title: '未能取消', content: toApiError(thrown).message, showCancel: false });
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  return (
    <View className="ticket-cancel">
      {registration.paidFen > 0 ? (
        <Text className="ticket-cancel__refund">
          {registration.refundOnCancelFen > 0
            ? `现在取消可退 ${formatFen(registration.refundOnCancelFen)}`
            : '按活动退款规则，现在取消不予退款'}
        </Text>
      ) : null}
      <Button className="ticket-cancel__button" disabled={busy || undefined} onClick={() => void cancel()}>
        {registration.state === 'waitlisted' ? '退出候补' : '取消报名'}
      </Button>
    </View>
  );
}
