import { View } from '@tarojs/components';
import { ARTICLE_CATEGORIES, ARTICLE_CATEGORY_NAMES, type ArticleCategory } from '@itss/shared';
import { ArticleRow } from '@/components/article-row';
import { KeysetListView, useFilters, useKeysetPage } from '@/components/kit/keyset-list';
import { SearchBar } from '@/components/kit/search-bar';
import { Tabs, tabsOf } from '@/components/kit/tabs';
import { Loading } from '@/components/state';
import { getArticles } from '@/packages/news/api';
import { useViewerKey } from '@/services/session';
import './index.scss';

interface Filters {
  category?: ArticleCategory;
  q?: string;
}

const TABS = tabsOf(ARTICLE_CATEGORIES, ARTICLE_CATEGORY_NAMES);

function emptyText({ category, q }: Filters): string {
  if (q) return `没有找到含「${q}」的${category ? ARTICLE_CATEGORY_NAMES[category] : '资讯'}`;
  return category ? `暂无${ARTICLE_CATEGORY_NAMES[category]}` : '暂无资讯';
}

/** One filter's list; a new filter mounts a new one, so paging starts over. */
function News({ filters }: { filters: Filters }) {
  const list = useKeysetPage(
    (cursor: string | null) => getArticles(filters, cursor),
    (page) => page.nextCursor,
  );
  return (
    <KeysetListView list={list} block="news" emptyText={emptyText(filters)}>
      {(article) => <ArticleRow key={article.id} article={article} />}
    </KeysetListView>
  );
}

export default function NewsPage() {
  const { filters, patch, key } = useFilters<Filters>({});
  // A tab page stays alive: signing in on 我的 must unlock what this list showed locked.
  const viewer = useViewerKey();
  return (
    <View className="page news">
      <View className="news-head">
        <SearchBar
          block="news-search"
          placeholder="搜索资讯标题、正文"
          maxlength={40}
          initial={filters.q ?? ''}
          onSearch={(q) => patch({ q: q || undefined })}
        />
        <Tabs
          block="news-tabs"
          scroll
          tabs={TABS}
          value={filters.category}
          onChange={(category) => patch({ category })}
        />
      </View>
      {viewer === 'loading' ? <Loading /> : <News key={`${viewer}|${key}`} filters={filters} />}
    </View>
  );
}
