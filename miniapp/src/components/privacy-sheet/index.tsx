import { Button, Text, View } from '@tarojs/components';
import { AGREE_BUTTON_ID, answerPrivacy, usePrivacyQuestion } from '@/services/privacy';
import { openPrivacyPolicy } from '@/utils/actions';
import './index.scss';

/**
 * WeChat's privacy consent (weapp): shown while a privacy API waits. 同意 must be an
 * agreePrivacyAuthorization button, which WeChat checks was tapped before the API continues.
 */
export function PrivacySheet() {
  const asked = usePrivacyQuestion();
  if (!asked) return null;
  return (
    <View className="privacy-sheet" role="dialog" aria-label="用户隐私保护提示">
      <View className="privacy-sheet__panel">
        <Text className="privacy-sheet__title">用户隐私保护提示</Text>
        <Text className="privacy-sheet__body">
          为向您提供会员服务，本小程序需要使用您的微信身份标识，并在您同意后获取手机号。使用前请阅读
        </Text>
        <Text className="privacy-sheet__link" onClick={openPrivacyPolicy}>
          《隐私政策》
        </Text>
        <View className="privacy-sheet__actions">
          <Button className="privacy-sheet__button" onClick={() => answerPrivacy(false)}>
            拒绝
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className="privacy-sheet__button privacy-sheet__button--agree"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => answerPrivacy(true)}
            onClick={() => process.env.TARO_ENV !== 'weapp' && answerPrivacy(true)}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  );
}
