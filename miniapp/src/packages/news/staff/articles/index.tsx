import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import {
  ARTICLE_CATEGORIES,
  ARTICLE_CATEGORY_NAMES,
  ARTICLE_STATE_NAMES,
  ARTICLE_VISIBILITY_NAMES,
  type ArticleManageItem,
  type ArticleState,
} from '@itss/shared';
import { useRef, useState } from 'react';
import { RequestView } from '@/components/state';
import { getManagedArticles, type ArticleManageFilters } from '@/services/article-manage';
import { useKeysetList } from '@/services/useKeysetList';
import { usePullToRefresh } from '@/services/usePullToRefresh';
import { formatBeijingTime } from '@/utils/format';
import { KeysetRows } from '@/packages/staff/components/keyset-rows';
import { Chips } from '@/packages/staff/components/units';
import '@/packages/staff/components/queue.scss';
import '@/packages/staff/components/articles.scss';
import './index.scss';

/** The states staff filter by; 待审核 and 未通过 are the submissions' own queue. */
const STATE_FILTERS = [
  'draft',
  'published',
  'unpublished',
  'archived',
] as const satisfies readonly ArticleState[];

const openPage = (url: string) => () => void Taro.navigateTo({ url });

function ArticleRow({ article }: { article: ArticleManageItem }) {
  return (
    <View
      className="queue-row article-row"
      onClick={openPage(`/packages/news/staff/article-edit/index?id=${article.id}`)}
    >
      <View className="queue-row__head">
        <Text className="article-row__title">{article.title}</Text>
        <Text className={`article-state article-state--${article.state}`}>
          {ARTICLE_STATE_NAMES[article.state]}
        </Text>
      </View>
      <View className="article-row__tags">
        <Text className="queue-row__level">{ARTICLE_CATEGORY_NAMES[article.category]}</Text>
        <Text className="queue-row__level">{ARTICLE_VISIBILITY_NAMES[article.visibility]}</Text>
        {article.pinned ? <Text className="article-state article-state--pinned">置顶</Text> : null}
      </View>
      <Text className="queue-row__meta">
        更新于 {formatBeijingTime(article.updatedAt)}
        {article.publishedAt ? ` · 阅读 ${article.readCount}` : ''}
      </Text>
    </View>
  );
}

/** One filter's list; a new filter mounts a new one, so paging always starts over. */
function Articles({ filters }: { filters: ArticleManageFilters }) {
  const { state, reload, refresh, loadMore } = useKeysetList(
    (cursor: string | null) => getManagedArticles(filters, cursor),
    (page) => page.nextCursor,
  );
  usePullToRefresh(refresh);
  useReachBottom(() => void loadMore());
  const shownRef = useRef(false);
  // Back from the editor: an article was saved, published or archived.
  useDidShow(() => {
    if (shownRef.current) void refresh();
    shownRef.current = true;
  });
  const filtered = Boolean(filters.q || filters.state || filters.category);
  return (
    <RequestView
      state={state}
      onRetry={() => void reload()}
      isEmpty={(list) => !list.items.length}
      emptyText={filtered ? '没有符合条件的文章' : '还没有文章，点「新建文章」开始'}
    >
      {(list) => (
        <KeysetRows list={list} onMore={() => void loadMore()}>
          {(article) => <ArticleRow key={article.id} article={article} />}
        </KeysetRows>
      )}
    </RequestView>
  );
}

export default function ArticlesPage() {
  const [filters, setFilters] = useState<ArticleManageFilters>({});
  const [text, setText] = useState('');
  const search = () => setFilters((previous) => ({ ...previous, q: text.trim() || undefined }));
  return (
    <View className="page staff-page articles-page">
      <View className="articles-actions">
        <Button
          className="articles-actions__button articles-actions__button--primary articles-page__new"
          size="mini"
          onClick={openPage('/packages/news/staff/article-edit/index')}
        >
          新建文章
        </Button>
      </View>
      <View className="articles-search">
        <Input
          className="articles-search__input articles-page__search"
          confirmType="search"
          maxlength={40}
          placeholder="搜索标题"
          value={text}
          onInput={(event) => setText(event.detail.value)}
          onConfirm={search}
        />
        <Button className="articles-search__button" size="mini" onClick={search}>
          搜索
        </Button>
      </View>
      <Chips
        className="articles-filter articles-page__states"
        options={STATE_FILTERS}
        names={ARTICLE_STATE_NAMES}
        anyLabel="全部"
        value={filters.state as (typeof STATE_FILTERS)[number] | undefined}
        onChange={(state) => setFilters((previous) => ({ ...previous, state }))}
      />
      <Chips
        className="articles-filter articles-page__categories"
        options={ARTICLE_CATEGORIES}
        names={ARTICLE_CATEGORY_NAMES}
        anyLabel="全部栏目"
        value={filters.category}
        onChange={(category) => setFilters((previous) => ({ ...previous, category }))}
      />
      <Articles
        key={`${filters.q ?? ''}|${filters.state ?? ''}|${filters.category ?? ''}`}
        filters={filters}
      />
    </View>
  );
}
