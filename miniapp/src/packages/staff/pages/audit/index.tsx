import { Button, Text, View } from '@tarojs/components';
import { ROLES, ROLE_NAMES, auditActionName, type AuditEntry, type Role } from '@itss/shared';
import { Card } from '@/components/section';
import { RequestView } from '@/components/state';
import { getAudit } from '@/packages/staff/api';
import { useKeysetList, type KeysetList } from '@/services/useKeysetList';
import { usePullToRefresh } from '@/services/usePullToRefresh';
import { formatBeijingTime } from '@/utils/format';
import './index.scss';

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

interface AuditListProps {
  list: KeysetList<AuditEntry>;
  onMore: () => void;
}

function AuditList({ list, onMore }: AuditListProps) {
  return (
    <>
      <Card className="audit-list">
        {list.items.map((entry) => (
          <AuditRow key={entry.id} entry={entry} />
        ))}
      </Card>
      {list.moreError ? (
        <View className="audit-more-error" role="alert">
          {list.moreError.message}
        </View>
      ) : null}
      {list.hasMore ? (
        <Button
          className="audit-more"
          loading={list.loadingMore}
          disabled={list.loadingMore || undefined}
          onClick={onMore}
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
  const { state, reload, refresh, loadMore } = useKeysetList(getAudit, (page) => page.nextCursor);
  usePullToRefresh(refresh);
  return (
    <View className="page audit">
      <RequestView
        state={state}
        onRetry={() => void reload()}
        isEmpty={(list) => !list.items.length}
        emptyText="暂无记录"
      >
        {(list) => <AuditList list={list} onMore={() => void loadMore()} />}
      </RequestView>
    </View>
  );
}
