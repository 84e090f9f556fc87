import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  ARTICLE_CATEGORY_NAMES,
  ARTICLE_STATE_NAMES,
  ARTICLE_VISIBILITY_NAMES,
  isUnitArticleCategory,
  type ArticleDetail,
  type ArticleDraft,
  type CreateArticleRequest,
} from '@itss/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { BodySection } from '@/components/article-editor/fields';
import { blocksToHtml } from '@/components/article-editor/blocks';
import { ArticlePreview } from '@/components/article-editor/preview';
import { StatusBadge } from '@/components/kit/badges';
import {
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
import { useWideLayout } from '@/components/kit/layout';
import { Card } from '@/components/section';
import { RequestView } from '@/components/state';
import {
  changeArticleState,
  createArticle,
  getArticle,
  getArticleDraft,
  saveArticleDraft,
  updateArticle,
} from '@/packages/news/api';
import { toApiError, type ApiError } from '@/services/http';
import { useRequest } from '@/services/useRequest';
import { editorMoves, History, MOVES, type StaffMove } from './moves';
import { draftFromSaved, draftOf, FIELD_PATHS, requestOf, savedDraftOf, type Draft } from './draft';
import { Fields } from './fields';
import '@/packages/staff/components/articles.scss';
import './index.scss';
import { ROUTES, routeUrl } from '@/routes';
import { showModal } from '@/services/modal';
import { staffOnly } from '@/components/kit/staff-page';

const SAVE_STATUS_TEXT: Record<DraftSaveStatus, string> = {
  idle: '填写内容会自动保存为草稿，保存或发布前读者看不到',
  ...DRAFT_STATUS_TEXT,
};

interface EditorProps {
  article: ArticleDetail | null;
  /** The caller's unsaved draft of this article (or of a new one), restored over it. */
  saved: ArticleDraft | null;
  onChanged: () => Promise<void>;
}

function Editor({ article, saved, onChanged }: EditorProps) {
  const [draft, setDraft] = useState<Draft>(() =>
    saved ? draftFromSaved(saved, draftOf(article)) : draftOf(article),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const revealFirstError = useRevealFirstError();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const wide = useWideLayout();
  // A new article created by a 发布 whose publish step then failed: the next try updates it.
  const createdRef = useRef<number | null>(null);
  const state = article?.staff?.state ?? 'draft';
  const moves = editorMoves(state);
  // What staff can still move here they can still edit: archived and rejected articles are final.
  const editable = moves.length > 0;
  const articleId = article?.id ?? null;
  const autosave = useDraftAutosave(
    useCallback((kept: ArticleDraft) => saveArticleDraft(articleId, kept), [articleId]),
  );
  useLeaveGuard(autosave.unsaved);
  // Functional updates: an upload that finishes later must not undo what was typed meanwhile.
  const change = (part: Partial<Draft>) => {
    setDraft((previous) => ({ ...previous, ...part }));
    // A field's message goes as soon as the field is changed.
    const fixed = (Object.keys(part) as (keyof Draft)[]).map((key) => FIELD_PATHS[key]);
    setErrors((previous) => {
      if (!fixed.some((path) => previous[path])) return previous;
      const rest = { ...previous };
      for (const path of fixed) delete rest[path];
      return rest;
    });
  };
  // Saved whenever the form differs from what was last kept (or restored).
  const keptRef = useRef<string | null>(null);
  const { schedule } = autosave;
  useEffect(() => {
    const kept = savedDraftOf(draft);
    const json = JSON.stringify(kept);
    if (keptRef.current !== null && json !== keptRef.current) schedule(kept);
    keptRef.current = json;
  }, [draft, schedule]);

  const showError = (thrown: unknown) => {
    const apiError: ApiError = toApiError(thrown);
    setErrors(fieldErrorsOf(apiError));
    setError(apiError.message);
    revealFirstError();
  };

  /** Validates and saves; resolves the article's id, or null when something is to be fixed first. */
  const save = async (): Promise<number | null> => {
    const parsed = requestOf(draft);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      setError('请按提示修改后再保存');
      revealFirstError();
      return null;
    }
    setErrors({});
    setError(null);
    const body: CreateArticleRequest = parsed.data;
    const id = article?.id ?? createdRef.current;
    // The server clears the draft with the save: a late autosave must not bring it back.
    autosave.cancel();
    try {
      if (id !== null) {
        await updateArticle(id, body);
        return id;
      }
      createdRef.current = (await createArticle(body)).id;
      return createdRef.current;
    } catch (thrown) {
      autosave.schedule(savedDraftOf(draft));
      throw thrown;
    }
  };

  /** The form's problems, shown beside their fields; true when there are none. */
  const check = (): boolean => {
    const parsed = requestOf(draft);
    if (parsed.success) return true;
    setErrors(fieldErrors(parsed.error.issues));
    setError('请按提示修改后再发布');
    revealFirstError();
    return false;
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (thrown) {
      showError(thrown);
    } finally {
      setBusy(false);
    }
  };

  const saveDraft = () =>
    run(async () => {
      const id = await save();
      if (id === null) return;
      await Taro.showToast({ title: '已保存', icon: 'success' });
      if (article) await onChanged();
      else await Taro.redirectTo({ url: routeUrl(ROUTES.articleEdit, { id }) });
    });

  const act = async (to: StaffMove) => {
    const move = MOVES[to];
    // What would be refused is shown before anything is asked.
    if (to === 'published' && editable && !check()) return;
    const { confirm } = await showModal({ title: move.title, content: move.content });
    if (!confirm) return;
    await run(async () => {
      // Publishing sends the form as it stands: what was typed is what goes out.
      const id = to === 'published' ? await save() : (article?.id ?? null);
      if (id === null) return;
      await changeArticleState(id, move.action);
      await Taro.showToast({ title: move.done, icon: 'success' });
      if (article) await onChanged();
      else await Taro.redirectTo({ url: routeUrl(ROUTES.articleEdit, { id }) });
    });
  };

  const togglePin = (id: number, pinned: boolean) =>
    run(async () => {
      await updateArticle(id, { pinned });
      await Taro.showToast({ title: pinned ? '已置顶' : '已取消置顶', icon: 'success' });
      await onChanged();
    });

  const html = blocksToHtml(draft.blocks.map((item) => item.block));
  const meta = [
    draft.category ? ARTICLE_CATEGORY_NAMES[draft.category] : '',
    draft.category && isUnitArticleCategory(draft.category) ? (draft.unit?.name ?? '') : '',
    ARTICLE_VISIBILITY_NAMES[draft.visibility],
  ]
    .filter(Boolean)
    .join(' · ');

  const preview = (
    <Card className={wide ? 'article-edit__preview article-edit__preview--live' : 'article-edit__preview'}>
      <ArticlePreview
        title={draft.title.trim()}
        meta={meta}
        summary={draft.summary.trim()}
        coverUrl={draft.cover?.url ?? null}
        body={html}
        attachments={draft.attachments}
      />
    </Card>
  );
  const form = (
    <>
      <Fields draft={draft} errors={errors} onChange={change} />
      {editable ? <Text className="draft-status">{SAVE_STATUS_TEXT[autosave.status]}</Text> : null}
      <BodySection
        hint="可添加小标题、段落、列表、引用和图片"
        blocks={draft.blocks}
        onChange={(blocks) => change({ blocks })}
        error={errors.body}
      />
    </>
  );
  const footer = (
    <>
      <FormFailure className="article-form__error article-edit__error" message={error} />
      {editable ? null : (
        <Text className="block__hint article-edit__locked">
          {state === 'archived' ? '文章已归档，不能再编辑' : '这是会员投稿，请在「投稿审核」中处理'}
        </Text>
      )}
      <View className="article-form__actions article-edit__actions">
        {/* At a desk the preview is always beside the form: nothing to switch. */}
        {wide ? null : (
          <Button
            className="staff-button article-edit__preview-toggle"
            size="mini"
            onClick={() => setPreviewing(!previewing)}
          >
            {previewing ? '返回编辑' : '预览'}
          </Button>
        )}
        {editable ? (
          <Button
            className="staff-button article-edit__save"
            size="mini"
            disabled={busy || undefined}
            onClick={() => void saveDraft()}
          >
            {state === 'draft' ? '保存草稿' : '保存修改'}
          </Button>
        ) : null}
        {article && state === 'published' ? (
          <Button
            className="staff-button article-edit__pin"
            size="mini"
            disabled={busy || undefined}
            onClick={() => void togglePin(article.id, !article.pinned)}
          >
            {article.pinned ? '取消置顶' : '置顶'}
          </Button>
        ) : null}
        {moves
          // A new article can only be published: there is nothing yet to take down or archive.
          .filter((to) => article || to === 'published')
          .map((to) => (
            <Button
              key={to}
              className={`staff-button staff-button--${MOVES[to].tone} article-edit__${MOVES[to].action}`}
              size="mini"
              disabled={busy || undefined}
              onClick={() => void act(to)}
            >
              {MOVES[to].label}
            </Button>
          ))}
      </View>
    </>
  );

  return (
    <View className="page staff-page article-edit">
      {article ? (
        <View className="article-edit__state">
          <StatusBadge block="article-state" state={state} names={ARTICLE_STATE_NAMES} />
          {article.pinned ? <Text className="article-state article-state--pinned">置顶</Text> : null}
          <Text className="article-edit__read">阅读 {article.readCount}</Text>
        </View>
      ) : null}
      {wide ? (
        // The form on the left, the article as members will read it on the right, as it is typed.
        <View className="article-edit__columns">
          <View className="article-edit__form">
            {form}
            {footer}
          </View>
          <View className="article-edit__aside">
            <Text className="article-edit__aside-title">实时预览</Text>
            {preview}
          </View>
        </View>
      ) : (
        <>
          {previewing ? preview : form}
          {footer}
        </>
      )}
      {article ? <History article={article} /> : null}
    </View>
  );
}

function ExistingArticle({ id }: { id: number }) {
  const { state, reload, refresh } = useRequest(() =>
    Promise.all([getArticle(id), getArticleDraft(id)]).then(([article, kept]) => ({
      article,
      saved: kept.draft,
    })),
  );
  return (
    <RequestView state={state} onRetry={() => void reload()}>
      {({ article, saved }) => (
        // A fresh form after every save or state change: the server's copy (and what is still
        // unsaved over it) is what stands.
        <Editor
          key={`${article.staff?.updatedAt ?? ''}|${article.staff?.state ?? ''}|${String(article.pinned)}`}
          article={article}
          saved={saved}
          onChanged={async () => {
            await refresh();
          }}
        />
      )}
    </RequestView>
  );
}

const loadNewDraft = () => getArticleDraft(null);

function NewArticle() {
  const { state, reload } = useRequest(loadNewDraft);
  return (
    <RequestView state={state} onRetry={() => void reload()}>
      {({ draft }) => <Editor article={null} saved={draft} onChanged={async () => {}} />}
    </RequestView>
  );
}

function ArticleEditPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  return Number.isInteger(id) && id > 0 ? <ExistingArticle id={id} /> : <NewArticle />;
}

export default staffOnly(ArticleEditPage);
