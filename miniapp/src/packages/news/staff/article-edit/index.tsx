import { Button, Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  ARTICLE_CATEGORIES,
  ARTICLE_CATEGORY_NAMES,
  ARTICLE_STATE_NAMES,
  ARTICLE_VISIBILITIES,
  ARTICLE_VISIBILITY_NAMES,
  ATTACHMENT_MAX_BYTES,
  ArticleError,
  createArticleRequestSchema,
  isUnitArticleCategory,
  type ArticleAttachment,
  type ArticleCategory,
  type ArticleDetail,
  type ArticleVisibility,
  type CreateArticleRequest,
  type UnitSummary,
} from '@itss/shared';
import { useRef, useState, type ReactNode } from 'react';
import { StatusBadge } from '@/components/kit/badges';
import { ArticleEditor, keyBlocks, type EditorBlock } from '@/components/article-editor';
import { blocksToHtml, htmlToBlocks } from '@/components/article-editor/blocks';
import { ArticlePreview } from '@/components/article-editor/preview';
import { Card, Section } from '@/components/section';
import { RequestView } from '@/components/state';
import { ArticleImage } from '@/components/article-image';
import {
  changeArticleState,
  createArticle,
  getArticle,
  searchUnits,
  updateArticle,
  uploadArticleAttachment,
  uploadArticleImage,
  type ArticleAction,
} from '@/services/article-manage';
import { ApiError, apiErrorOf, toApiError } from '@/services/http';
import { pickPdf, pickPhoto } from '@/services/multipart';
import { useRequest } from '@/services/useRequest';
import { formatBeijingTime } from '@/utils/format';
import { PickerValue } from '@/packages/staff/components/units';
import '@/packages/staff/components/articles.scss';
import './index.scss';

const CATEGORY_LABELS = ARTICLE_CATEGORIES.map((category) => ARTICLE_CATEGORY_NAMES[category]);
const VISIBILITY_LABELS = ARTICLE_VISIBILITIES.map((visibility) => ARTICLE_VISIBILITY_NAMES[visibility]);
const EDIT_PAGE = '/packages/news/staff/article-edit/index';

interface Draft {
  category: ArticleCategory | undefined;
  title: string;
  summary: string;
  visibility: ArticleVisibility;
  unit: { id: number; name: string } | null;
  tags: string;
  pinned: boolean;
  cover: { fileId: number; url: string } | null;
  attachments: ArticleAttachment[];
  blocks: EditorBlock[];
}

function draftOf(article: ArticleDetail | null): Draft {
  if (!article)
    return {
      category: undefined,
      title: '',
      summary: '',
      visibility: 'public',
      unit: null,
      tags: '',
      pinned: false,
      cover: null,
      attachments: [],
      blocks: keyBlocks([{ kind: 'paragraph', text: '' }]),
    };
  const coverFileId = article.staff?.coverFileId ?? null;
  return {
    category: article.category,
    title: article.title,
    summary: article.summary,
    visibility: article.visibility,
    unit: article.unitId ? { id: article.unitId, name: article.unitName ?? `单位 ${article.unitId}` } : null,
    tags: article.tags.join('，'),
    pinned: article.pinned,
    cover: coverFileId && article.coverUrl ? { fileId: coverFileId, url: article.coverUrl } : null,
    attachments: article.attachments ?? [],
    blocks: keyBlocks(htmlToBlocks(article.body ?? '')),
  };
}

const splitTags = (text: string) => text.split(/[,，、;；\s]+/).filter(Boolean);

function requestOf(draft: Draft) {
  return createArticleRequestSchema.safeParse({
    category: draft.category,
    title: draft.title,
    summary: draft.summary,
    body: blocksToHtml(draft.blocks.map((item) => item.block)),
    visibility: draft.visibility,
    coverFileId: draft.cover?.fileId ?? null,
    attachmentFileIds: draft.attachments.map((file) => file.fileId),
    tags: splitTags(draft.tags),
    unitId: draft.category && isUnitArticleCategory(draft.category) ? (draft.unit?.id ?? null) : null,
    pinned: draft.pinned,
  });
}

type Errors = Record<string, string>;

function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <View className="article-form__field">
      <Text className="article-form__label">{label}</Text>
      {children}
      {error ? (
        <View className="article-form__error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}

function UnitPicker({ unit, onChange }: { unit: Draft['unit']; onChange: (unit: Draft['unit']) => void }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<UnitSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (unit)
    return (
      <View className="article-form__row unit-picker">
        <Text className="unit-picker__name">{unit.name}</Text>
        <Button className="block-button unit-picker__change" size="mini" onClick={() => onChange(null)}>
          更换
        </Button>
      </View>
    );
  const search = async () => {
    setBusy(true);
    setError(null);
    try {
      const list = await searchUnits(q.trim());
      setFound(list.items);
    } catch (thrown) {
      setError(toApiError(thrown).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="unit-picker">
      <View className="article-form__row">
        <Input
          className="article-form__input unit-picker__input"
          confirmType="search"
          maxlength={60}
          placeholder="输入会员单位名称搜索"
          value={q}
          onInput={(event) => setQ(event.detail.value)}
          onConfirm={() => void search()}
        />
        <Button
          className="block-button unit-picker__search"
          size="mini"
          loading={busy}
          onClick={() => void search()}
        >
          搜索
        </Button>
      </View>
      {error ? <Text className="article-form__error">{error}</Text> : null}
      {found && !found.length ? <Text className="block__hint">没有找到该单位</Text> : null}
      {found?.map((item) => (
        <View
          key={item.id}
          className="unit-picker__option"
          onClick={() => onChange({ id: item.id, name: item.name })}
        >
          {item.name}
        </View>
      ))}
    </View>
  );
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

function Files({ draft, onChange }: { draft: Draft; onChange: (change: Partial<Draft>) => void }) {
  const [busy, setBusy] = useState<'cover' | 'attachment' | null>(null);
  const fail = (thrown: unknown) =>
    Taro.showModal({ title: '上传未完成', content: toApiError(thrown).message, showCancel: false });
  const addCover = async () => {
    const file = await pickPhoto();
    if (!file) return;
    setBusy('cover');
    try {
      const uploaded = await uploadArticleImage(file);
      onChange({ cover: { fileId: uploaded.fileId, url: uploaded.url } });
    } catch (thrown) {
      await fail(thrown);
    } finally {
      setBusy(null);
    }
  };
  const addAttachment = async () => {
    const file = await pickPdf();
    if (!file) return;
    setBusy('attachment');
    try {
      if (file.size > ATTACHMENT_MAX_BYTES) throw apiErrorOf(ArticleError.AttachmentTooLarge);
      const uploaded = await uploadArticleAttachment(file);
      onChange({ attachments: [...draft.attachments, uploaded] });
    } catch (thrown) {
      await fail(thrown);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <Field label="封面图（选填）">
        {draft.cover ? (
          <ArticleImage className="article-form__cover" mode="widthFix" url={draft.cover.url} needsToken />
        ) : null}
        <View className="article-form__row">
          <Button
            className="block-button article-edit__cover"
            size="mini"
            loading={busy === 'cover'}
            disabled={busy !== null || undefined}
            onClick={() => void addCover()}
          >
            {draft.cover ? '更换封面' : '上传封面'}
          </Button>
          {draft.cover ? (
            <Button
              className="block-button block-button--danger"
              size="mini"
              onClick={() => onChange({ cover: null })}
            >
              移除封面
            </Button>
          ) : null}
        </View>
      </Field>
      <Field label="PDF 附件（选填，每个不超过 20 MB）">
        {draft.attachments.map((file) => (
          <View key={file.fileId} className="article-form__row article-edit__attachment">
            <Text className="article-edit__attachment-name">
              {file.name}（{sizeText(file.size)}）
            </Text>
            <Button
              className="block-button block-button--danger"
              size="mini"
              onClick={() =>
                onChange({ attachments: draft.attachments.filter((item) => item.fileId !== file.fileId) })
              }
            >
              删除
            </Button>
          </View>
        ))}
        <Button
          className="block-button article-edit__attach"
          size="mini"
          loading={busy === 'attachment'}
          disabled={busy !== null || undefined}
          onClick={() => void addAttachment()}
        >
          添加 PDF 附件
        </Button>
      </Field>
    </>
  );
}

function Fields({
  draft,
  errors,
  onChange,
}: {
  draft: Draft;
  errors: Errors;
  onChange: (change: Partial<Draft>) => void;
}) {
  const needsUnit = draft.category !== undefined && isUnitArticleCategory(draft.category);
  return (
    <Card className="article-form">
      <Field label="栏目" error={errors.category}>
        <Picker
          className="article-edit__category"
          mode="selector"
          range={CATEGORY_LABELS}
          value={Math.max(draft.category ? ARTICLE_CATEGORIES.indexOf(draft.category) : 0, 0)}
          onChange={(event) => onChange({ category: ARTICLE_CATEGORIES[Number(event.detail.value)] })}
        >
          <PickerValue
            text={draft.category ? ARTICLE_CATEGORY_NAMES[draft.category] : ''}
            placeholder="请选择栏目"
          />
        </Picker>
      </Field>
      <Field label="标题" error={errors.title}>
        <Input
          className="article-form__input article-edit__title"
          maxlength={80}
          placeholder="文章标题"
          value={draft.title}
          onInput={(event) => onChange({ title: event.detail.value })}
        />
      </Field>
      <Field label="摘要" error={errors.summary}>
        <Textarea
          className="article-form__textarea article-edit__summary"
          maxlength={200}
          placeholder="列表中显示的一两句话"
          value={draft.summary}
          onInput={(event) => onChange({ summary: event.detail.value })}
        />
      </Field>
      <Field label="可见范围" error={errors.visibility}>
        <Picker
          className="article-edit__visibility"
          mode="selector"
          range={VISIBILITY_LABELS}
          value={ARTICLE_VISIBILITIES.indexOf(draft.visibility)}
          onChange={(event) =>
            onChange({ visibility: ARTICLE_VISIBILITIES[Number(event.detail.value)] ?? draft.visibility })
          }
        >
          <PickerValue text={ARTICLE_VISIBILITY_NAMES[draft.visibility]} placeholder="请选择" />
        </Picker>
      </Field>
      {needsUnit ? (
        <Field label="所属会员单位" error={errors.unitId}>
          <UnitPicker unit={draft.unit} onChange={(unit) => onChange({ unit })} />
        </Field>
      ) : null}
      <Field label="标签（选填，用逗号或空格分隔，最多 5 个）" error={errors.tags}>
        <Input
          className="article-form__input article-edit__tags"
          maxlength={80}
          placeholder="如：数据安全，运维"
          value={draft.tags}
          onInput={(event) => onChange({ tags: event.detail.value })}
        />
      </Field>
      <View className="article-form__field article-edit__pinned">
        <View className="article-form__row">
          <Text className="article-form__label article-edit__pinned-label">置顶（首页优先显示）</Text>
          <Switch
            checked={draft.pinned}
            color="#1f5fbf"
            onChange={(event) => onChange({ pinned: event.detail.value })}
          />
        </View>
      </View>
      <Files draft={draft} onChange={onChange} />
    </Card>
  );
}

const CONFIRMS: Record<ArticleAction, { title: string; content: string; done: string }> = {
  publish: { title: '发布文章', content: '发布后所有可见范围内的读者即可看到。确定发布吗？', done: '已发布' },
  unpublish: {
    title: '下线文章',
    content: '下线后读者将看不到这篇文章，可再次发布。确定下线吗？',
    done: '已下线',
  },
  archive: { title: '归档文章', content: '归档后文章不再发布，也不能再编辑。确定归档吗？', done: '已归档' },
};

function History({ article }: { article: ArticleDetail }) {
  const history = article.staff?.history ?? [];
  if (!history.length) return null;
  return (
    <Section title="状态记录">
      <Card className="article-history">
        {history.map((entry) => (
          <View key={`${entry.at}|${entry.state}`} className="article-history__row">
            <Text className="article-history__state">{ARTICLE_STATE_NAMES[entry.state]}</Text>
            <Text className="article-history__meta">
              {entry.byName ?? '系统'} · {formatBeijingTime(entry.at)}
              {entry.reason ? ` · ${entry.reason}` : ''}
            </Text>
          </View>
        ))}
      </Card>
    </Section>
  );
}

function errorsOf(issues: readonly { path: PropertyKey[]; message: string }[]): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= issue.message;
  }
  return errors;
}

function Editor({ article, onChanged }: { article: ArticleDetail | null; onChanged: () => Promise<void> }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(article));
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  // A new article created by a 发布 whose publish step then failed: the next try updates it.
  const createdRef = useRef<number | null>(null);
  const state = article?.staff?.state ?? 'draft';
  const editable = state === 'draft' || state === 'published' || state === 'unpublished';
  const change = (part: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...part }));

  const showError = (thrown: unknown) => {
    const apiError: ApiError = toApiError(thrown);
    setErrors(
      apiError.details ? errorsOf(apiError.details.map((d) => ({ path: [d.path], message: d.message }))) : {},
    );
    setError(apiError.message);
  };

  /** Validates and saves; resolves the article's id, or null when something is to be fixed first. */
  const save = async (): Promise<number | null> => {
    const parsed = requestOf(draft);
    if (!parsed.success) {
      setErrors(errorsOf(parsed.error.issues));
      setError('请按提示修改后再保存');
      return null;
    }
    setErrors({});
    setError(null);
    const body: CreateArticleRequest = parsed.data;
    const id = article?.id ?? createdRef.current;
    if (id !== null) {
      await updateArticle(id, body);
      return id;
    }
    createdRef.current = (await createArticle(body)).id;
    return createdRef.current;
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
      else await Taro.redirectTo({ url: `${EDIT_PAGE}?id=${id}` });
    });

  const act = async (action: ArticleAction) => {
    const confirm = CONFIRMS[action];
    const { confirm: yes } = await Taro.showModal({ title: confirm.title, content: confirm.content });
    if (!yes) return;
    await run(async () => {
      // Publishing sends the form as it stands: what was typed is what goes out.
      const id = action === 'publish' ? await save() : (article?.id ?? null);
      if (id === null) return;
      await changeArticleState(id, action);
      await Taro.showToast({ title: confirm.done, icon: 'success' });
      if (article) await onChanged();
      else await Taro.redirectTo({ url: `${EDIT_PAGE}?id=${id}` });
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

  return (
    <View className="page staff-page article-edit">
      {article ? (
        <View className="article-edit__state">
          <StatusBadge block="article-state" state={state} names={ARTICLE_STATE_NAMES} />
          {article.pinned ? <Text className="article-state article-state--pinned">置顶</Text> : null}
          <Text className="article-edit__read">阅读 {article.readCount}</Text>
        </View>
      ) : null}
      {previewing ? (
        <Card className="article-edit__preview">
          <ArticlePreview
            title={draft.title.trim()}
            meta={meta}
            summary={draft.summary.trim()}
            coverUrl={draft.cover?.url ?? null}
            body={html}
            attachments={draft.attachments}
          />
        </Card>
      ) : (
        <>
          <Fields draft={draft} errors={errors} onChange={change} />
          <Section title="正文" hint="可添加小标题、段落、列表、引用和图片">
            <Card>
              <ArticleEditor blocks={draft.blocks} onChange={(blocks) => change({ blocks })} />
              {errors.body ? (
                <View className="article-form__error" role="alert">
                  {errors.body}
                </View>
              ) : null}
            </Card>
          </Section>
        </>
      )}
      {error ? (
        <View className="article-form__error article-edit__error" role="alert">
          {error}
        </View>
      ) : null}
      {editable ? null : (
        <Text className="block__hint article-edit__locked">
          {state === 'archived' ? '文章已归档，不能再编辑' : '这是会员投稿，请在「投稿审核」中处理'}
        </Text>
      )}
      <View className="article-form__actions article-edit__actions">
        <Button
          className="staff-button article-edit__preview-toggle"
          size="mini"
          onClick={() => setPreviewing(!previewing)}
        >
          {previewing ? '返回编辑' : '预览'}
        </Button>
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
        {state === 'draft' || state === 'unpublished' ? (
          <Button
            className="staff-button staff-button--primary article-edit__publish"
            size="mini"
            disabled={busy || undefined}
            onClick={() => void act('publish')}
          >
            发布
          </Button>
        ) : null}
        {article && state === 'published' ? (
          <>
            <Button
              className="staff-button article-edit__pin"
              size="mini"
              disabled={busy || undefined}
              onClick={() => void togglePin(article.id, !article.pinned)}
            >
              {article.pinned ? '取消置顶' : '置顶'}
            </Button>
            <Button
              className="staff-button staff-button--danger article-edit__unpublish"
              size="mini"
              disabled={busy || undefined}
              onClick={() => void act('unpublish')}
            >
              下线
            </Button>
          </>
        ) : null}
        {article && (state === 'unpublished' || state === 'draft') ? (
          <Button
            className="staff-button staff-button--danger article-edit__archive"
            size="mini"
            disabled={busy || undefined}
            onClick={() => void act('archive')}
          >
            归档
          </Button>
        ) : null}
      </View>
      {article ? <History article={article} /> : null}
    </View>
  );
}

function ExistingArticle({ id }: { id: number }) {
  const { state, reload, refresh } = useRequest(() => getArticle(id));
  return (
    <RequestView state={state} onRetry={() => void reload()}>
      {(article) => (
        // A fresh form after every save or state change: the server's copy is what stands.
        <Editor
          key={`${article.staff?.updatedAt ?? ''}|${article.staff?.state ?? ''}|${String(article.pinned)}`}
          article={article}
          onChanged={async () => {
            await refresh();
          }}
        />
      )}
    </RequestView>
  );
}

export default function ArticleEditPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  return Number.isInteger(id) && id > 0 ? (
    <ExistingArticle id={id} />
  ) : (
    <Editor article={null} onChanged={async () => {}} />
  );
}
