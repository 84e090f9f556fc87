import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { JOIN_ENTRY_PAGE, type AssociationResponse, type ServicesResponse } from '@itss/shared';
import { useEffect } from 'react';
import { Card, Section } from '@/components/section';
import { EmptyState, RequestView } from '@/components/state';
import { getAssociation, getServices } from '@/services/api';
import { takeBrowserEntry } from '@/services/scene';
import { usePullToRefresh } from '@/services/usePullToRefresh';
import { useRequest } from '@/services/useRequest';
import { openDirectory, openTab } from '@/utils/actions';
import './index.scss';

interface HomeData {
  association: AssociationResponse;
  services: ServicesResponse;
}

async function loadHome(): Promise<HomeData> {
  const [association, services] = await Promise.all([getAssociation(), getServices()]);
  return { association, services };
}

const QUICK_LINKS: { key: string; title: string; desc: string; mark: string; open: () => void }[] = [
  { key: 'membership', title: '会员权益', desc: '级别与年费', mark: '权', open: () => openTab('membership') },
  { key: 'directory', title: '会员名录', desc: '查询会员单位', mark: '录', open: openDirectory },
  { key: 'contact', title: '联系我们', desc: '会员服务部', mark: '联', open: () => openTab('contact') },
];

function Hero({ association }: { association: AssociationResponse }) {
  return (
    <View className="home-hero">
      <Text className="home-hero__short">{association.shortName}</Text>
      <Text className="home-hero__name">{association.name}</Text>
      <Text className="home-hero__tag">会员服务</Text>
    </View>
  );
}

function QuickLinks() {
  return (
    <View className="home-links">
      {QUICK_LINKS.map((link) => (
        <View key={link.key} className="home-links__item" onClick={link.open}>
          <View className="home-links__mark">{link.mark}</View>
          <View className="home-links__body">
            <Text className="home-links__title">{link.title}</Text>
            <Text className="home-links__desc">{link.desc}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

function ServiceList({ services }: { services: ServicesResponse }) {
  if (services.items.length === 0) return <EmptyState text="暂无服务内容" />;
  return (
    <Card className="home-services">
      {services.items.map((item) => (
        <View key={item.order} className="home-services__item">
          <Text className="home-services__order">{item.order}</Text>
          <Text className="home-services__text">{item.text}</Text>
        </View>
      ))}
    </Card>
  );
}

function HomeContent({ association, services }: HomeData) {
  return (
    <View>
      <Hero association={association} />
      <QuickLinks />
      <Section title="分会介绍">
        <Card>
          {association.introduction.map((paragraph) => (
            <Text key={paragraph} className="home-intro__paragraph">
              {paragraph}
            </Text>
          ))}
        </Card>
      </Section>
      <Section title="会员服务内容" hint={`共 ${services.items.length} 项`}>
        <ServiceList services={services} />
      </Section>
    </View>
  );
}

export default function HomePage() {
  const { state, reload, refresh } = useRequest(loadHome);
  usePullToRefresh(refresh);
  useEffect(() => {
    if (takeBrowserEntry()) void Taro.navigateTo({ url: `/${JOIN_ENTRY_PAGE}` });
  }, []);
  return (
    <View className="page home">
      <RequestView state={state} onRetry={() => void reload()}>
        {(data) => <HomeContent {...data} />}
      </RequestView>
    </View>
  );
}
