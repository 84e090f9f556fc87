import { Text, View } from '@tarojs/components';
import { Card, Section } from '@/components/section';
import './index.scss';

const SECTIONS = [
  {
    title: '我们收集哪些信息',
    items: [
      '微信身份标识（openid）：您登录时由微信提供，用于识别您的账号。我们不获取您的微信昵称、头像或好友关系。',
      '手机号：仅在您点击“绑定手机号”并在微信中同意后获取，用于核实您的会员单位联系人身份。',
      '会员单位信息：后续开放入会申请后，您主动填写的单位名称、联系人等信息。',
      '操作记录：登录、绑定手机号等操作的时间与网络地址，用于账号安全与问题排查。',
    ],
  },
  {
    title: '我们为什么使用这些信息',
    items: [
      '为您提供登录、会员身份确认、入会申请与会员服务。',
      '保障账号安全，防止他人冒用。',
      '我们不会将您的信息用于广告，也不会出售或提供给无关的第三方。',
    ],
  },
  {
    title: '保存多久',
    items: [
      '账号信息在您使用服务期间保存；您可随时退出登录。',
      '如需注销账号或删除手机号等信息，请联系我们，我们将在核实身份后 15 个工作日内处理。',
      '操作记录保存不超过 1 年，用于安全审计。',
    ],
  },
  {
    title: '联系我们',
    items: ['对本政策或您的个人信息有任何疑问，请发送邮件至 hyfw@itss.cn，我们将尽快答复。'],
  },
];

export default function PrivacyPage() {
  return (
    <View className="page privacy">
      <Text className="privacy__intro">
        ITSS
        分会会员服务小程序重视您的个人信息保护。本政策用简明的语言说明我们收集哪些信息、为什么收集、保存多久，以及如何联系我们。
      </Text>
      {SECTIONS.map((section) => (
        <Section key={section.title} title={section.title}>
          <Card className="privacy__card">
            {section.items.map((item) => (
              <Text key={item} className="privacy__item">
                {item}
              </Text>
            ))}
          </Card>
        </Section>
      ))}
    </View>
  );
}
