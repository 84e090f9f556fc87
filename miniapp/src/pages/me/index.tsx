import { Text, View } from '@tarojs/components';
import { Card, Section } from '../../components/section';
import { openTab } from '../../utils/actions';
import './index.scss';

const UPCOMING = [
  { title: '微信登录', desc: '使用微信身份登录，绑定所在单位' },
  { title: '在线入会申请', desc: '填写单位信息，随时查看审核进度' },
  { title: '会员单位认证', desc: '认证后可申请加入会员微信群' },
  { title: '会费与权益', desc: '查看本单位会员级别、会费缴纳情况' },
];

export default function MePage() {
  return (
    <View className="page me">
      <View className="me-profile">
        <View className="me-profile__avatar">
          <View className="me-profile__avatar-head" />
          <View className="me-profile__avatar-body" />
        </View>
        <View className="me-profile__info">
          <Text className="me-profile__name">未登录</Text>
          <Text className="me-profile__desc">登录与会员功能即将上线</Text>
        </View>
      </View>
      <Section title="即将上线">
        <Card className="me-upcoming">
          {UPCOMING.map((item) => (
            <View key={item.title} className="me-upcoming__item">
              <View className="me-upcoming__dot" />
              <View className="me-upcoming__body">
                <Text className="me-upcoming__title">{item.title}</Text>
                <Text className="me-upcoming__desc">{item.desc}</Text>
              </View>
              <Text className="me-upcoming__badge">敬请期待</Text>
            </View>
          ))}
        </Card>
      </Section>
      <Section title="需要帮助">
        <Card className="me-help">
          <View className="me-help__row" onClick={() => openTab('contact')}>
            <Text className="me-help__text">入会咨询请联系会员服务部</Text>
            <View className="link-arrow" />
          </View>
        </Card>
      </Section>
    </View>
  );
}
