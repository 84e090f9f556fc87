import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import {
  ARTICLE_CATEGORIES,
  ARTICLE_CATEGORY_NAMES,
  ARTICLE_STATE_NAMES,
  ARTICLE_VISIBILITY_NAMES,
  type ArticleManageItem,
  type ArticleState,
} from '@itss/shared';
import { StatusBadge } from '@/components/kit/badges';
import { getManagedArticles, type ArticleManageFilters } from '@/packages/news/api';
import { KeysetListView, useFilters, useKeysetPage } from '@/components/kit/keyset-list';
import { SearchBar } from '@/components/kit/search-bar';
import { tabsOf } from '@/components/kit/tabs';
import { formatBeijingTime } from '@/utils/format';
import { StaffChips } from '@/packages/staff/components/units';
import '@/packages/staff/components/queue.scss';
import '@/packages/staff/components/articles.scss';
import './index.scss';
import { ROUTES, routeUrl } from '@/routes';
import { StaffListPage } from '@/components/kit/staff-list-page';
import { staffOnly } from '@/components/kit/staff-page';
import type { TableSort } from '@/components/kit/data-table';
import { useWideLayout } from '@/components/kit/layout';
import { ArticlesTable } from './table';

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
      onClick={openPage(routeUrl(ROUTES.articleEdit, { id: article.id }))}
    >
      <View className="queue-row__head">
        <Text className="article-row__title">{article.title}</Text>
        <StatusBadge block="article-state" state={article.state} names={ARTICLE_STATE_NAMES} />
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
  // Back from the editor: an article was saved, published or archived.
  const list = useKeysetPage(
    (cursor: string | null) => getManagedArticles(filters, cursor),
    (page) => page.nextCursor,
    { refreshOnShow: true },
  );
  const filtered = Boolean(filters.q || filters.state || filters.category);
  return (
    <KeysetListView
      list={list}
      block="queue"
      emptyText={filtered ? '没有符合条件的文章' : '还没有文章，点「新建文章」开始'}
    >
      {(article) => <ArticleRow key={article.id} article={article} />}
    </KeysetListView>
  );
}

function ArticlesPage() {
  const wide = useWideLayout();
  const { filters, patch, key } = useFilters<ArticleManageFilters>({});
  // Kept by the page: a new filter mounts a new table, and the sort stays as it was.
  const [sort, setSort] = useState<TableSort | null>(null);
  const newButton = (
    <View className="articles-actions">
      <Button
        className="articles-actions__button articles-actions__button--primary articles-page__new"
        size="mini"
        onClick={openPage(routeUrl(ROUTES.articleEdit))}
      >
        新建文章
      </Button>
    </View>
  );
  const search = (
    <SearchBar
      block="articles-search"
      inputClassName="articles-page__search"
      button
      placeholder="搜索标题"
      maxlength={40}
      initial={filters.q}
      onSearch={(q) => patch({ q: q || undefined })}
    />
  );
  const states = (
    <StaffChips
      className={wide ? 'articles-page__states' : 'articles-filter articles-page__states'}
      tabs={tabsOf(STATE_FILTERS, ARTICLE_STATE_NAMES, '全部')}
      value={filters.state as (typeof STATE_FILTERS)[number] | undefined}
      onChange={(state) => patch({ state })}
    />
  );
  const categories = (
    <StaffChips
      className={wide ? 'articles-page__categories' : 'articles-filter articles-page__categories'}
      tabs={tabsOf(ARTICLE_CATEGORIES, ARTICLE_CATEGORY_NAMES, '全部栏目')}
      value={filters.category}
      onChange={(category) => patch({ category })}
    />
  );
  return (
    <StaffListPage
      className="articles-page"
      search={search}
      actions={newButton}
      actionsFirst
      filters={
        <>
          {states}
          {categories}
        </>
      }
      table={(toolbar) => (
        <ArticlesTable key={key} filters={filters} sort={sort} onSortChange={setSort} toolbar={toolbar} />
      )}
      list={<Articles key={key} filters={filters} />}
    />
  );
}

export default staffOnly(ArticlesPage);
