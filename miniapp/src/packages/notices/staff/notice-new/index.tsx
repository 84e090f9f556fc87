import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  LEVEL_CODES,
  NOTICE_AUDIENCE_NAMES,
  NOTICE_TEXT_MAX,
  NOTICE_TITLE_MAX,
  type LevelCode,
  type NoticeAudienceKind,
  createNoticeRequestSchema,
} from '@itss/shared';
import { useState } from 'react';
import {
  BusyButton,
  type FieldErrors,
  FormFailure,
  TextInput,
  fieldErrors,
  fieldErrorsOf,
  useRevealFirstError,
} from '@/components/kit/form';
import { Tabs } from '@/components/kit/tabs';
import { staffOnly } from '@/components/kit/staff-page';
import { Card, Section } from '@/components/section';
import { toApiError } from '@/services/http';
import { showModal } from '@/services/modal';
import { levelName } from '@/utils/format';
import { StaffField } from '@/packages/staff/components/units';
import { sendNotice } from '@/packages/notices/api';
import { ArticlePicker, type Chosen, UnitsPicker } from './pickers';
import '@/packages/staff/components/units.scss';
import './index.scss';

const AUDIENCE_KINDS: NoticeAudienceKind[] = ['all', 'levels', 'units'];
const AUDIENCE_TABS = AUDIENCE_KINDS.map((value) => ({ value, name: NOTICE_AUDIENCE_NAMES[value] }));

interface Form {
  title: string;
  text: string;
  article: Chosen | null;
  kind: NoticeAudienceKind;
  levels: LevelCode[];
  units: Chosen[];
}

const EMPTY: Form = { title: '', text: '', article: null, kind: 'all', levels: [], units: [] };

function requestOf(form: Form) {
  return {
    title: form.title,
    text: form.text,
    link: form.article ? { kind: 'article' as const, id: form.article.id } : null,
    audience:
      form.kind === 'all'
        ? { kind: 'all' as const }
        : form.kind === 'levels'
          ? { kind: 'levels' as const, levels: form.levels }
          : { kind: 'units' as const, unitIds: form.units.map((unit) => unit.id) },
  };
}

/** Levels as chips, any number of them chosen. */
function LevelChips({ levels, onChange }: { levels: LevelCode[]; onChange: (levels: LevelCode[]) => void }) {
  return (
    <View className="notice-new__chips notice-levels">
      {LEVEL_CODES.map((level) => {
        const on = levels.includes(level);
        return (
          <View
            key={level}
            className={`notice-new__chips__chip notice-levels__chip${on ? ' notice-new__chips__chip--active' : ''}`}
            onClick={() => onChange(on ? levels.filter((other) => other !== level) : [...levels, level])}
          >
            {levelName(level)}
          </View>
        );
      })}
    </View>
  );
}

/** Title, text, an optional article, and who receives it; sending records it and the server delivers it. */
function NewNoticePage() {
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const revealFirstError = useRevealFirstError();

  const update = (changes: Partial<Form>) => {
    setForm((previous) => ({ ...previous, ...changes }));
    setErrors({});
    setFailure(null);
  };

  const submit = async () => {
    const parsed = createNoticeRequestSchema.safeParse(requestOf(form));
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      revealFirstError();
      return;
    }
    const { confirm } = await showModal({
      title: '发送通知',
      content: `发送给${form.kind === 'all' ? '全体会员单位' : '所选对象'}的全部联系人，发送后不能撤回。`,
      confirmText: '发送',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await sendNotice(parsed.data);
      await Taro.showToast({ title: '已开始发送', icon: 'success' });
      await Taro.navigateBack();
    } catch (thrown) {
      const error = toApiError(thrown);
      setErrors(fieldErrorsOf(error));
      setFailure(error.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page staff-page notice-new">
      <Section title="通知内容" hint="会员在「我的 → 消息」中查看；已授权的联系人同时收到微信服务通知">
        <Card className="staff-form">
          <StaffField label="标题" error={errors.title}>
            <TextInput
              className="staff-form__input notice-new__title"
              maxlength={NOTICE_TITLE_MAX}
              placeholder={`不超过 ${NOTICE_TITLE_MAX} 个字`}
              value={form.title}
              onChange={(title) => update({ title })}
            />
          </StaffField>
          <StaffField label="正文" error={errors.text}>
            <Textarea
              className="staff-form__textarea notice-new__text"
              maxlength={NOTICE_TEXT_MAX}
              placeholder="简要说明通知内容"
              value={form.text}
              onInput={(event) => update({ text: event.detail.value })}
            />
            <Text className="notice-new__count">
              {[...form.text].length}/{NOTICE_TEXT_MAX}
            </Text>
          </StaffField>
          <StaffField label="链接文章（可选）" error={errors.link}>
            <ArticlePicker article={form.article} onChange={(article) => update({ article })} />
          </StaffField>
        </Card>
      </Section>
      <Section title="发送对象" hint="只发送给在册单位的联系人">
        <Card className="staff-form">
          <StaffField label="范围" error={form.kind === 'all' ? errors.audience : undefined}>
            <Tabs<NoticeAudienceKind>
              block="notice-new__chips"
              element="chip"
              className="notice-audience"
              tabs={AUDIENCE_TABS}
              value={form.kind}
              onChange={(kind) => update({ kind: kind ?? 'all' })}
            />
          </StaffField>
          {form.kind === 'levels' ? (
            <StaffField label="会员级别" error={errors.audience}>
              <LevelChips levels={form.levels} onChange={(levels) => update({ levels })} />
            </StaffField>
          ) : null}
          {form.kind === 'units' ? (
            <StaffField label="指定单位" error={errors.audience}>
              <UnitsPicker units={form.units} onChange={(units) => update({ units })} />
            </StaffField>
          ) : null}
          <FormFailure className="staff-form__error notice-new__failure" message={failure} />
          <BusyButton
            className="staff-form__submit notice-new__submit"
            busy={busy}
            onClick={() => void submit()}
          >
            发送
          </BusyButton>
        </Card>
      </Section>
    </View>
  );
}

export default staffOnly(NewNoticePage);
