import { Text, View } from '@tarojs/components';
import { ROLES, ROLE_NAMES, auditActionName, type AuditEntry, type Role } from '@itss/shared';
import { KeysetListView, useKeysetPage } from '@/components/kit/keyset-list';
import { getAudit } from '@/packages/staff/api';
import { formatBeijingTime } from '@/utils/format';
import './index.scss';
import { staffOnly } from '@/components/kit/staff-page';

const isRole = (code: string): code is Role => (ROLES as readonly string[]).includes(code);

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
        <Text className="audit-row__action">{auditActionName(entry.action)}</Text>
        <Text className="audit-row__time">{formatBeijingTime(entry.at)}</Text>
      </View>
      <Text className="audit-row__meta">
        {entry.actor.displayName}
        {entry.targetName && !(entry.target?.type === 'user' && entry.target.id === entry.actor.id)
          ? ` → ${entry.targetName}`
          : ''}
        {entry.detail ? ` · ${describeDetail(entry)}` : ''}
      </Text>
    </View>
  );
}

function AuditPage() {
  const list = useKeysetPage(getAudit, (page) => page.nextCursor, { reachBottom: false });
  return (
    <View className="page audit">
      <KeysetListView list={list} block="audit" card endText="没有更早的记录了" emptyText="暂无记录">
        {(entry) => <AuditRow key={entry.id} entry={entry} />}
      </KeysetListView>
    </View>
  );
}

export default staffOnly(AuditPage, 'readAuditLog');
