import { Button, Text, View } from '@tarojs/components';
import { openTab } from '@/utils/actions';
import './index.scss';
import { ROUTES } from '@/routes';
import { returnHereAfterSignIn } from './return-after-sign-in';

const goSignIn = () => {
  returnHereAfterSignIn();
  openTab(ROUTES.me);
};

/**
 * What a page for signed-in people shows to someone who is not: the way to 我的, where login is,
 * and back to this page once signed in.
 */
export function LoginRequired({ text }: { text: string }) {
  return (
    <View className="login-required">
      <Text className="login-required__text">{text}</Text>
      <Button className="login-required__button" onClick={goSignIn}>
        去登录
      </Button>
    </View>
  );
}
