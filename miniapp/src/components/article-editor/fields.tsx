import { Button, Text, View } from '@tarojs/components';
import { ARTICLE_TITLE_MAX } from '@itss/shared';
import type { ComponentProps } from 'react';
import { ArticleImage } from '@/components/article-image';
import { FilePicker } from '@/components/kit/file-picker';
import { FormFailure, FormField, TextInput } from '@/components/kit/form';
import { Card, Section } from '@/components/section';
import type { ApiError } from '@/services/http';
import { ArticleEditor, type EditorBlock } from './index';
import { uploadArticleImage } from '@/packages/news/api';

/** A field of an article form (staff's editor and a member's submission share the sheet). */
export function ArticleField(props: Omit<ComponentProps<typeof FormField>, 'block' | 'className'>) {
  return <FormField block="article-form" className="article-form__field" {...props} />;
}

export interface Cover {
  fileId: number;
  url: string;
}

interface CoverFieldProps {
  cover: Cover | null;
  onChange: (cover: Cover | null) => void;
  onError: (error: ApiError) => unknown;
  /** The page's handle on the upload button. */
  buttonClassName: string;
}

/** 封面图（选填）: the picture as uploaded, with 上传封面 / 更换封面 and 移除封面. */
export function CoverField({ cover, onChange, onError, buttonClassName }: CoverFieldProps) {
  return (
    <ArticleField label="封面图（选填）">
      {cover ? (
        <ArticleImage className="article-form__cover" mode="widthFix" url={cover.url} needsToken />
      ) : null}
      <View className="article-form__row">
        <FilePicker
          kind="photo"
          className={`block-button ${buttonClassName}`}
          size="mini"
          upload={uploadArticleImage}
          onUploaded={(uploaded) => onChange({ fileId: uploaded.fileId, url: uploaded.url })}
          onError={onError}
        >
          {cover ? '更换封面' : '上传封面'}
        </FilePicker>
        {cover ? (
          <Button className="block-button block-button--danger" size="mini" onClick={() => onChange(null)}>
            移除封面
          </Button>
        ) : null}
      </View>
    </ArticleField>
  );
}

/** 正文: the block editor, with the message the contract gave for the body. */
export function BodySection({
  hint,
  blocks,
  onChange,
  error,
}: {
  hint: string;
  blocks: EditorBlock[];
  onChange: (blocks: EditorBlock[]) => void;
  error?: string;
}) {
  return (
    <Section title="正文" hint={hint}>
      <Card>
        <ArticleEditor blocks={blocks} onChange={onChange} />
        <FormFailure className="article-form__error" message={error ?? null} />
      </Card>
    </Section>
  );
}

interface TitleFieldsProps {
  title: string;
  summary: string;
  onChange: (change: { title?: string; summary?: string }) => void;
  errors: { title?: string; summary?: string };
  /** The page's handle: `<prefix>__title`, `<prefix>__summary`. */
  prefix: string;
  placeholders: { title: string; summary: string };
}

/** 标题 (with its count) and 摘要, as the reader's list shows them. */
export function TitleFields({ title, summary, onChange, errors, prefix, placeholders }: TitleFieldsProps) {
  return (
    <>
      <ArticleField label="标题" error={errors.title}>
        <TextInput
          className={`article-form__input ${prefix}__title`}
          maxlength={ARTICLE_TITLE_MAX}
          placeholder={placeholders.title}
          value={title}
          onChange={(value) => onChange({ title: value })}
        />
        {/* The input takes no more than the limit: the count says where that is. */}
        <Text
          className={`article-form__counter${title.length >= ARTICLE_TITLE_MAX ? ' article-form__counter--full' : ''}`}
        >
          {title.length}/{ARTICLE_TITLE_MAX}
        </Text>
      </ArticleField>
      <ArticleField label="摘要" error={errors.summary}>
        <TextInput
          multiline
          className={`article-form__textarea ${prefix}__summary`}
          maxlength={200}
          placeholder={placeholders.summary}
          value={summary}
          onChange={(value) => onChange({ summary: value })}
        />
      </ArticleField>
    </>
  );
}
