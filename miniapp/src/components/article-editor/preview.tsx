import { Text, View } from '@tarojs/components';
import { ArticleBody } from '@/components/article-body';
import { ArticleImage } from '@/components/article-image';
import './index.scss';

interface ArticlePreviewProps {
  title: string;
  /** Category, unit and the like, joined in one line. */
  meta: string;
  summary: string;
  coverUrl: string | null;
  body: string;
  attachments?: { fileId: number; name: string }[];
}

/** An article or a submission as readers will see it: the body through the readers' renderer. */
export function ArticlePreview({
  title,
  meta,
  summary,
  coverUrl,
  body,
  attachments = [],
}: ArticlePreviewProps) {
  return (
    <View className="article-preview">
      <Text className="article-preview__title">{title || '（未填写标题）'}</Text>
      {meta ? <Text className="article-preview__meta">{meta}</Text> : null}
      {summary ? <Text className="article-preview__summary">{summary}</Text> : null}
      {coverUrl ? (
        <ArticleImage className="article-form__cover" mode="widthFix" url={coverUrl} needsToken />
      ) : null}
      {/* What the author previews is not public yet: its images are read with the session. */}
      <ArticleBody html={body} needsToken />
      {attachments.map((file) => (
        <Text key={file.fileId} className="article-preview__attachment">
          附件：{file.name}
        </Text>
      ))}
    </View>
  );
}
