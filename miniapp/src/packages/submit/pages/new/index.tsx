import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  ARTICLE_CATEGORY_NAMES,
  UNIT_ARTICLE_CATEGORIES,
  createSubmissionRequestSchema,
  type UnitArticleCategory,
} from '@itss/shared';
import { useState } from 'react';
import { keyBlocks, type EditorBlock } from '@/components/article-editor';
import { blocksToHtml } from '@/components/article-editor/blocks';
import {
  ArticleField,
  BodySection,
  CoverField,
  type Cover,
  TitleFields,
} from '@/components/article-editor/fields';
import { ArticlePreview } from '@/components/article-editor/preview';
import { BusyButton, fieldErrors, fieldErrorsOf, FormFailure, type FieldErrors } from '@/components/kit/form';
import { Card } from '@/components/section';
import { createSubmission } from '@/packages/submit/api';
import { toApiError } from '@/services/http';
import { UnitContactsOnly } from '../../unit-contacts-only';
import '../../submit.scss';
import { ROUTES, routeUrl } from '@/routes';
import { showModal } from '@/services/modal';

function Submitted() {
  return (
    <View className="page submit-page">
      <View className="submit-done">
        <Text className="submit-done__title">已提交，等待审核</Text>
        <Text className="submit-done__text">
          工作人员审核后会在「消息」中告诉您结果，通过后将发布在资讯中。
        </Text>
        <Button
          className="submit-button submit-button--primary submit-done__mine"
          onClick={() => void Taro.redirectTo({ url: routeUrl(ROUTES.mySubmissions) })}
        >
          查看我的投稿
        </Button>
      </View>
    </View>
  );
}

function SubmissionForm({ unitName }: { unitName: string }) {
  const [category, setCategory] = useState<UnitArticleCategory>('member_showcase');
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [cover, setCover] = useState<Cover | null>(null);
  const [blocks, setBlocks] = useState<EditorBlock[]>(() => keyBlocks([{ kind: 'paragraph', text: '' }]));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const [done, setDone] = useState(false);
  const body = blocksToHtml(blocks.map((item) => item.block));

  const submit = async () => {
    const parsed = createSubmissionRequestSchema.safeParse({
      category,
      title,
      summary,
      body,
      coverFileId: cover?.fileId ?? null,
    });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      setError('请按提示修改后再提交');
      return;
    }
    setErrors({});
    setError(null);
    setBusy(true);
    try {
      await createSubmission(parsed.data);
      setDone(true);
    } catch (thrown) {
      const apiError = toApiError(thrown);
      setErrors(fieldErrorsOf(apiError));
      setError(apiError.message);
    } finally {
      setBusy(false);
    }
  };

  if (done) return <Submitted />;
  return (
    <View className="page submit-page submit-form">
      {previewing ? (
        <Card>
          <ArticlePreview
            title={title.trim()}
            meta={`${ARTICLE_CATEGORY_NAMES[category]} · ${unitName}`}
            summary={summary.trim()}
            coverUrl={cover?.url ?? null}
            body={body}
          />
        </Card>
      ) : (
        <>
          <Card className="article-form">
            <ArticleField label="栏目">
              <View className="article-form__row">
                {UNIT_ARTICLE_CATEGORIES.map((option) => (
                  <View
                    key={option}
                    className={`submit-chip${option === category ? ' submit-chip--active' : ''}`}
                    onClick={() => setCategory(option)}
                  >
                    {ARTICLE_CATEGORY_NAMES[option]}
                  </View>
                ))}
              </View>
            </ArticleField>
            <TitleFields
              title={title}
              summary={summary}
              onChange={(change) => {
                if (change.title !== undefined) setTitle(change.title);
                if (change.summary !== undefined) setSummary(change.summary);
              }}
              errors={errors}
              prefix="submit-form"
              placeholders={{ title: '投稿标题', summary: '一两句话介绍内容' }}
            />
            <CoverField
              cover={cover}
              onChange={setCover}
              onError={(failure) =>
                showModal({ title: '图片未上传', content: failure.message, showCancel: false })
              }
              buttonClassName="submit-form__cover"
            />
          </Card>
          <BodySection
            hint="可添加小标题、段落、列表和图片"
            blocks={blocks}
            onChange={setBlocks}
            error={errors.body}
          />
        </>
      )}
      <FormFailure className="article-form__error submit-form__error" message={error} />
      <View className="article-form__actions">
        <Button className="submit-button submit-form__preview" onClick={() => setPreviewing(!previewing)}>
          {previewing ? '返回编辑' : '预览'}
        </Button>
        <BusyButton
          className="submit-button submit-button--primary submit-form__submit"
          busy={busy}
          onClick={() => void submit()}
        >
          提交审核
        </BusyButton>
      </View>
    </View>
  );
}

export default function NewSubmissionPage() {
  return <UnitContactsOnly>{(unit) => <SubmissionForm unitName={unit.name} />}</UnitContactsOnly>;
}
