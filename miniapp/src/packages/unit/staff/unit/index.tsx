import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  ErrorCode,
  UNIT_STATUS_NAMES,
  UNIT_TYPE_NAMES,
  unitStatusChangeRequestSchema,
  type Invite,
  type JoinRequest,
  type Unit,
  type UnitStatus,
} from '@itss/shared';
import { useState } from 'react';
import { StatusBadge } from '@/components/kit/badges';
import { Card, Section } from '@/components/section';
import { EmptyState, RequestView } from '@/components/state';
import { apiErrorOf, fieldMessage, toApiError } from '@/services/http';
import {
  changeUnitStatus,
  createInvite,
  decideJoinRequest,
  getJoinRequests,
  getUnit,
  handOverPrimary,
  removeContact,
} from '@/packages/unit/api';
import { usePullToRefresh } from '@/components/kit/use-pull-to-refresh';
import { useRequest } from '@/services/useRequest';
import { copyText } from '@/utils/actions';
import { formatBeijingTime } from '@/utils/format';
import { Field, HistoryRow } from '@/packages/staff/components/record';
import { levelName } from '@/packages/staff/components/review';
import '@/packages/staff/components/units.scss';
import { inviteLink } from '@/packages/unit/invite-link';
import './index.scss';

type Reload = () => Promise<unknown>;

async function tell(title: string, content: string): Promise<void> {
  await Taro.showModal({ title, content, showCancel: false });
}

type Contact = Unit['contacts'][number];

function ContactRow({ unit, contact, onChanged }: { unit: Unit; contact: Contact; onChanged: Reload }) {
  const [busy, setBusy] = useState(false);
  const act = async (confirmTitle: string, content: string, call: () => Promise<void>, done: string) => {
    const { confirm } = await Taro.showModal({ title: confirmTitle, content, confirmText: '确定' });
    if (!confirm) return;
    setBusy(true);
    try {
      await call();
      await Taro.showToast({ title: done, icon: 'success' });
    } catch (thrown) {
      await tell('操作未完成', toApiError(thrown).message);
    } finally {
      setBusy(false);
      await onChanged();
    }
  };
  return (
    <View className="unit-contact">
      <View className="unit-contact__body">
        <View className="unit-contact__head">
          <Text className="unit-contact__name">{contact.name}</Text>
          {contact.isPrimary ? <Text className="unit-contact__tag">主联系人</Text> : null}
        </View>
        <Text className="unit-contact__meta">
          {[
            contact.title,
            contact.phoneMasked ?? '未绑定手机号',
            `加入于 ${formatBeijingTime(contact.joinedAt)}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </View>
      {contact.isPrimary ? null : (
        <View className="unit-contact__actions">
          <Button
            className="staff-button"
            size="mini"
            disabled={busy || undefined}
            onClick={() =>
              void act(
                '设为主联系人',
                `将「${unit.name}」的主联系人改为${contact.name}吗？原主联系人仍为普通联系人。`,
                () => handOverPrimary(unit.id, contact.userId),
                '已设为主联系人',
              )
            }
          >
            设为主联系人
          </Button>
          <Button
            className="staff-button staff-button--danger"
            size="mini"
            disabled={busy || undefined}
            onClick={() =>
              void act(
                '移除联系人',
                `确定将${contact.name}移出「${unit.name}」吗？如其已加入会员微信群，将列入待移出群聊。`,
                () => removeContact(unit.id, contact.userId),
                '已移除',
              )
            }
          >
            移除
          </Button>
        </View>
      )}
    </View>
  );
}

function InvitePanel({ unit }: { unit: Unit }) {
  const [invite, setInvite] = useState<Invite | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setInvite(await createInvite(unit.id));
    } catch (thrown) {
      setError(toApiError(thrown).message);
    } finally {
      setBusy(false);
    }
  };
  const message = invite
    ? `您好，邀请您成为「${unit.name}」在 ITSS 分会的单位联系人。请在微信中打开链接并按提示确认（${formatBeijingTime(invite.expiresAt)} 前有效，仅可使用一次）：${inviteLink(invite)}`
    : '';
  return (
    <View className="unit-invite">
      <Text className="staff-tip">
        {unit.contacts.length
          ? '生成一次性邀请链接，发给需要成为联系人的同事，7 天内有效。'
          : '该单位还没有联系人：生成邀请链接发给单位指定的联系人，第一位接受邀请的人将成为主联系人。'}
      </Text>
      {invite ? (
        <View className="unit-invite__result">
          <Text className="unit-invite__link" userSelect>
            {inviteLink(invite)}
          </Text>
          <Text className="unit-invite__meta">
            有效期至 {formatBeijingTime(invite.expiresAt)} · 仅可使用一次
          </Text>
          <View className="unit-invite__actions">
            <Button
              className="staff-button staff-button--primary"
              size="mini"
              onClick={() => void copyText(message)}
            >
              复制邀请文字
            </Button>
            <Button className="staff-button" size="mini" onClick={() => void copyText(invite.token)}>
              复制邀请码
            </Button>
          </View>
        </View>
      ) : null}
      {error ? (
        <View className="staff-form__error" role="alert">
          {error}
        </View>
      ) : null}
      <Button
        className="unit-invite__create"
        loading={busy}
        disabled={busy || unit.status !== 'active' || undefined}
        onClick={() => void create()}
      >
        邀请联系人
      </Button>
      {unit.status === 'active' ? null : (
        <Text className="staff-tip">单位会员资格未恢复前不能添加联系人。</Text>
      )}
    </View>
  );
}

function JoinRequestRow({ unit, item, onChanged }: { unit: Unit; item: JoinRequest; onChanged: Reload }) {
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'approve' | 'decline') => {
    const approve = decision === 'approve';
    const { confirm } = await Taro.showModal({
      title: approve ? '同意加入' : '拒绝加入',
      content: approve
        ? `同意${item.name}成为「${unit.name}」的联系人吗？将占用一个联系人名额。`
        : `拒绝${item.name}的加入申请吗？`,
      confirmText: approve ? '同意' : '拒绝',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await decideJoinRequest(unit.id, item.id, { decision });
      await Taro.showToast({ title: approve ? '已同意' : '已拒绝', icon: 'success' });
    } catch (thrown) {
      await tell('操作未完成', toApiError(thrown).message);
    } finally {
      setBusy(false);
      await onChanged();
    }
  };
  return (
    <View className="unit-contact">
      <View className="unit-contact__body">
        <Text className="unit-contact__name">{item.name}</Text>
        <Text className="unit-contact__meta">
          {[item.title, item.phoneMasked ?? '未绑定手机号', `申请于 ${formatBeijingTime(item.createdAt)}`]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </View>
      <View className="unit-contact__actions">
        <Button
          className="staff-button staff-button--primary"
          size="mini"
          disabled={busy || undefined}
          onClick={() => void decide('approve')}
        >
          同意
        </Button>
        <Button
          className="staff-button staff-button--danger"
          size="mini"
          disabled={busy || undefined}
          onClick={() => void decide('decline')}
        >
          拒绝
        </Button>
      </View>
    </View>
  );
}

function JoinRequests({ unit, onChanged }: { unit: Unit; onChanged: Reload }) {
  const { state, reload, refresh } = useRequest(() => getJoinRequests(unit.id, 'pending'));
  const changed = async () => {
    await Promise.all([refresh(), onChanged()]);
  };
  return (
    <Section title="加入申请" hint="同事输入统一社会信用代码申请加入">
      <RequestView
        state={state}
        onRetry={() => void reload()}
        isEmpty={(list) => !list.items.length}
        emptyText="暂无待处理的加入申请"
      >
        {(list) => (
          <Card className="unit-contacts">
            {list.items.map((item) => (
              <JoinRequestRow key={item.id} unit={unit} item={item} onChanged={changed} />
            ))}
          </Card>
        )}
      </RequestView>
    </Section>
  );
}

/** From each status, the changes staff may make: a removed unit stays removed. */
const NEXT_STATUSES: Record<UnitStatus, readonly UnitStatus[]> = {
  active: ['suspended', 'removed'],
  suspended: ['active', 'removed'],
  removed: [],
};
const ACTION_NAMES: Record<UnitStatus, string> = {
  active: '恢复会员资格',
  suspended: '暂停会员资格',
  removed: '除名',
};
const ACTION_WARNINGS: Record<UnitStatus, string> = {
  active: '恢复后，该单位联系人可再次使用会员服务。',
  suspended: '暂停后，该单位联系人不能再加入会员微信群，已入群的人员将列入待移出群聊。',
  removed: '除名后不能恢复，如需重新入会须提交入会申请；已入群的人员将列入待移出群聊。',
};

function StatusPanel({ unit, onChanged }: { unit: Unit; onChanged: Reload }) {
  const [target, setTarget] = useState<UnitStatus | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = NEXT_STATUSES[unit.status];

  const submit = async (status: UnitStatus) => {
    const parsed = unitStatusChangeRequestSchema.safeParse({ status, reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写原因');
      return;
    }
    const { confirm } = await Taro.showModal({
      title: ACTION_NAMES[status],
      content: `「${unit.name}」：${ACTION_WARNINGS[status]}确定吗？`,
      confirmText: '确定',
      confirmColor: status === 'active' ? '#1f5fbf' : '#d64545',
    });
    if (!confirm) return;
    setError(null);
    setBusy(true);
    try {
      await changeUnitStatus(unit.id, parsed.data);
      setTarget(null);
      setReason('');
      await Taro.showToast({ title: `已${ACTION_NAMES[status]}`, icon: 'success' });
      await onChanged();
    } catch (thrown) {
      setError(fieldMessage(toApiError(thrown), 'reason'));
    } finally {
      setBusy(false);
    }
  };

  if (!next.length) return <Text className="staff-tip">该单位已除名，状态不能再变更。</Text>;
  return (
    <View className="unit-status-panel">
      <View className="unit-status-panel__actions">
        {next.map((status) => (
          <Button
            key={status}
            className={`staff-button${status === 'active' ? ' staff-button--primary' : ' staff-button--danger'}`}
            size="mini"
            disabled={busy || undefined}
            onClick={() => {
              setError(null);
              setTarget(status);
            }}
          >
            {status === 'active' ? '恢复' : ACTION_NAMES[status]}
          </Button>
        ))}
      </View>
      {target ? (
        <View className="unit-status-panel__form">
          <Text className="staff-form__label">{ACTION_NAMES[target]}的原因（必填，记入状态记录）</Text>
          <Textarea
            className="staff-form__textarea unit-status-panel__reason"
            maxlength={200}
            placeholder="如：连续两个年度未缴纳会费"
            value={reason}
            onInput={(event) => setReason(event.detail.value)}
          />
          {error ? (
            <View className="staff-form__error" role="alert">
              {error}
            </View>
          ) : null}
          <View className="unit-status-panel__actions">
            <Button
              className="staff-button staff-button--primary"
              size="mini"
              loading={busy}
              disabled={busy || undefined}
              onClick={() => void submit(target)}
            >
              确认{ACTION_NAMES[target]}
            </Button>
            <Button className="staff-button" size="mini" onClick={() => setTarget(null)}>
              取消
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}

function UnitView({ unit, reload }: { unit: Unit; reload: Reload }) {
  return (
    <>
      <Card className="unit-head">
        <View className="unit-head__row">
          <Text className="unit-head__unit">{unit.name}</Text>
          <StatusBadge block="unit-status" state={unit.status} names={UNIT_STATUS_NAMES} />
        </View>
        <Text className="unit-head__meta">
          {levelName(unit.level)} · 联系人 {unit.seats.used}/{unit.seats.limit}
        </Text>
      </Card>

      <Section title="单位信息">
        <Card className="record-fields">
          <Field label="统一社会信用代码">{unit.creditCode}</Field>
          <Field label="单位类型">{UNIT_TYPE_NAMES[unit.unitType]}</Field>
          <Field label="所在地区">
            {unit.province}
            {unit.city === unit.province ? '' : ` ${unit.city}`}
          </Field>
          <Field label="会员级别">{levelName(unit.level)}</Field>
          <Field label="入会日期">{unit.joinedOn}</Field>
        </Card>
      </Section>

      <Section title="联系人" hint={`名额 ${unit.seats.used}/${unit.seats.limit}`}>
        <Card className="unit-contacts">
          {unit.contacts.length ? (
            unit.contacts.map((contact) => (
              <ContactRow key={contact.userId} unit={unit} contact={contact} onChanged={reload} />
            ))
          ) : (
            <Text className="staff-tip unit-contacts__empty">暂无联系人</Text>
          )}
          <InvitePanel unit={unit} />
        </Card>
      </Section>

      <JoinRequests unit={unit} onChanged={reload} />

      <Section title="会员资格" hint={`当前：${UNIT_STATUS_NAMES[unit.status]}`}>
        <Card>
          <StatusPanel unit={unit} onChanged={reload} />
        </Card>
      </Section>

      <Section title="状态记录">
        <Card className="record-history">
          {unit.statusHistory.length ? null : <Text className="staff-tip">暂无状态变更记录</Text>}
          {unit.statusHistory.map((entry) => (
            <HistoryRow
              key={`${entry.at}-${entry.status}`}
              state={UNIT_STATUS_NAMES[entry.status]}
              at={entry.at}
              by={entry.by ?? '系统'}
              reason={entry.reason}
            />
          ))}
        </Card>
      </Section>
    </>
  );
}

export default function UnitPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const { state, reload, refresh } = useRequest(() =>
    valid ? getUnit(id) : Promise.reject(apiErrorOf(ErrorCode.NotFound)),
  );
  usePullToRefresh(refresh);
  if (!valid) {
    return (
      <View className="page staff-page unit-page">
        <EmptyState text="没有找到该会员单位" />
      </View>
    );
  }
  return (
    <View className="page staff-page unit-page">
      <RequestView state={state} onRetry={() => void reload()}>
        {(unit) => <UnitView unit={unit} reload={refresh} />}
      </RequestView>
    </View>
  );
}
