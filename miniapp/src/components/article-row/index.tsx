import { Text, View } from '@tarojs/components';
import { ARTICLE_CATEGORY_NAMES, ARTICLE_VISIBILITY_NAMES, type ArticleSummary } from '@itss/shared';
import { ArticleImage } from '@/components/article-image';
import { openArticle } from '@/utils/actions';
import { formatBeijingDate } from '@/utils/format';
import './index.scss';

/** One article in a list (首页, 资讯): tap opens it. */
export function ArticleRow({ article }: { article: ArticleSummary }) {
  return (
    <View
      className={`article-row${article.locked ? ' article-row--locked' : ''}`}
      onClick={() => openArticle(article.id)}
    >
      <View className="article-row__main">
        <Text className="article-row__title">{article.title}</Text>
        {article.summary ? <Text className="article-row__summary">{article.summary}</Text> : null}
        <View className="article-row__meta">
          {article.pinned ? <Text className="article-row__pinned">置顶</Text> : null}
          <Text className="article-row__category">{ARTICLE_CATEGORY_NAMES[article.category]}</Text>
          <Text className="article-row__date">{formatBeijingDate(article.publishedAt)}</Text>
          {article.locked ? (
            <Text className="article-row__lock">{ARTICLE_VISIBILITY_NAMES[article.visibility]}</Text>
          ) : null}
        </View>
      </View>
      {article.coverUrl ? (
        <ArticleImage
          className="article-row__cover"
          url={article.coverUrl}
          needsToken={article.visibility !== 'public'}
        />
      ) : null}
    </View>
  );
}
