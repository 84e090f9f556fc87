import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { APPLICABLE_LEVELS, APPLICATION_STATES, type ApplicationSummary } from '@itss/shared';
import type { ReactNode } from 'react';
import { DataTable, type DataColumn, type TableSort } from '@/components/kit/data-table';
import { useKeysetPage } from '@/components/kit/keyset-list';
import { getApplications, type QueueFilters } from '@/packages/join/api';
import { queueFilterName } from '@/packages/join/components/queue';
import { ApplicationStateBadge, ChecksumBadge } from '@/packages/staff/components/review';
import { ROUTES, routeUrl } from '@/routes';
import { formatBeijingTime, levelName } from '@/utils/format';

const COLUMNS: DataColumn<ApplicationSummary>[] = [
  {
    key: 'unit',
    title: '申请单位',
    width: 3,
    sortValue: (item) => item.unitName,
    cell: (item) => (
      <>
        <Text className="applications-table__unit">{item.unitName}</Text>
        {item.creditCodeChecksumValid === false ? <ChecksumBadge /> : null}
      </>
    ),
  },
  {
    key: 'level',
    title: '申请级别',
    width: 1.2,
    sortValue: (item) => APPLICABLE_LEVELS.indexOf(item.level),
    cell: (item) => levelName(item.level),
  },
  {
    key: 'state',
    title: '状态',
    width: 1.2,
    sortValue: (item) => APPLICATION_STATES.indexOf(item.state),
    cell: (item) => <ApplicationStateBadge state={item.state} />,
  },
  {
    key: 'contact',
    title: '联系人',
    width: 1.6,
    sortValue: (item) => item.contactName,
    cell: (item) => (
      <>
        <Text>{item.contactName}</Text>
        <Text className="data-table__sub">{item.contactMobileMasked}</Text>
      </>
    ),
  },
  {
    key: 'campaign',
    title: '推广码',
    width: 1.4,
    sortValue: (item) => item.campaign?.name ?? null,
    cell: (item) => item.campaign?.name ?? '未通过推广码',
  },
  {
    key: 'submitted',
    title: '提交时间',
    width: 1.6,
    sortValue: (item) => item.submittedAt,
    cell: (item) => formatBeijingTime(item.submittedAt),
  },
];

/** One filter's queue as a table; a new filter mounts a new one, so paging starts over. */
export function ApplicationsTable({
  filters,
  toolbar,
  sort,
  onSortChange,
}: {
  filters: QueueFilters;
  toolbar: ReactNode;
  sort: TableSort | null;
  onSortChange: (sort: TableSort) => void;
}) {
  // Back from an application that was just decided: its row has moved on.
  const list = useKeysetPage(
    (cursor: string | null) => getApplications(filters, cursor),
    (page) => page.nextCursor,
    { refreshOnShow: true, reachBottom: false },
  );
  return (
    <DataTable
      className="applications-table"
      list={list}
      columns={COLUMNS}
      rowKey={(item) => item.id}
      onRowClick={(item) => void Taro.navigateTo({ url: routeUrl(ROUTES.review, { id: item.id }) })}
      toolbar={toolbar}
      emptyText={filters.state ? `暂无${queueFilterName(filters.state)}的申请` : '暂无入会申请'}
      sort={sort}
      onSortChange={onSortChange}
    />
  );
}
