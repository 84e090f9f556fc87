import { View } from '@tarojs/components';
import type { Me } from '@itss/shared';
import type { ComponentType, ReactNode } from 'react';
import { LoginRequired } from '@/components/login-required';
// Before the state sheet, as in every page that shows cards: the extracted CSS keeps one order.
import '@/components/section/index.scss';
import { Loading } from '@/components/state';
import { useSession } from '@/services/session';

/** A page for signed-in people: while the session loads, the spinner; signed out, 登录 with why. */
export function SignedInPage({
  className,
  loginText,
  content: Content,
  children,
}: {
  className: string;
  /** What signing in gives, e.g. 登录后查看消息. */
  loginText: string;
  /** The page's content, given the person; or `children` when it needs what the page holds. */
  content?: ComponentType<{ me: Me }>;
  children?: (me: Me) => ReactNode;
}) {
  const session = useSession();
  return (
    <View className={className}>
      {session.status === 'loading' ? <Loading /> : null}
      {session.status === 'signedOut' ? <LoginRequired text={loginText} /> : null}
      {session.status !== 'signedIn' ? null : Content ? <Content me={session.me} /> : children?.(session.me)}
    </View>
  );
}
