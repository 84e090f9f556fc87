import { Button, Text, View } from '@tarojs/components';
import {
  EVENT_AUDIENCES,
  EVENT_AUDIENCE_NAMES,
  EVENT_KINDS,
  EVENT_KIND_NAMES,
  LEVEL_CODES,
  PRICE_AUDIENCES,
  PRICE_AUDIENCE_NAMES,
  SESSION_CAPACITY_MAX,
  isTrainingKind,
  type EventAudience,
  type EventKind,
  type PlaceMode,
} from '@itss/shared';
import { BodySection } from '@/components/article-editor/fields';
import { ArticleImage } from '@/components/article-image';
import { FilePicker } from '@/components/kit/file-picker';
import { TextInput, type FieldErrors } from '@/components/kit/form';
import { SelectPicker } from '@/components/kit/pickers';
import { Card, Section } from '@/components/section';
import type { ApiError } from '@/services/http';
import { showModal } from '@/services/modal';
import { levelName } from '@/utils/format';
import { StaffChips, StaffField } from '@/packages/staff/components/units';
import { uploadEventCover } from '@/packages/events/api';
import { DateTimeField } from '@/packages/events/staff/components/date-time';
import { newSession, type Draft, type SessionDraft } from './draft';

type Change = (part: Partial<Draft>) => void;

interface FieldsProps {
  draft: Draft;
  errors: FieldErrors;
  onChange: Change;
}

const kindName = (kind: EventKind) => EVENT_KIND_NAMES[kind];
const PLACE_TABS: { value: PlaceMode; name: string }[] = [
  { value: 'offline', name: '线下' },
  { value: 'online', name: '线上直播' },
];
const AUDIENCE_TABS = EVENT_AUDIENCES.map((value) => ({ value, name: EVENT_AUDIENCE_NAMES[value] }));

const showUploadFailure = (error: ApiError) =>
  showModal({ title: '上传未完成', content: error.message, showCancel: false });

function localUrl(file: { path?: string; blob?: Blob }): string | null {
  if (file.path) return file.path;
  return file.blob && typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file.blob) : null;
}

function CoverField({ draft, onChange }: { draft: Draft; onChange: Change }) {
  const { cover } = draft;
  return (
    <StaffField label="封面图" optional hint="建议 16:9 的 JPG 或 PNG 图片，不超过 5 MB">
      {cover?.url ? (
        <ArticleImage
          key={cover.url}
          className="event-edit__cover-image"
          mode="widthFix"
          url={cover.url}
          needsToken
        />
      ) : null}
      {cover && !cover.url ? <Text className="event-edit__cover-name">{cover.name}</Text> : null}
      <View className="event-edit__row">
        <FilePicker
          kind="photo"
          className="staff-button event-edit__cover"
          size="mini"
          upload={uploadEventCover}
          onUploaded={(stored, picked) =>
            onChange({
              cover: { fileId: stored.id, url: localUrl(picked), name: picked.name },
              coverChanged: true,
            })
          }
          onError={showUploadFailure}
        >
          {cover ? '更换封面' : '上传封面'}
        </FilePicker>
        {cover ? (
          <Button
            className="staff-button staff-button--danger event-edit__cover-remove"
            size="mini"
            onClick={() => onChange({ cover: null, coverChanged: true })}
          >
            移除封面
          </Button>
        ) : null}
      </View>
    </StaffField>
  );
}

function BasicFields({ draft, errors, onChange }: FieldsProps) {
  return (
    <Section title="基本信息">
      <Card className="staff-form event-edit__card">
        <StaffField label="活动类型" error={errors.kind}>
          <SelectPicker
            className="event-edit__kind"
            options={EVENT_KINDS}
            nameOf={kindName}
            value={draft.kind}
            onChange={(kind) => onChange({ kind })}
            block="staff-form"
            boxClassName="staff-form__picker"
            placeholder="请选择活动类型"
          />
        </StaffField>
        <StaffField label="标题" error={errors.title}>
          <TextInput
            className="staff-form__input event-edit__title"
            maxlength={60}
            placeholder="如：2027 年 ITSS 宣贯培训（北京站）"
            value={draft.title}
            onChange={(title) => onChange({ title })}
          />
        </StaffField>
        <StaffField label="摘要" optional hint="列表和分享卡片中显示的一句话" error={errors.summary}>
          <TextInput
            multiline
            className="staff-form__textarea event-edit__summary"
            maxlength={120}
            placeholder="一句话介绍活动"
            value={draft.summary}
            onChange={(summary) => onChange({ summary })}
          />
        </StaffField>
        <CoverField draft={draft} onChange={onChange} />
      </Card>
    </Section>
  );
}

function PlaceAndTimes({ draft, errors, onChange }: FieldsProps) {
  return (
    <Section title="时间与地点">
      <Card className="staff-form event-edit__card">
        <StaffField label="活动形式" error={errors.place}>
          <StaffChips
            className="event-edit__place-mode"
            tabs={PLACE_TABS}
            value={draft.placeMode}
            onChange={(placeMode) => placeMode && onChange({ placeMode })}
          />
        </StaffField>
        {draft.placeMode === 'offline' ? (
          <StaffField label="活动地址" error={errors['place.address']}>
            <TextInput
              className="staff-form__input event-edit__address"
              maxlength={120}
              placeholder="如：北京市海淀区……会议中心 3 层报告厅"
              value={draft.address}
              onChange={(address) => onChange({ address })}
            />
          </StaffField>
        ) : (
          <StaffField
            label="直播链接"
            hint="视频号直播的 channels:// 地址或 https 网页地址"
            error={errors['place.liveUrl']}
          >
            <TextInput
              className="staff-form__input event-edit__live-url"
              maxlength={300}
              placeholder="https://…"
              value={draft.liveUrl}
              onChange={(liveUrl) => onChange({ liveUrl })}
            />
          </StaffField>
        )}
        <StaffField label="开始时间（北京时间）" error={errors.startsAt}>
          <DateTimeField
            className="event-edit__starts"
            value={draft.startsAt}
            defaultTime="09:00"
            onChange={(startsAt) => onChange({ startsAt })}
          />
        </StaffField>
        <StaffField label="结束时间" error={errors.endsAt}>
          <DateTimeField
            className="event-edit__ends"
            value={draft.endsAt}
            defaultTime="17:00"
            onChange={(endsAt) => onChange({ endsAt })}
          />
        </StaffField>
      </Card>
    </Section>
  );
}

function Openings({ draft, errors, onChange }: FieldsProps) {
  return (
    <Section title="报名设置" hint="会员单位联系人先于公众报名；可为较高级别单独设置更早的时间">
      <Card className="staff-form event-edit__card">
        <StaffField label="报名范围" error={errors.audience}>
          <StaffChips
            className="event-edit__audience"
            tabs={AUDIENCE_TABS}
            value={draft.audience}
            onChange={(audience: EventAudience | undefined) => audience && onChange({ audience })}
          />
        </StaffField>
        <StaffField label="会员报名开始" error={errors.memberOpensAt}>
          <DateTimeField
            className="event-edit__member-opens"
            value={draft.memberOpensAt}
            defaultTime="09:00"
            onChange={(memberOpensAt) => onChange({ memberOpensAt })}
          />
        </StaffField>
        {LEVEL_CODES.filter((code) => code !== 'member').map((code) => (
          <StaffField
            key={code}
            label={`${levelName(code)}提前报名`}
            optional
            error={errors[`levelOpensAt.${code}`]}
          >
            <DateTimeField
              className={`event-edit__level-opens event-edit__level-opens--${code}`}
              value={draft.levelOpensAt[code]}
              defaultTime="09:00"
              clearable
              onChange={(value) => onChange({ levelOpensAt: { ...draft.levelOpensAt, [code]: value } })}
            />
          </StaffField>
        ))}
        {draft.audience === 'everyone' ? (
          <StaffField label="公开报名开始" error={errors.publicOpensAt}>
            <DateTimeField
              className="event-edit__public-opens"
              value={draft.publicOpensAt}
              defaultTime="09:00"
              onChange={(publicOpensAt) => onChange({ publicOpensAt })}
            />
          </StaffField>
        ) : (
          <Text className="staff-tip event-edit__members-only">
            {EVENT_AUDIENCE_NAMES[draft.audience]}的活动不向公众开放报名。
          </Text>
        )}
        <StaffField label="报名截止" error={errors.closesAt}>
          <DateTimeField
            className="event-edit__closes"
            value={draft.closesAt}
            defaultTime="18:00"
            onChange={(closesAt) => onChange({ closesAt })}
          />
        </StaffField>
      </Card>
    </Section>
  );
}

function Prices({ draft, errors, onChange }: FieldsProps) {
  return (
    <Section title="费用" hint="单位：元；0 为免费">
      <Card className="staff-form event-edit__card">
        <View className="event-edit__prices">
          {PRICE_AUDIENCES.map((audience) => (
            <StaffField
              key={audience}
              label={PRICE_AUDIENCE_NAMES[audience]}
              error={errors[`prices.${audience}`]}
            >
              <TextInput
                className={`staff-form__input event-edit__price event-edit__price--${audience}`}
                type="digit"
                maxlength={12}
                value={draft.prices[audience]}
                onChange={(value) => onChange({ prices: { ...draft.prices, [audience]: value } })}
              />
            </StaffField>
          ))}
        </View>
        <StaffField
          label="全额退款截止（活动开始前天数）"
          hint="开始前此天数之前取消的付费报名全额退款，之后不退"
          error={errors.refundFullUntilDays}
        >
          <TextInput
            className="staff-form__input event-edit__refund-days"
            type="number"
            maxlength={2}
            value={draft.refundFullUntilDays}
            onChange={(refundFullUntilDays) => onChange({ refundFullUntilDays })}
          />
        </StaffField>
        <StaffField
          label="学时"
          hint={draft.kind && isTrainingKind(draft.kind) ? '印在培训证明上' : '培训类活动印在培训证明上'}
          error={errors.hours}
        >
          <TextInput
            className="staff-form__input event-edit__hours"
            type="digit"
            maxlength={5}
            value={draft.hours}
            onChange={(hours) => onChange({ hours })}
          />
        </StaffField>
      </Card>
    </Section>
  );
}

function SessionFields({
  session,
  index,
  errors,
  onChange,
  onRemove,
}: {
  session: SessionDraft;
  index: number;
  errors: FieldErrors;
  onChange: (part: Partial<SessionDraft>) => void;
  onRemove: (() => void) | null;
}) {
  const path = (field: string) => errors[`sessions.${index}.${field}`];
  return (
    <View className="event-session">
      <View className="event-session__head">
        <Text className="event-session__number">场次 {index + 1}</Text>
        {session.taken > 0 ? (
          <Text className="event-session__taken">已占用 {session.taken} 个名额</Text>
        ) : null}
        {onRemove ? (
          <Button
            className="staff-button staff-button--danger event-session__remove"
            size="mini"
            onClick={onRemove}
          >
            删除场次
          </Button>
        ) : null}
      </View>
      <StaffField label="场次名称" error={path('title')}>
        <TextInput
          className="staff-form__input event-session__title"
          maxlength={40}
          placeholder="如：全天、主论坛、分论坛一"
          value={session.title}
          onChange={(title) => onChange({ title })}
        />
      </StaffField>
      <StaffField label="开始" optional hint="留空则与活动时间相同" error={path('startsAt')}>
        <DateTimeField
          className="event-session__starts"
          value={session.startsAt}
          defaultTime="09:00"
          clearable
          onChange={(startsAt) => onChange({ startsAt })}
        />
      </StaffField>
      <StaffField label="结束" optional error={path('endsAt')}>
        <DateTimeField
          className="event-session__ends"
          value={session.endsAt}
          defaultTime="17:00"
          clearable
          onChange={(endsAt) => onChange({ endsAt })}
        />
      </StaffField>
      <StaffField label={`名额（1–${SESSION_CAPACITY_MAX}）`} error={path('capacity')}>
        <TextInput
          className="staff-form__input event-session__capacity"
          type="number"
          maxlength={4}
          placeholder="如：200"
          value={session.capacity}
          onChange={(capacity) => onChange({ capacity })}
        />
      </StaffField>
    </View>
  );
}

function Sessions({ draft, errors, onChange }: FieldsProps) {
  const update = (key: string, part: Partial<SessionDraft>) =>
    onChange({ sessions: draft.sessions.map((item) => (item.key === key ? { ...item, ...part } : item)) });
  return (
    <Section title="场次与名额" hint="会议周的分论坛各设一个场次；报名按场次计名额，满额后进入候补">
      <Card className="staff-form event-edit__card">
        {errors.sessions ? (
          <View className="staff-form__error" role="alert">
            {errors.sessions}
          </View>
        ) : null}
        {draft.sessions.map((session, index) => (
          <SessionFields
            key={session.key}
            session={session}
            index={index}
            errors={errors}
            onChange={(part) => update(session.key, part)}
            // A session with registrations stays (the server refuses SessionInUse); the last one too.
            onRemove={
              draft.sessions.length > 1 && session.taken === 0
                ? () => onChange({ sessions: draft.sessions.filter((item) => item.key !== session.key) })
                : null
            }
          />
        ))}
        {draft.sessions.length < 20 ? (
          <Button
            className="staff-button event-edit__add-session"
            size="mini"
            onClick={() => onChange({ sessions: [...draft.sessions, newSession()] })}
          >
            添加场次
          </Button>
        ) : null}
      </Card>
    </Section>
  );
}

/** Every field of the event, in the order staff think of them. */
export function EventFields(props: FieldsProps) {
  return (
    <>
      <BasicFields {...props} />
      <BodySection
        hint="活动介绍：议程、讲师、费用说明等，可添加小标题、列表和图片"
        blocks={props.draft.blocks}
        onChange={(blocks) => props.onChange({ blocks })}
        error={props.errors.description}
      />
      <PlaceAndTimes {...props} />
      <Openings {...props} />
      <Prices {...props} />
      <Sessions {...props} />
    </>
  );
}
