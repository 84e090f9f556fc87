import { Button, Text, View } from '@tarojs/components';
import { openTab } from '@/utils/actions';
import './index.scss';
import { ROUTES } from '@/routes';

/** What a page for signed-in people shows to someone who is not: the way to 我的, where login is. */
export function LoginRequired({ text }: { text: string }) {
  return (
    <View className="login-required">
      <Text className="login-required__text">{text}</Text>
      <Button className="login-required__button" onClick={() => openTab(ROUTES.me)}>
        去登录
      </Button>
    </View>
  );
}
