import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Registration } from '@itss/shared';
import { useCallback, useEffect } from 'react';
import { Card } from '@/components/section';
import { ErrorState, Loading } from '@/components/state';
import { downloadWithToken, releaseDownload } from '@/services/download';
import { useRequest } from '@/services/useRequest';
import { copyText } from '@/utils/actions';
import { formatBeijingTime } from '@/utils/format';
import { ticketImagePath } from '@/packages/events/api';

/** The ticket's QR code, downloaded with the token (an <Image src> cannot send it); let go when no longer shown. */
function useTicketImage(id: number) {
  const load = useCallback(() => downloadWithToken(ticketImagePath(id)), [id]);
  const { state, reload } = useRequest(load);
  const localPath = state.status === 'success' ? state.data : null;
  useEffect(
    () => () => {
      if (localPath) releaseDownload(localPath);
    },
    [localPath],
  );
  return { state, reload, localPath };
}

/** 电子票: the QR code staff scan at the door, the code under it for typing, who it is for. */
export function TicketCard({ registration, code }: { registration: Registration; code: string }) {
  const image = useTicketImage(registration.id);
  const checkedIn = registration.checkedInAt !== null;
  return (
    <Card className={checkedIn ? 'ticket-card ticket-card--used' : 'ticket-card'}>
      <Text className="ticket-card__title">电子票</Text>
      <View className="ticket-card__qr">
        {image.state.status === 'loading' ? <Loading /> : null}
        {image.state.status === 'error' ? (
          <ErrorState message={image.state.error.message} onRetry={() => void image.reload()} />
        ) : null}
        {image.localPath ? (
          <Image
            className="ticket-card__image"
            src={image.localPath}
            mode="aspectFit"
            onClick={() => {
              const src = image.localPath;
              if (src) void Taro.previewImage({ urls: [src], current: src });
            }}
          />
        ) : null}
        {checkedIn ? <Text className="ticket-card__stamp">已签到</Text> : null}
      </View>
      <View className="ticket-card__code">
        <Text className="ticket-card__code-label">票码</Text>
        <Text className="ticket-card__code-value" userSelect>
          {code}
        </Text>
        <Text className="ticket-card__copy" onClick={() => void copyText(code)}>
          复制
        </Text>
      </View>
      <Text className="ticket-card__who">
        {registration.name ?? '参会人待填写'}
        {registration.unitName ? ` · ${registration.unitName}` : ''}
      </Text>
      <Text className="ticket-card__hint">
        {checkedIn && registration.checkedInAt
          ? `已于 ${formatBeijingTime(registration.checkedInAt)} 签到`
          : '入场时请向工作人员出示二维码；无法扫码时可报票码。'}
      </Text>
    </Card>
  );
}
