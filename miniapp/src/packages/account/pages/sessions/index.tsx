import { Text, View } from '@tarojs/components';
import type { DeviceSession } from '@itss/shared';
import { BusyButton } from '@/components/kit/form';
import { ItemsView, usePageData } from '@/components/kit/page-data';
import { SignedInPage } from '@/components/kit/signed-in-page';
import { useConfirmedAction } from '@/components/kit/use-confirmed-action';
import { getDeviceSessions, revokeDeviceSession } from '@/packages/account/api';
import { COLORS } from '@/services/modal';
import { formatBeijingTime } from '@/utils/format';
import './index.scss';

const KIND_NAMES: Record<DeviceSession['kind'], string> = {
  miniapp: '微信小程序',
  desktop: '电脑端工作台',
};

function SessionRow({
  item,
  busy,
  onRevoke,
}: {
  item: DeviceSession;
  busy: boolean;
  onRevoke: (item: DeviceSession) => void;
}) {
  return (
    <View className={`device device--${item.kind}`}>
      <View className="device__main">
        <View className="device__head">
          <Text className="device__kind">{KIND_NAMES[item.kind]}</Text>
          {item.current ? <Text className="device__current">本机</Text> : null}
        </View>
        <Text className="device__meta">{`${item.browser} · ${item.place}`}</Text>
        <Text className="device__meta">{`最近使用 ${formatBeijingTime(item.lastSeenAt)}`}</Text>
      </View>
      {/* The phone's own session ends with 退出登录 on 我的; only a computer's is ended from here. */}
      {item.kind === 'desktop' && !item.current ? (
        <BusyButton className="device__revoke" busy={busy} onClick={() => onRevoke(item)}>
          退出登录
        </BusyButton>
      ) : null}
    </View>
  );
}

function Sessions() {
  const request = usePageData(getDeviceSessions);
  const { busy, run } = useConfirmedAction(request.reload);
  const revoke = (item: DeviceSession) =>
    void run(
      {
        title: '退出电脑端登录',
        content: `${item.browser}（${item.place}）上的工作台将立即退出登录。`,
        confirmText: '退出登录',
        confirmColor: COLORS.danger,
      },
      () => revokeDeviceSession(item.id),
      '已退出登录',
    );
  return (
    <>
      <Text className="sessions__hint">在电脑上扫码登录的工作台会列在这里；不认识的登录请立即退出。</Text>
      <ItemsView request={request} emptyText="暂无登录设备" className="sessions__list">
        {(item: DeviceSession) => <SessionRow key={item.id} item={item} busy={busy} onRevoke={revoke} />}
      </ItemsView>
    </>
  );
}

/** 我的 → 登录设备: where this person is signed in, and a way to end a computer's session. */
export default function SessionsPage() {
  return <SignedInPage className="page sessions" loginText="登录后查看登录设备" content={Sessions} />;
}
