import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  ARTICLE_CATEGORY_NAMES,
  UNIT_ARTICLE_CATEGORIES,
  articleFileUrl,
  createSubmissionRequestSchema,
  isUnitArticleCategory,
  type ArticleDraft,
  type UnitArticleCategory,
} from '@itss/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { keyBlocks, type EditorBlock } from '@/components/article-editor';
import { blocksToHtml, htmlToBlocks } from '@/components/article-editor/blocks';
import {
  ArticleField,
  BodySection,
  CoverField,
  type Cover,
  TitleFields,
} from '@/components/article-editor/fields';
import { ArticlePreview } from '@/components/article-editor/preview';
import {
  BusyButton,
  fieldErrors,
  fieldErrorsOf,
  FormFailure,
  type FieldErrors,
  useRevealFirstError,
} from '@/components/kit/form';
import {
  DRAFT_STATUS_TEXT,
  type DraftSaveStatus,
  useDraftAutosave,
} from '@/components/kit/use-draft-autosave';
import { useLeaveGuard } from '@/components/kit/use-leave-guard';
import { Card } from '@/components/section';
import { RequestView } from '@/components/state';
import { createSubmission, getSubmissionDraft, saveSubmissionDraft } from '@/packages/submit/api';
import { toApiError } from '@/services/http';
import { useRequest } from '@/services/useRequest';
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

const SAVE_STATUS_TEXT: Record<DraftSaveStatus, string> = {
  idle: '填写内容会自动保存为草稿，换手机登录也能继续',
  ...DRAFT_STATUS_TEXT,
};

const emptyBlocks = () => keyBlocks([{ kind: 'paragraph', text: '' }]);

/** Only the fields a submission has, as the draft keeps them. */
function draftOfForm(form: {
  category: UnitArticleCategory;
  title: string;
  summary: string;
  body: string;
  cover: Cover | null;
}): ArticleDraft {
  return {
    category: form.category,
    title: form.title,
    summary: form.summary,
    body: form.body,
    ...(form.cover && { coverFileId: form.cover.fileId }),
  };
}

function SubmissionForm({ unitName, saved }: { unitName: string; saved: ArticleDraft | null }) {
  const [category, setCategory] = useState<UnitArticleCategory>(() =>
    saved?.category && isUnitArticleCategory(saved.category) ? saved.category : 'member_showcase',
  );
  const [title, setTitle] = useState(saved?.title ?? '');
  const [summary, setSummary] = useState(saved?.summary ?? '');
  const [cover, setCover] = useState<Cover | null>(() =>
    saved?.coverFileId ? { fileId: saved.coverFileId, url: articleFileUrl(saved.coverFileId) } : null,
  );
  const [blocks, setBlocks] = useState<EditorBlock[]>(() =>
    saved?.body ? keyBlocks(htmlToBlocks(saved.body)) : emptyBlocks(),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const revealFirstError = useRevealFirstError();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const [done, setDone] = useState(false);
  const body = blocksToHtml(blocks.map((item) => item.block));
  const autosave = useDraftAutosave(saveSubmissionDraft);
  useLeaveGuard(autosave.unsaved);

  // Saved whenever what the person wrote differs from what was last kept (or restored).
  const draft = useMemo(
    () => draftOfForm({ category, title, summary, body, cover }),
    [category, title, summary, body, cover],
  );
  const keptRef = useRef(JSON.stringify(draft));
  const { schedule } = autosave;
  useEffect(() => {
    const json = JSON.stringify(draft);
    if (json === keptRef.current) return;
    keptRef.current = json;
    schedule(draft);
  }, [draft, schedule]);

  /** A field's message goes as soon as the field is changed. */
  const fixed = useCallback((...fields: string[]) => {
    setErrors((previous) => {
      if (!fields.some((field) => previous[field])) return previous;
      const rest = { ...previous };
      for (const field of fields) delete rest[field];
      return rest;
    });
  }, []);

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
      revealFirstError();
      return;
    }
    setErrors({});
    setError(null);
    setBusy(true);
    // The server clears the draft with the submission: a late autosave must not bring it back.
    autosave.cancel();
    try {
      await createSubmission(parsed.data);
      setDone(true);
    } catch (thrown) {
      const apiError = toApiError(thrown);
      setErrors(fieldErrorsOf(apiError));
      setError(apiError.message);
      revealFirstError();
      autosave.schedule(draft);
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
                    onClick={() => {
                      setCategory(option);
                      fixed('category');
                    }}
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
                fixed(...Object.keys(change));
              }}
              errors={errors}
              prefix="submit-form"
              placeholders={{ title: '投稿标题', summary: '一两句话介绍内容' }}
            />
            <CoverField
              cover={cover}
              onChange={(next) => {
                setCover(next);
                fixed('coverFileId');
              }}
              onError={(failure) =>
                showModal({ title: '图片未上传', content: failure.message, showCancel: false })
              }
              buttonClassName="submit-form__cover"
            />
          </Card>
          <Text className="draft-status">{SAVE_STATUS_TEXT[autosave.status]}</Text>
          <BodySection
            hint="可添加小标题、段落、列表和图片"
            blocks={blocks}
            onChange={(next) => {
              setBlocks(next);
              fixed('body');
            }}
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

/** The form as the person left it, on this phone or another. */
function SubmissionDraftLoader({ unitName }: { unitName: string }) {
  const { state, reload } = useRequest(getSubmissionDraft);
  return (
    <RequestView state={state} onRetry={() => void reload()}>
      {({ draft }) => <SubmissionForm unitName={unitName} saved={draft} />}
    </RequestView>
  );
}

export default function NewSubmissionPage() {
  return <UnitContactsOnly>{(unit) => <SubmissionDraftLoader unitName={unit.name} />}</UnitContactsOnly>;
}
