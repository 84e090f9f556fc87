import { RichText, View } from '@tarojs/components';
import { useMemo } from 'react';
import { articleRichTextNodes } from '@/services/article-html';
import './index.scss';

/** An article's body as readers see it; the editor's preview and the review page show the same. */
export function ArticleBody({ html }: { html: string }) {
  const nodes = useMemo(() => articleRichTextNodes(html), [html]);
  return (
    <View className="article-body">
      <RichText className="article-body__rich" nodes={nodes} />
    </View>
  );
}
