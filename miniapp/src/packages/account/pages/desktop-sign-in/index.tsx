import { View } from '@tarojs/components';
import { DesktopSignIn, DesktopSignInElsewhere } from '@/components/desktop-sign-in';
import { isH5 } from '@/services/session';
import './index.scss';

/** 工作台登录 in the browser (also in development, beside the demo personas); the 工作台 follows. */
export default function DesktopSignInPage() {
  return (
    <View className="page desktop-sign-in-page">
      {isH5() ? <DesktopSignIn /> : <DesktopSignInElsewhere />}
    </View>
  );
}
