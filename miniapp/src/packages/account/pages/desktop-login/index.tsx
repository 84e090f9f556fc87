import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  DesktopLoginError,
  ErrorCode,
  desktopLoginTicketSchema,
  type DesktopLoginDetails,
} from '@itss/shared';
import { useEffect, useState } from 'react';
import { BusyButton } from '@/components/kit/form';
import { SignedInPage } from '@/components/kit/signed-in-page';
import { Loading } from '@/components/state';
import { cancelDesktopLogin, confirmDesktopLogin, scanDesktopLogin } from '@/packages/account/api';
import { ROUTES, routeUrl } from '@/routes';
import { apiErrorOf, toApiError, type ApiError } from '@/services/http';
import { sceneFromQuery } from '@/services/scene';
import { formatBeijingTime } from '@/utils/format';
import './index.scss';

type Step =
  | { kind: 'scanning' }
  | { kind: 'asking'; details: DesktopLoginDetails; busy: boolean }
  | { kind: 'confirmed' }
  | { kind: 'cancelled' }
  | { kind: 'refused'; error: ApiError };

/** Only a lost connection is worth trying again; a refused ticket needs a fresh code on the computer. */
const RETRYABLE = new Set<string>([ErrorCode.NetworkError, ErrorCode.RequestTimeout]);

const goHome = () => void Taro.reLaunch({ url: routeUrl(ROUTES.home) });

function Notice({ title, text, onRetry }: { title: string; text: string; onRetry?: () => void }) {
  return (
    <View className="desktop-login__notice" role="alert">
      <Text className="desktop-login__notice-title">{title}</Text>
      <Text className="desktop-login__notice-text">{text}</Text>
      {onRetry ? (
        <Button className="desktop-login__primary" onClick={onRetry}>
          重试
        </Button>
      ) : null}
      <Button className="desktop-login__secondary" onClick={goHome}>
        返回首页
      </Button>
    </View>
  );
}

function Question({
  details,
  busy,
  onConfirm,
  onCancel,
}: {
  details: DesktopLoginDetails;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <View className="desktop-login__question">
      <View className="desktop-login__screen" aria-hidden="true">
        <View className="desktop-login__screen-stand" />
      </View>
      <Text className="desktop-login__title">在电脑上登录工作台？</Text>
      <View className="desktop-login__facts">
        <View className="desktop-login__fact">
          <Text className="desktop-login__label">浏览器</Text>
          <Text className="desktop-login__value">{details.browser}</Text>
        </View>
        <View className="desktop-login__fact">
          <Text className="desktop-login__label">大致位置</Text>
          <Text className="desktop-login__value">{details.place}</Text>
        </View>
        <View className="desktop-login__fact">
          <Text className="desktop-login__label">请求时间</Text>
          <Text className="desktop-login__value">{formatBeijingTime(details.requestedAt)}</Text>
        </View>
      </View>
      <Text className="desktop-login__warning">如果不是您本人在电脑上操作，请点「取消」。</Text>
      <BusyButton className="desktop-login__primary" busy={busy} onClick={onConfirm}>
        确认登录
      </BusyButton>
      {/* Taro's H5 button greys out on any `disabled` attribute, false included. */}
      <Button className="desktop-login__secondary" disabled={busy || undefined} onClick={onCancel}>
        取消
      </Button>
    </View>
  );
}

function Confirmation({ ticket }: { ticket: string }) {
  const [step, setStep] = useState<Step>({ kind: 'scanning' });
  // Scanning tells the server this phone holds the ticket; again after a lost connection.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    scanDesktopLogin(ticket).then(
      (details) => live && setStep({ kind: 'asking', details, busy: false }),
      (error: unknown) => live && setStep({ kind: 'refused', error: toApiError(error) }),
    );
    return () => {
      live = false;
    };
  }, [ticket, attempt]);
  const scan = () => {
    setStep({ kind: 'scanning' });
    setAttempt((count) => count + 1);
  };

  const answer = async (details: DesktopLoginDetails, call: () => Promise<void>, done: Step) => {
    setStep({ kind: 'asking', details, busy: true });
    try {
      await call();
      setStep(done);
    } catch (error) {
      setStep({ kind: 'refused', error: toApiError(error) });
    }
  };

  switch (step.kind) {
    case 'scanning':
      return <Loading />;
    case 'refused':
      return (
        <Notice
          title="无法登录电脑端工作台"
          text={step.error.message}
          onRetry={RETRYABLE.has(step.error.code) ? scan : undefined}
        />
      );
    case 'confirmed':
      return <Notice title="已在电脑上登录工作台" text="可在「我的 → 登录设备」中查看或退出电脑上的登录。" />;
    case 'cancelled':
      return <Notice title="已取消登录" text="电脑上的工作台未登录。" />;
    case 'asking':
      return (
        <Question
          details={step.details}
          busy={step.busy}
          onConfirm={() =>
            void answer(step.details, () => confirmDesktopLogin(ticket), { kind: 'confirmed' })
          }
          onCancel={() => void answer(step.details, () => cancelDesktopLogin(ticket), { kind: 'cancelled' })}
        />
      );
  }
}

/**
 * What a desktop's 工作台登录 code opens: which browser asks and from where, then 确认登录 or 取消.
 * A scene that is no ticket (forged, damaged, missing) is refused here without asking the server.
 */
export default function DesktopLoginPage() {
  const { params } = useRouter();
  const scene = sceneFromQuery(params);
  const ticket = desktopLoginTicketSchema.safeParse(scene);
  if (!ticket.success)
    return (
      <View className="page desktop-login">
        <Notice title="无法登录电脑端工作台" text={apiErrorOf(DesktopLoginError.TicketNotFound).message} />
      </View>
    );
  return (
    <SignedInPage className="page desktop-login" loginText="登录后才能确认电脑端工作台的登录">
      {() => <Confirmation ticket={ticket.data} />}
    </SignedInPage>
  );
}
