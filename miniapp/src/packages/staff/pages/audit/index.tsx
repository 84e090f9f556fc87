import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  ROLES,
  ROLE_NAMES,
  type AuditAction,
  type AuditEntry,
  type AuditListResponse,
  type Role,
} from '@itss/shared';
import { useState } from 'react';
import { Card } from '@/components/section';
import { RequestView } from '@/components/state';
import { toApiError } from '@/services/http';
import { getAudit } from '@/services/staff';
import { useRequest } from '@/services/useRequest';
import { formatBeijingTime } from '@/utils/format';
import './index.scss';

const isRole = (code: string): code is Role => (ROLES as readonly string[]).includes(code);

export const AUDIT_ACTION_NAMES: Record<AuditAction, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'user.phone_bound': '绑定手机号',
  'role.granted': '授予权限',
  'role.revoked': '撤销权限',
};

/** Role changes carry role codes: show their Chinese names. */
function describeDetail(entry: AuditEntry): string {
  if (entry.action !== 'role.granted' && entry.action !== 'role.revoked') return entry.detail ?? '';
  return (entry.detail ?? '')
    .split(',')
    .map((code) => (isRole(code) ? ROLE_NAMES[code] : code))
    .join('、');
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  return (
    <View className="audit-row">
      <View className="audit-row__head">
        <Text className="audit-row__action">{AUDIT_ACTION_NAMES[entry.action]}</Text>
        <Text className="audit-row__time">{formatBeijingTime(entry.at)}</Text>
      </View>
      <Text className="audit-row__meta">
        {entry.actor.displayName}
        {entry.target && entry.target !== `user:${entry.actor.id ?? ''}`
          ? ` → ${entry.targetName ?? entry.target}`
          : ''}
        {entry.detail ? ` · ${describeDetail(entry)}` : ''}
      </Text>
    </View>
  );
}

function AuditList({ first }: { first: AuditListResponse }) {
  const [more, setMore] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState(first.nextBefore);
  const [busy, setBusy] = useState(false);
  const loadMore = async () => {
    setBusy(true);
    try {
      const page = await getAudit(next);
      setMore((previous) => [...previous, ...page.items]);
      setNext(page.nextBefore);
    } catch (error) {
      await Taro.showToast({ title: toApiError(error).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Card className="audit-list">
        {[...first.items, ...more].map((entry) => (
          <AuditRow key={entry.id} entry={entry} />
        ))}
      </Card>
      {next ? (
        <Button
          className="audit-more"
          loading={busy}
          disabled={busy || undefined}
          onClick={() => void loadMore()}
        >
          加载更多
        </Button>
      ) : (
        <Text className="audit-end">没有更早的记录了</Text>
      )}
    </>
  );
}

export default function AuditPage() {
  const { state, reload } = useRequest(() => getAudit());
  return (
    <View className="page audit">
      <RequestView
        state={state}
        onRetry={() => void reload()}
        isEmpty={(list) => !list.items.length}
        emptyText="暂无记录"
      >
        {(list) => <AuditList first={list} />}
      </RequestView>
    </View>
  );
}
