import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  GROUP_CODE_MAX_DAYS,
  GROUP_CODE_WARN_HOURS,
  LEVELS,
  createGroupRequestSchema,
  updateGroupRequestSchema,
  type Group,
  type LevelCode,
} from '@itss/shared';
import { useState } from 'react';
import { Card, Section } from '@/components/section';
import { RequestView } from '@/components/state';
import { toApiError } from '@/services/http';
import { pickFile } from '@/services/upload';
import { createGroup, getGroups, updateGroup, uploadGroupCode } from '@/services/staff-groups';
import { useSubscribeMessages } from '@/services/subscribe';
import { usePullToRefresh } from '@/components/kit/use-pull-to-refresh';
import { useRequest } from '@/services/useRequest';
import { formatBeijingTime } from '@/utils/format';
import { levelName } from '@/packages/staff/components/review';
import { FormField, PickerValue } from '@/packages/staff/components/units';
import './index.scss';

type Reload = () => Promise<unknown>;

const LEVEL_LABELS = LEVELS.map((level) => `${level.name}及以上`);
const HOUR = 3600 * 1000;
const EXPIRY_PURPOSES = ['group_code_expiring'] as const;

interface GroupDraft {
  name: string;
  minLevel: LevelCode;
  note: string;
}

/** Name, lowest level and note: the same fields create a group and edit one. */
function GroupFields({ draft, onChange }: { draft: GroupDraft; onChange: (draft: GroupDraft) => void }) {
  return (
    <>
      <FormField label="群名称">
        <Input
          className="staff-form__input group-form__name"
          maxlength={30}
          placeholder="如：ITSS 分会会员交流群"
          value={draft.name}
          onInput={(event) => onChange({ ...draft, name: event.detail.value })}
        />
      </FormField>
      <FormField label="可加入的会员级别">
        <Picker
          className="group-form__level"
          mode="selector"
          range={LEVEL_LABELS}
          value={Math.max(
            LEVELS.findIndex((level) => level.code === draft.minLevel),
            0,
          )}
          onChange={(event) =>
            onChange({ ...draft, minLevel: LEVELS[Number(event.detail.value)]?.code ?? draft.minLevel })
          }
        >
          <PickerValue text={`${levelName(draft.minLevel)}及以上`} placeholder="请选择" />
        </Picker>
      </FormField>
      <FormField label="备注（选填，仅工作人员可见）">
        <Textarea
          className="staff-form__textarea group-form__note"
          maxlength={200}
          placeholder="如：群主为会员服务部张老师"
          value={draft.note}
          onInput={(event) => onChange({ ...draft, note: event.detail.value })}
        />
      </FormField>
    </>
  );
}

function CreateGroupForm({ onCreated }: { onCreated: Reload }) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<GroupDraft>({ name: '', minLevel: 'member', note: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const note = draft.note.trim();
    const parsed = createGroupRequestSchema.safeParse({
      name: draft.name,
      minLevel: draft.minLevel,
      ...(note ? { note } : {}),
    });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写群名称');
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const group = await createGroup(parsed.data);
      setDraft({ name: '', minLevel: 'member', note: '' });
      setOpen(false);
      await Taro.showToast({ title: `已新建${group.name}`, icon: 'none' });
      await onCreated();
    } catch (thrown) {
      setError(toApiError(thrown).message);
    } finally {
      setBusy(false);
    }
  };
  if (!open)
    return (
      <Button className="groups-new" onClick={() => setOpen(true)}>
        新建群
      </Button>
    );
  return (
    <Section title="新建群" hint="新建后上传群二维码，会员即可扫码入群">
      <Card className="staff-form">
        <GroupFields draft={draft} onChange={setDraft} />
        {error ? (
          <View className="staff-form__error" role="alert">
            {error}
          </View>
        ) : null}
        <View className="group-form__actions">
          <Button
            className="staff-form__submit"
            loading={busy}
            disabled={busy || undefined}
            onClick={() => void submit()}
          >
            创建
          </Button>
          <Button className="group-form__cancel" onClick={() => setOpen(false)}>
            取消
          </Button>
        </View>
      </Card>
    </Section>
  );
}

function EditGroupForm({ group, onDone }: { group: Group; onDone: (changed: boolean) => Promise<void> }) {
  const [draft, setDraft] = useState<GroupDraft>({
    name: group.name,
    minLevel: group.minLevel,
    note: group.note ?? '',
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const note = draft.note.trim();
    const parsed = updateGroupRequestSchema.safeParse({
      ...(draft.name.trim() === group.name ? {} : { name: draft.name }),
      ...(draft.minLevel === group.minLevel ? {} : { minLevel: draft.minLevel }),
      ...(note === (group.note ?? '') ? {} : { note: note || null }),
    });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请至少修改一项');
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await updateGroup(group.id, parsed.data);
      await Taro.showToast({ title: '已保存', icon: 'success' });
      await onDone(true);
    } catch (thrown) {
      setError(toApiError(thrown).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="staff-form group-edit">
      <GroupFields draft={draft} onChange={setDraft} />
      {error ? (
        <View className="staff-form__error" role="alert">
          {error}
        </View>
      ) : null}
      <View className="group-form__actions">
        <Button
          className="staff-form__submit"
          loading={busy}
          disabled={busy || undefined}
          onClick={() => void submit()}
        >
          保存
        </Button>
        <Button className="group-form__cancel" onClick={() => void onDone(false)}>
          取消
        </Button>
      </View>
    </View>
  );
}

/** "2026-11-24" and "14:07" in Beijing time. */
function beijingParts(at: number): { date: string; time: string } {
  const iso = new Date(at + 8 * HOUR).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

function CodeUpload({ group, onUploaded }: { group: Group; onUploaded: Reload }) {
  // The picker's range is set when the panel opens; the upload checks the chosen time again.
  const [now] = useState(() => Date.now());
  const first = beijingParts(now);
  const last = beijingParts(now + GROUP_CODE_MAX_DAYS * 24 * HOUR);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async () => {
    let expiresAt: string | undefined;
    if (date) {
      const at = new Date(`${date}T${time || '23:59'}:00+08:00`).getTime();
      if (!(at > Date.now() && at <= Date.now() + GROUP_CODE_MAX_DAYS * 24 * HOUR)) {
        setError(`有效期应在现在之后、${GROUP_CODE_MAX_DAYS} 天之内（微信群二维码 7 天后失效）`);
        return;
      }
      expiresAt = new Date(at).toISOString();
    }
    const file = await pickFile('qrCode');
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      await uploadGroupCode(group.id, file, expiresAt);
      setDate('');
      setTime('');
      await Taro.showToast({ title: '已上传', icon: 'success' });
      await onUploaded();
    } catch (thrown) {
      setError(toApiError(thrown).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="group-upload">
      <Text className="staff-tip">
        在微信群「群聊二维码」页截图后上传。二维码有效期默认为上传起 {GROUP_CODE_MAX_DAYS}{' '}
        天；如二维码页显示的到期时间更早，请选择该时间。
      </Text>
      <View className="group-upload__expiry">
        <Picker
          className="group-upload__date"
          mode="date"
          value={date || last.date}
          start={first.date}
          end={last.date}
          onChange={(event) => setDate(String(event.detail.value))}
        >
          <PickerValue text={date} placeholder={`到期日期（默认 ${last.date}）`} />
        </Picker>
        <Picker
          className="group-upload__time"
          mode="time"
          value={time || '23:59'}
          onChange={(event) => setTime(String(event.detail.value))}
        >
          <PickerValue text={time} placeholder={date ? '23:59' : `默认 ${last.time}`} />
        </Picker>
      </View>
      {error ? (
        <View className="staff-form__error" role="alert">
          {error}
        </View>
      ) : null}
      <Button
        className="staff-form__submit group-upload__button"
        loading={busy}
        disabled={busy || undefined}
        onClick={() => void upload()}
      >
        选择群二维码图片并上传
      </Button>
    </View>
  );
}

function CodeState({ group }: { group: Group }) {
  const { code } = group;
  const [now] = useState(() => Date.now());
  if (!code) return <Text className="group-code group-code--none">未上传群二维码</Text>;
  if (code.expired)
    return (
      <Text className="group-code group-code--expired">已过期（{formatBeijingTime(code.expiresAt)}）</Text>
    );
  const soon = new Date(code.expiresAt).getTime() - now <= GROUP_CODE_WARN_HOURS * HOUR;
  return (
    <Text className={`group-code${soon ? ' group-code--soon' : ' group-code--valid'}`}>
      有效至 {formatBeijingTime(code.expiresAt)}
      {soon ? '，即将过期' : ''}
    </Text>
  );
}

type Panel = 'none' | 'edit' | 'upload';

function GroupCard({ group, onChanged }: { group: Group; onChanged: Reload }) {
  const [panel, setPanel] = useState<Panel>('none');
  const [busy, setBusy] = useState(false);
  const toggle = (next: Panel) => setPanel((current) => (current === next ? 'none' : next));
  const archive = async () => {
    const archived = !group.archived;
    const { confirm } = await Taro.showModal({
      title: archived ? '归档群' : '恢复群',
      content: archived
        ? `归档后「${group.name}」不再向会员展示，可随时恢复。确定归档吗？`
        : `恢复后「${group.name}」将再次向符合级别的会员展示。确定恢复吗？`,
      confirmText: archived ? '归档' : '恢复',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await updateGroup(group.id, { archived });
      await Taro.showToast({ title: archived ? '已归档' : '已恢复', icon: 'success' });
    } catch (thrown) {
      await Taro.showModal({ title: '操作未完成', content: toApiError(thrown).message, showCancel: false });
    } finally {
      setBusy(false);
      await onChanged();
    }
  };
  return (
    <Card className={`group-card${group.archived ? ' group-card--archived' : ''}`}>
      <View className="group-card__head">
        <Text className="group-card__name">{group.name}</Text>
        {group.archived ? <Text className="group-card__tag">已归档</Text> : null}
      </View>
      <Text className="group-card__meta">
        {levelName(group.minLevel)}及以上 · 已向 {group.revealedCount} 位联系人展示
      </Text>
      {group.note ? <Text className="group-card__note">{group.note}</Text> : null}
      <CodeState group={group} />
      {panel === 'edit' ? (
        <EditGroupForm
          group={group}
          onDone={async (changed) => {
            setPanel('none');
            if (changed) await onChanged();
          }}
        />
      ) : null}
      {panel === 'upload' ? (
        <CodeUpload
          group={group}
          onUploaded={async () => {
            setPanel('none');
            await onChanged();
          }}
        />
      ) : null}
      <View className="group-card__actions">
        {group.archived ? null : (
          <Button className="staff-button staff-button--primary" size="mini" onClick={() => toggle('upload')}>
            上传群二维码
          </Button>
        )}
        <Button className="staff-button" size="mini" onClick={() => toggle('edit')}>
          编辑
        </Button>
        <Button
          className="staff-button"
          size="mini"
          disabled={busy || undefined}
          onClick={() => void archive()}
        >
          {group.archived ? '恢复' : '归档'}
        </Button>
      </View>
    </Card>
  );
}

/**
 * WeChat lets the server send one service notice per 允许, asked for within a tap: staff opt in to
 * the next expiry warning here. The to-do and 消息 warn them either way.
 */
function ExpiryReminder() {
  const reminder = useSubscribeMessages(EXPIRY_PURPOSES);
  if (!reminder.ready) return null;
  const ask = async () => {
    const outcome = await reminder.ask();
    if (outcome === 'unavailable') return;
    await Taro.showToast({
      title: outcome === 'accepted' ? '已开启一次到期提醒' : '未开启，到期时仍会在待办和消息中提醒',
      icon: 'none',
    });
  };
  return (
    <View className="groups-reminder">
      <Text className="staff-tip">
        群二维码到期前一天，通过微信服务通知提醒您重新上传。每同意一次，可收到一次提醒。
      </Text>
      <Button className="staff-button groups-reminder__button" size="mini" onClick={() => void ask()}>
        到期提醒
      </Button>
    </View>
  );
}

export default function GroupsPage() {
  const { state, reload, refresh } = useRequest(getGroups);
  usePullToRefresh(refresh);
  return (
    <View className="page staff-page groups-page">
      <CreateGroupForm onCreated={refresh} />
      <Section title="会员微信群" hint="会员在「我的」中查看入群方式">
        <ExpiryReminder />
        <RequestView
          state={state}
          onRetry={() => void reload()}
          isEmpty={(list) => !list.items.length}
          emptyText="还没有会员微信群，请先新建"
        >
          {(list) => (
            <View className="group-list">
              {list.items.map((group) => (
                <GroupCard key={group.id} group={group} onChanged={refresh} />
              ))}
            </View>
          )}
        </RequestView>
      </Section>
    </View>
  );
}
