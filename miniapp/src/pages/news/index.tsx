import { Button, Input, ScrollView, Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import {
  ARTICLE_CATEGORIES,
  ARTICLE_CATEGORY_NAMES,
  type ArticleCategory,
  type ArticleSummary,
} from '@itss/shared';
import { useState } from 'react';
import { ArticleRow } from '@/components/article-row';
import { Loading, RequestView } from '@/components/state';
import { getArticles } from '@/packages/news/api';
import { useKeysetList, type KeysetList } from '@/services/useKeysetList';
import { useViewerKey } from '@/services/session';
import { usePullToRefresh } from '@/services/usePullToRefresh';
import './index.scss';

interface Filters {
  category?: ArticleCategory;
  q?: string;
}

const TABS: { category?: ArticleCategory; name: string }[] = [
  { name: '全部' },
  ...ARTICLE_CATEGORIES.map((category) => ({ category, name: ARTICLE_CATEGORY_NAMES[category] })),
];

function CategoryTabs({
  category,
  onChange,
}: {
  category?: ArticleCategory;
  onChange: (category?: ArticleCategory) => void;
}) {
  return (
    <ScrollView className="news-tabs" scrollX enableFlex>
      {TABS.map((tab) => (
        <View
          key={tab.category ?? 'all'}
          className={`news-tabs__tab${tab.category === category ? ' news-tabs__tab--active' : ''}`}
          onClick={() => onChange(tab.category)}
        >
          {tab.name}
        </View>
      ))}
    </ScrollView>
  );
}

function SearchBox({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(initial);
  return (
    <View className="news-search">
      <Input
        className="news-search__input"
        value={text}
        placeholder="搜索资讯标题、摘要"
        confirmType="search"
        maxlength={40}
        onInput={(event) => setText(event.detail.value)}
        onConfirm={() => onSearch(text.trim())}
      />
      <Text className="news-search__button" onClick={() => onSearch(text.trim())}>
        搜索
      </Text>
    </View>
  );
}

function NewsList({ list, onMore }: { list: KeysetList<ArticleSummary>; onMore: () => void }) {
  return (
    <>
      <View className="news-list">
        {list.items.map((article) => (
          <ArticleRow key={article.id} article={article} />
        ))}
      </View>
      {list.moreError ? (
        <View className="news-more-error" role="alert">
          {list.moreError.message}
        </View>
      ) : null}
      {list.hasMore ? (
        <Button
          className="news-more"
          loading={list.loadingMore}
          disabled={list.loadingMore || undefined}
          onClick={onMore}
        >
          加载更多
        </Button>
      ) : (
        <Text className="news-end">没有更多了</Text>
      )}
    </>
  );
}

function emptyText({ category, q }: Filters): string {
  if (q) return `没有找到含「${q}」的${category ? ARTICLE_CATEGORY_NAMES[category] : '资讯'}`;
  return category ? `暂无${ARTICLE_CATEGORY_NAMES[category]}` : '暂无资讯';
}

/** One filter's list; a new filter mounts a new one, so paging starts over. */
function News({ filters }: { filters: Filters }) {
  const { state, reload, refresh, loadMore } = useKeysetList(
    (cursor: string | null) => getArticles(filters, cursor),
    (page) => page.nextCursor,
  );
  usePullToRefresh(refresh);
  useReachBottom(() => void loadMore());
  return (
    <RequestView
      state={state}
      onRetry={() => void reload()}
      isEmpty={(list) => !list.items.length}
      emptyText={emptyText(filters)}
    >
      {(list) => <NewsList list={list} onMore={() => void loadMore()} />}
    </RequestView>
  );
}

export default function NewsPage() {
  const [filters, setFilters] = useState<Filters>({});
  // A tab page stays alive: signing in on 我的 must unlock what this list showed locked.
  const viewer = useViewerKey();
  return (
    <View className="page news">
      <View className="news-head">
        <SearchBox
          initial={filters.q ?? ''}
          onSearch={(q) => setFilters((previous) => ({ ...previous, q: q || undefined }))}
        />
        <CategoryTabs
          category={filters.category}
          onChange={(category) => setFilters((previous) => ({ ...previous, category }))}
        />
      </View>
      {viewer === 'loading' ? (
        <Loading />
      ) : (
        <News key={`${viewer}|${filters.category ?? ''}|${filters.q ?? ''}`} filters={filters} />
      )}
    </View>
  );
}
