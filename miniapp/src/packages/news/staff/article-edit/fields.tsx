import { Button, Switch, Text, View } from '@tarojs/components';
import {
  ARTICLE_CATEGORIES,
  ARTICLE_CATEGORY_NAMES,
  ARTICLE_VISIBILITIES,
  ARTICLE_VISIBILITY_NAMES,
  ATTACHMENT_MAX_BYTES,
  ArticleError,
  isUnitArticleCategory,
  type UnitSummary,
} from '@itss/shared';
import { useState } from 'react';
import { TextInput } from '@/components/kit/form';
import { useTask } from '@/components/kit/use-task';
import { Card } from '@/components/section';
import { ArticleField, CoverField, TitleFields } from '@/components/article-editor/fields';
import { FilePicker } from '@/components/kit/file-picker';
import type { FieldErrors } from '@/components/kit/form';
import { SelectPicker } from '@/components/kit/pickers';
import { uploadArticleAttachment } from '@/packages/news/api';
import { getUnits } from '@/packages/unit/api';
import { apiErrorOf, type ApiError } from '@/services/http';
import type { PickedFile } from '@/services/upload';
import { formatFileSize } from '@/utils/format';
import type { Draft } from './draft';
import '@/packages/staff/components/units.scss';
import { showModal } from '@/services/modal';

type Change = (change: Partial<Draft>) => void;

const categoryName = (category: (typeof ARTICLE_CATEGORIES)[number]) => ARTICLE_CATEGORY_NAMES[category];
const visibilityName = (visibility: (typeof ARTICLE_VISIBILITIES)[number]) =>
  ARTICLE_VISIBILITY_NAMES[visibility];

function UnitPicker({ unit, onChange }: { unit: Draft['unit']; onChange: (unit: Draft['unit']) => void }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<UnitSummary[] | null>(null);
  const { busy, error, run } = useTask();
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
    await run(async () => {
      const list = await getUnits({ q: q.trim() }, null, 10);
      setFound(list.items);
    });
  };
  return (
    <View className="unit-picker">
      <View className="article-form__row">
        <TextInput
          className="article-form__input unit-picker__input"
          confirmType="search"
          maxlength={60}
          placeholder="输入会员单位名称搜索"
          value={q}
          onChange={setQ}
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

const showFailure = (error: ApiError) =>
  showModal({ title: '上传未完成', content: error.message, showCancel: false });

/** Checked before anything is sent: the server would refuse a PDF over the limit anyway. */
function uploadAttachment(file: PickedFile) {
  if (file.size > ATTACHMENT_MAX_BYTES) return Promise.reject(apiErrorOf(ArticleError.AttachmentTooLarge));
  return uploadArticleAttachment(file);
}

function Attachments({ draft, onChange }: { draft: Draft; onChange: Change }) {
  return (
    <ArticleField label="PDF 附件（选填，每个不超过 20 MB）">
      {draft.attachments.map((file) => (
        <View key={file.fileId} className="article-form__row article-edit__attachment">
          <Text className="article-edit__attachment-name">
            {file.name}（{formatFileSize(file.size)}）
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
      <FilePicker
        kind="pdf"
        className="block-button article-edit__attach"
        size="mini"
        upload={uploadAttachment}
        onUploaded={(uploaded) => onChange({ attachments: [...draft.attachments, uploaded] })}
        onError={showFailure}
      >
        添加 PDF 附件
      </FilePicker>
    </ArticleField>
  );
}

/** Everything about the article but its body. */
export function Fields({ draft, errors, onChange }: { draft: Draft; errors: FieldErrors; onChange: Change }) {
  const needsUnit = draft.category !== undefined && isUnitArticleCategory(draft.category);
  return (
    <Card className="article-form">
      <ArticleField label="栏目" error={errors.category}>
        <SelectPicker
          className="article-edit__category"
          options={ARTICLE_CATEGORIES}
          nameOf={categoryName}
          value={draft.category}
          onChange={(category) => onChange({ category })}
          block="staff-form"
          boxClassName="staff-form__picker"
          placeholder="请选择栏目"
        />
      </ArticleField>
      <TitleFields
        title={draft.title}
        summary={draft.summary}
        onChange={onChange}
        errors={errors}
        prefix="article-edit"
        placeholders={{ title: '文章标题', summary: '列表中显示的一两句话' }}
      />
      <ArticleField label="可见范围" error={errors.visibility}>
        <SelectPicker
          className="article-edit__visibility"
          options={ARTICLE_VISIBILITIES}
          nameOf={visibilityName}
          value={draft.visibility}
          onChange={(visibility) => onChange({ visibility })}
          block="staff-form"
          boxClassName="staff-form__picker"
          placeholder="请选择"
        />
      </ArticleField>
      {needsUnit ? (
        <ArticleField label="所属会员单位" error={errors.unitId}>
          <UnitPicker unit={draft.unit} onChange={(unit) => onChange({ unit })} />
        </ArticleField>
      ) : null}
      <ArticleField label="标签（选填，用逗号或空格分隔，最多 5 个）" error={errors.tags}>
        <TextInput
          className="article-form__input article-edit__tags"
          maxlength={80}
          placeholder="如：数据安全，运维"
          value={draft.tags}
          onChange={(value) => onChange({ tags: value })}
        />
      </ArticleField>
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
      <CoverField
        cover={draft.cover}
        onChange={(cover) => onChange({ cover })}
        onError={showFailure}
        buttonClassName="article-edit__cover"
      />
      <Attachments draft={draft} onChange={onChange} />
    </Card>
  );
}
