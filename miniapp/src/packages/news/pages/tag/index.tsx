import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { ArticleRow } from '@/components/article-row';
import { KeysetListView, useKeysetPage } from '@/components/kit/keyset-list';
import { EmptyState, Loading } from '@/components/state';
import { getArticles } from '@/packages/news/api';
import { useViewerKey } from '@/services/session';
import './index.scss';

/** The published articles that carry one tag (`?tag=`), newest first: tapped on an article. */
function Tagged({ tag }: { tag: string }) {
  const list = useKeysetPage(
    (cursor: string | null) => getArticles({ tag }, cursor),
    (page) => page.nextCursor,
  );
  return (
    <KeysetListView list={list} block="tag-articles" emptyText={`暂无标签为「${tag}」的资讯`}>
      {(article) => <ArticleRow key={article.id} article={article} />}
    </KeysetListView>
  );
}

/** The router hands the query over still URL-encoded, as WeChat does. */
function tagOf(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '').trim();
  } catch {
    return '';
  }
}

export default function TagPage() {
  const tag = tagOf(useRouter().params.tag);
  const viewer = useViewerKey();
  useEffect(() => {
    if (tag) void Taro.setNavigationBarTitle({ title: `#${tag}` });
  }, [tag]);
  return (
    <View className="page tag-articles-page">
      <View className="tag-articles-head">
        <Text className="tag-articles-head__tag">{`#${tag}`}</Text>
      </View>
      {!tag ? <EmptyState text="没有指定标签" /> : null}
      {tag && viewer === 'loading' ? <Loading /> : null}
      {tag && viewer !== 'loading' ? <Tagged key={`${viewer}|${tag}`} tag={tag} /> : null}
    </View>
  );
}
