import { Text } from '@tarojs/components';
import { LEVEL_CODES, formatFen, type ArrearsItem } from '@itss/shared';
import type { ReactNode } from 'react';
import { DataTable, type DataColumn, type TableSort } from '@/components/kit/data-table';
import { useKeysetPage } from '@/components/kit/keyset-list';
import { levelName } from '@/utils/format';
import { yearsText } from '@/packages/standing/format';
import {
  arrearsEmptyText,
  loadArrears,
  openArrearsUnit,
  ProposedBadge,
  type ArrearsFilters,
} from '@/packages/standing/staff/components/arrears';
import { useRefreshOnReturn } from '@/packages/standing/staff/components/refresh';

const COLUMNS: DataColumn<ArrearsItem>[] = [
  {
    key: 'unit',
    title: '单位',
    width: 3,
    sortValue: (item) => item.unitName,
    cell: (item) => <Text className="arrears-table__unit">{item.unitName}</Text>,
  },
  {
    key: 'level',
    title: '级别',
    width: 1.2,
    sortValue: (item) => LEVEL_CODES.indexOf(item.level),
    cell: (item) => levelName(item.level),
  },
  {
    key: 'years',
    title: '欠费年度',
    width: 2,
    sortValue: (item) => item.unpaidYears.length,
    cell: (item) => (
      <>
        <Text>{yearsText(item.unpaidYears)}</Text>
        <Text className="data-table__sub">共 {item.unpaidYears.length} 个年度</Text>
      </>
    ),
  },
  {
    key: 'outstanding',
    title: '欠缴金额',
    width: 1.4,
    align: 'end',
    sortValue: (item) => item.outstandingFen,
    cell: (item) => formatFen(item.outstandingFen),
  },
  {
    key: 'proposed',
    title: '除名建议',
    width: 1.2,
    sortValue: (item) => (item.status === 'removed' ? 2 : item.removalProposed ? 1 : 0),
    cell: (item) => <ProposedBadge item={item} />,
  },
];

/** One filter's units in arrears as a table: a row opens the unit's bills and the removal form. */
export function ArrearsTable({
  filters,
  toolbar,
  sort,
  onSortChange,
}: {
  filters: ArrearsFilters;
  toolbar: ReactNode;
  sort: TableSort | null;
  onSortChange: (sort: TableSort) => void;
}) {
  const list = useKeysetPage(loadArrears(filters), (page) => page.nextCursor, { reachBottom: false });
  useRefreshOnReturn(list.refresh);
  return (
    <DataTable
      className="arrears-table"
      list={list}
      columns={COLUMNS}
      rowKey={(item) => item.unitId}
      onRowClick={openArrearsUnit}
      toolbar={toolbar}
      emptyText={arrearsEmptyText(filters)}
      endText="以上为全部欠费单位"
      sort={sort}
      onSortChange={onSortChange}
    />
  );
}
