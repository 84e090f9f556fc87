import { Button, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROLES, ROLE_NAMES, grantStaffRequestSchema, meCan, type Me, type StaffMember } from '@itss/shared';
import { useState } from 'react';
import { ItemsView } from '@/components/kit/page-data';
import { BusyButton, FormFailure, TextInput } from '@/components/kit/form';
import { useTask } from '@/components/kit/use-task';
import { CountBadge } from '@/components/kit/badges';
import { useRefreshOnShow } from '@/components/kit/use-refresh-on-show';
import { staffOnly } from '@/components/kit/staff-page';
import { useWideLayout } from '@/components/kit/layout';
import { CompactDashboard, FullDashboard } from '@/packages/staff/components/dashboard/dashboard';
import { Card, Section } from '@/components/section';
import { toApiError } from '@/services/http';
import { getStaff, grantStaff, revokeStaff } from '@/packages/staff/api';
import { useRequest } from '@/services/useRequest';
import { openPage } from '@/utils/actions';
import { formatBeijingTime } from '@/utils/format';
import { WORKBENCH_TILES, bySection, type TileCount, type WorkbenchTile } from '@/registry';
import './index.scss';
import { COLORS, showModal } from '@/services/modal';

function GrantForm({ onGranted }: { onGranted: () => Promise<void> }) {
  const [phone, setPhone] = useState('');
  const [admin, setAdmin] = useState(false);
  const { busy, error, setError, run } = useTask();

  const submit = async () => {
    const parsed = grantStaffRequestSchema.safeParse({ phone: phone.trim(), admin });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请输入 11 位手机号');
      return;
    }
    await run(async () => {
      // What the contract parsed (its defaults applied), never the raw form state.
      const member = await grantStaff(parsed.data);
      setPhone('');
      setAdmin(false);
      await Taro.showToast({ title: `已授权${member.displayName}`, icon: 'none' });
      await onGranted();
    });
  };

  return (
    <Section title="添加工作人员" hint="对方需先登录小程序并绑定手机号">
      <Card className="staff-grant">
        <TextInput
          className="staff-grant__phone"
          type="number"
          maxlength={11}
          placeholder="输入 11 位手机号"
          value={phone}
          onChange={setPhone}
        />
        <View className="staff-grant__row">
          <Text className="staff-grant__label">同时设为管理员</Text>
          <Switch checked={admin} color="#1f5fbf" onChange={(event) => setAdmin(event.detail.value)} />
        </View>
        <FormFailure className="staff-grant__error" message={error} />
        <BusyButton className="staff-grant__submit" busy={busy} onClick={() => void submit()}>
          授权
        </BusyButton>
      </Card>
    </Section>
  );
}

interface StaffRowProps {
  member: StaffMember;
  /** One's own row has no 撤销: the server refuses it, so the button would only lead to an error. */
  isSelf: boolean;
  onRevoked: () => Promise<void>;
}

function StaffRow({ member, isSelf, onRevoked }: StaffRowProps) {
  const revoke = async () => {
    const { confirm } = await showModal({
      title: '撤销权限',
      content: `确定撤销${member.displayName}的工作人员权限吗？`,
      confirmText: '撤销',
      confirmColor: COLORS.danger,
    });
    if (!confirm) return;
    try {
      await revokeStaff(member.id);
      await Taro.showToast({ title: '已撤销', icon: 'success' });
      await onRevoked();
    } catch (thrown) {
      await showModal({ title: '无法撤销', content: toApiError(thrown).message, showCancel: false });
    }
  };
  return (
    <View className="staff-row">
      <View className="staff-row__body">
        <View className="staff-row__head">
          <Text className="staff-row__name">{member.displayName}</Text>
          {ROLES.filter((role) => member.roles.includes(role)).map((role) => (
            <Text key={role} className={`staff-row__tag staff-row__tag--${role}`}>
              {ROLE_NAMES[role]}
            </Text>
          ))}
        </View>
        <Text className="staff-row__meta">
          {member.phoneMasked ?? '未绑定手机号'} · 最近登录{' '}
          {member.lastSeenAt ? formatBeijingTime(member.lastSeenAt) : '暂无'}
        </Text>
      </View>
      {isSelf ? (
        <Text className="staff-row__self">本人</Text>
      ) : (
        <Button className="staff-row__revoke" size="mini" onClick={() => void revoke()}>
          撤销
        </Button>
      )}
    </View>
  );
}

function StaffManagement({ myId }: { myId: number }) {
  const { state, reload, refresh } = useRequest(getStaff);
  const quietReload = async () => {
    await refresh();
  };
  return (
    <>
      <GrantForm onGranted={quietReload} />
      <Section title="工作人员">
        <ItemsView request={{ state, reload }} emptyText="暂无工作人员" className="staff-list">
          {(member) => (
            <StaffRow key={member.id} member={member} isSelf={member.id === myId} onRevoked={quietReload} />
          )}
        </ItemsView>
      </Section>
    </>
  );
}

/**
 * A tile's to-do count, loaded again when the workbench is shown again (back from the list after
 * working through it); while it loads or if it fails the row simply has no badge.
 */
function Count({ count }: { count: TileCount }) {
  const { state, refresh } = useRequest(count.load);
  useRefreshOnShow(refresh);
  if (state.status !== 'success') return null;
  const { count: value, more } = state.data;
  return (
    <CountBadge
      count={more && value ? `${value}+` : value}
      label={count.label}
      className="staff-links__badge"
      none={count.none}
      noneClassName="staff-links__note"
    />
  );
}

function Tile({ tile }: { tile: WorkbenchTile }) {
  const modifier = tile.modifier ? ` staff-links__row--${tile.modifier}` : '';
  return (
    <View className={`staff-links__row${modifier}`} onClick={() => openPage(tile.route)}>
      <Text className="staff-links__text">{tile.text}</Text>
      {tile.count ? <Count count={tile.count} /> : null}
      <View className="link-arrow" />
    </View>
  );
}

/** The features' tiles (their entries.ts) this person may use, by section. */
function Tiles({ can }: { can: Me['can'] }) {
  const sections = bySection(WORKBENCH_TILES.filter((tile) => tile.visible?.(can) ?? true));
  return (
    <>
      {sections.map((section) => (
        <Section key={section.title} title={section.title}>
          <Card className="staff-links">
            {section.items.map((tile) => (
              <Tile key={tile.order} tile={tile} />
            ))}
          </Card>
        </Section>
      ))}
    </>
  );
}

function StaffConsolePage({ me }: { me: Me }) {
  const { can, id } = me;
  const wide = useWideLayout();
  return (
    <View className="page staff">
      {meCan(me, 'readDashboard') ? wide ? <FullDashboard /> : <CompactDashboard /> : null}
      <Tiles can={can} />
      {can.manageStaff ? <StaffManagement myId={id} /> : null}
    </View>
  );
}

export default staffOnly(StaffConsolePage);
