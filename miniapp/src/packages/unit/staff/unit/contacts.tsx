import { Button, Text, View } from '@tarojs/components';
import type { Invite, JoinRequest, Unit } from '@itss/shared';
import { useState } from 'react';
import { ItemsView } from '@/components/kit/page-data';
import { useTask } from '@/components/kit/use-task';
import { BusyButton, FormFailure } from '@/components/kit/form';
import { useConfirmedAction } from '@/components/kit/use-confirmed-action';
import { Section } from '@/components/section';
import { useRequest } from '@/services/useRequest';
import { copyText } from '@/utils/actions';
import { formatBeijingTime } from '@/utils/format';
import {
  createInvite,
  decideJoinRequest,
  getJoinRequests,
  handOverPrimary,
  removeContact,
} from '@/packages/unit/api';
import { ContactSummary } from '@/packages/unit/components/contact-summary';
import { inviteLink } from '@/packages/unit/invite-link';

type Reload = () => Promise<unknown>;

type Contact = Unit['contacts'][number];

export function ContactRow({
  unit,
  contact,
  onChanged,
}: {
  unit: Unit;
  contact: Contact;
  onChanged: Reload;
}) {
  const { busy, run } = useConfirmedAction(onChanged);
  return (
    <View className="unit-contact">
      <ContactSummary
        contact={contact}
        block="unit-contact"
        box="body"
        extra={`加入于 ${formatBeijingTime(contact.joinedAt)}`}
      />
      {contact.isPrimary ? null : (
        <View className="unit-contact__actions">
          <Button
            className="staff-button"
            size="mini"
            disabled={busy || undefined}
            onClick={() =>
              void run(
                {
                  title: '设为主联系人',
                  content: `将「${unit.name}」的主联系人改为${contact.name}吗？原主联系人仍为普通联系人。`,
                },
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
              void run(
                {
                  title: '移除联系人',
                  content: `确定将${contact.name}移出「${unit.name}」吗？如其已加入会员微信群，将列入待移出群聊。`,
                },
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

export function InvitePanel({ unit }: { unit: Unit }) {
  const [invite, setInvite] = useState<Invite | null>(null);
  const { busy, error, run } = useTask();
  const create = async () => {
    await run(async () => {
      setInvite(await createInvite(unit.id));
    });
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
      <FormFailure className="staff-form__error" message={error} />
      <BusyButton
        className="unit-invite__create"
        busy={busy}
        disabled={unit.status !== 'active'}
        onClick={() => void create()}
      >
        邀请联系人
      </BusyButton>
      {unit.status === 'active' ? null : (
        <Text className="staff-tip">单位会员资格未恢复前不能添加联系人。</Text>
      )}
    </View>
  );
}

function JoinRequestRow({ unit, item, onChanged }: { unit: Unit; item: JoinRequest; onChanged: Reload }) {
  const { busy, run } = useConfirmedAction(onChanged);
  const decide = (decision: 'approve' | 'decline') => {
    const approve = decision === 'approve';
    return run(
      {
        title: approve ? '同意加入' : '拒绝加入',
        content: approve
          ? `同意${item.name}成为「${unit.name}」的联系人吗？将占用一个联系人名额。`
          : `拒绝${item.name}的加入申请吗？`,
        confirmText: approve ? '同意' : '拒绝',
      },
      () => decideJoinRequest(unit.id, item.id, { decision }),
      approve ? '已同意' : '已拒绝',
    );
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

export function JoinRequests({ unit, onChanged }: { unit: Unit; onChanged: Reload }) {
  const { state, reload, refresh } = useRequest(() => getJoinRequests(unit.id, 'pending'));
  const changed = async () => {
    await Promise.all([refresh(), onChanged()]);
  };
  return (
    <Section title="加入申请" hint="同事输入统一社会信用代码申请加入">
      <ItemsView request={{ state, reload }} emptyText="暂无待处理的加入申请" className="unit-contacts">
        {(item) => <JoinRequestRow key={item.id} unit={unit} item={item} onChanged={changed} />}
      </ItemsView>
    </Section>
  );
}
