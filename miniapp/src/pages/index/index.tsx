import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ArticleSummary, type AssociationResponse, type ServicesResponse } from '@itss/shared';
import { useEffect, useRef } from 'react';
import { ArticleRow } from '@/components/article-row';
import { Card, Section } from '@/components/section';
import { EmptyState, RequestView } from '@/components/state';
import { getAssociation, getServices } from '@/packages/association/api';
import { JoinStatus } from '@/packages/join/components/join-status';
import { getArticles } from '@/packages/news/api';
import type { RequestState } from '@/services/useRequest';
import { takeBrowserEntry } from '@/services/scene';
import { useViewerKey } from '@/services/session';
import { usePullToRefresh } from '@/components/kit/use-pull-to-refresh';
import { useRequest } from '@/services/useRequest';
import { openPage, openTab } from '@/utils/actions';
import { HOME_ENTRIES } from '@/registry';
import './index.scss';
import { ROUTES, routeUrl } from '@/routes';

interface HomeData {
  association: AssociationResponse;
  services: ServicesResponse;
}

async function loadHome(): Promise<HomeData> {
  const [association, services] = await Promise.all([getAssociation(), getServices()]);
  return { association, services };
}

interface HomeNews {
  pinned: ArticleSummary[];
  latest: ArticleSummary[];
}

const PINNED_COUNT = 5;
const LATEST_COUNT = 5;

/**
 * A pinned article is also among the latest: it is shown once, under 置顶, so the latest are
 * asked for enough to still fill 最新资讯 without it.
 */
async function loadNews(): Promise<HomeNews> {
  const [pinned, latest] = await Promise.all([
    getArticles({ pinned: true, limit: PINNED_COUNT }),
    getArticles({ limit: PINNED_COUNT + LATEST_COUNT }),
  ]);
  const shown = new Set(pinned.items.map((article) => article.id));
  return {
    pinned: pinned.items,
    latest: latest.items.filter((article) => !shown.has(article.id)).slice(0, LATEST_COUNT),
  };
}

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
      {HOME_ENTRIES.map((link) => (
        <View key={link.key} className="home-links__item" onClick={() => openPage(link.route)}>
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

/**
 * 置顶 (only when staff pinned something) and 最新资讯. A failure here leaves the rest of the
 * page standing: the news says so in its own place, and pull-down or a tap loads it again.
 */
function News({ news, onRetry }: { news: RequestState<HomeNews>; onRetry: () => void }) {
  const more = { text: '更多', open: () => openTab(ROUTES.news) };
  if (news.status === 'loading')
    return (
      <Section title="最新资讯" more={more}>
        <Card className="home-news">
          <Text className="home-news__note">资讯加载中…</Text>
        </Card>
      </Section>
    );
  if (news.status === 'error')
    return (
      <Section title="最新资讯" more={more}>
        <Card className="home-news">
          <Text className="home-news__note" onClick={onRetry}>
            {`资讯暂时无法加载：${news.error.message}（点此重新加载）`}
          </Text>
        </Card>
      </Section>
    );
  const { pinned, latest } = news.data;
  return (
    <>
      {pinned.length ? (
        <Section title="置顶" className="home-pinned">
          <Card className="home-news">
            {pinned.map((article) => (
              <ArticleRow key={article.id} article={article} />
            ))}
          </Card>
        </Section>
      ) : null}
      <Section title="最新资讯" more={more} className="home-latest">
        <Card className="home-news">
          {latest.length ? (
            latest.map((article) => <ArticleRow key={article.id} article={article} />)
          ) : (
            <Text className="home-news__note">暂无资讯</Text>
          )}
        </Card>
      </Section>
    </>
  );
}

function HomeContent({
  association,
  services,
  news,
  onNewsRetry,
}: HomeData & { news: RequestState<HomeNews>; onNewsRetry: () => void }) {
  return (
    <View>
      <Hero association={association} />
      <QuickLinks />
      <JoinStatus />
      <News news={news} onRetry={onNewsRetry} />
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
  const news = useRequest(loadNews);
  // A tab page stays alive: signing in or out on 我的 changes which articles are locked. The
  // first load waits for the launch's login itself (getArticles), so only later changes reload.
  const viewer = useViewerKey();
  const settledViewerRef = useRef('loading');
  const refreshNews = news.refresh;
  useEffect(() => {
    if (viewer === 'loading') return;
    const previous = settledViewerRef.current;
    settledViewerRef.current = viewer;
    if (previous !== 'loading' && previous !== viewer) void refreshNews();
  }, [viewer, refreshNews]);
  usePullToRefresh(async () => {
    const [homeError, newsError] = await Promise.all([refresh(), news.refresh()]);
    return homeError ?? newsError;
  });
  useEffect(() => {
    if (takeBrowserEntry()) void Taro.navigateTo({ url: routeUrl(ROUTES.apply) });
  }, []);
  return (
    <View className="page home">
      <RequestView state={state} onRetry={() => void reload()}>
        {(data) => <HomeContent {...data} news={news.state} onNewsRetry={() => void news.reload()} />}
      </RequestView>
    </View>
  );
}
