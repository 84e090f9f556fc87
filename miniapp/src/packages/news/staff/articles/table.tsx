import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  ARTICLE_CATEGORIES,
  ARTICLE_CATEGORY_NAMES,
  ARTICLE_STATE_NAMES,
  ARTICLE_STATES,
  ARTICLE_VISIBILITY_NAMES,
  type ArticleManageItem,
} from '@itss/shared';
import type { ReactNode } from 'react';
import { StatusBadge } from '@/components/kit/badges';
import { DataTable, type DataColumn, type TableSort } from '@/components/kit/data-table';
import { useKeysetPage } from '@/components/kit/keyset-list';
import { getManagedArticles, type ArticleManageFilters } from '@/packages/news/api';
import { ROUTES, routeUrl } from '@/routes';
import { formatBeijingTime } from '@/utils/format';

const COLUMNS: DataColumn<ArticleManageItem>[] = [
  {
    key: 'title',
    title: '标题',
    width: 4,
    sortValue: (article) => article.title,
    cell: (article) => (
      <>
        <Text className="articles-table__title">{article.title}</Text>
        {article.pinned ? <Text className="article-state article-state--pinned">置顶</Text> : null}
      </>
    ),
  },
  {
    key: 'category',
    title: '栏目',
    width: 1.2,
    sortValue: (article) => ARTICLE_CATEGORIES.indexOf(article.category),
    cell: (article) => ARTICLE_CATEGORY_NAMES[article.category],
  },
  {
    key: 'visibility',
    title: '可见范围',
    width: 1.2,
    cell: (article) => ARTICLE_VISIBILITY_NAMES[article.visibility],
  },
  {
    key: 'state',
    title: '状态',
    sortValue: (article) => ARTICLE_STATES.indexOf(article.state),
    cell: (article) => (
      <StatusBadge block="article-state" state={article.state} names={ARTICLE_STATE_NAMES} />
    ),
  },
  {
    key: 'reads',
    title: '阅读',
    width: 0.8,
    align: 'end',
    // Only a published article has readers; the others sort last.
    sortValue: (article) => (article.publishedAt ? article.readCount : null),
    cell: (article) => (article.publishedAt ? String(article.readCount) : '—'),
  },
  {
    key: 'updated',
    title: '更新时间',
    width: 1.6,
    sortValue: (article) => article.updatedAt,
    cell: (article) => formatBeijingTime(article.updatedAt),
  },
];

/** One filter's articles as a table; a new filter mounts a new one, so paging starts over. */
export function ArticlesTable({
  filters,
  toolbar,
  sort,
  onSortChange,
}: {
  filters: ArticleManageFilters;
  toolbar: ReactNode;
  sort: TableSort | null;
  onSortChange: (sort: TableSort) => void;
}) {
  // Back from the editor: an article was saved, published or archived.
  const list = useKeysetPage(
    (cursor: string | null) => getManagedArticles(filters, cursor),
    (page) => page.nextCursor,
    { refreshOnShow: true, reachBottom: false },
  );
  const filtered = Boolean(filters.q || filters.state || filters.category);
  return (
    <DataTable
      className="articles-table"
      list={list}
      columns={COLUMNS}
      rowKey={(article) => article.id}
      onRowClick={(article) =>
        void Taro.navigateTo({ url: routeUrl(ROUTES.articleEdit, { id: article.id }) })
      }
      toolbar={toolbar}
      emptyText={filtered ? '没有符合条件的文章' : '还没有文章，点「新建文章」开始'}
      sort={sort}
      onSortChange={onSortChange}
    />
  );
}
