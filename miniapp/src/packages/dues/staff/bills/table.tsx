import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BILL_STATUSES, LEVEL_CODES, formatFen, type Bill } from '@itss/shared';
import type { ReactNode } from 'react';
import { DataTable, type DataColumn, type TableSort } from '@/components/kit/data-table';
import { useKeysetPage } from '@/components/kit/keyset-list';
import { getDuesBills, type BillFilters } from '@/packages/dues/api';
import { BillStatusBadge, paidText } from '@/packages/dues/staff/components/parts';
import { ROUTES, routeUrl } from '@/routes';
import { levelName } from '@/utils/format';

const COLUMNS: DataColumn<Bill>[] = [
  {
    key: 'unit',
    title: '单位',
    width: 3,
    sortValue: (bill) => bill.unitName,
    cell: (bill) => (
      <>
        <Text className="bills-table__unit">{bill.unitName}</Text>
        <Text className="data-table__sub">识别码 {bill.remittanceCode}</Text>
      </>
    ),
  },
  {
    key: 'year',
    title: '年度',
    width: 0.8,
    sortValue: (bill) => bill.year,
    cell: (bill) => String(bill.year),
  },
  {
    key: 'level',
    title: '级别',
    width: 1.2,
    sortValue: (bill) => LEVEL_CODES.indexOf(bill.level),
    cell: (bill) => levelName(bill.level),
  },
  {
    key: 'amount',
    title: '应缴',
    width: 1.2,
    align: 'end',
    sortValue: (bill) => bill.amountFen,
    cell: (bill) => formatFen(bill.amountFen),
  },
  {
    key: 'paid',
    title: '已缴',
    width: 1.4,
    align: 'end',
    sortValue: (bill) => bill.paidFen,
    cell: (bill) => paidText(bill),
  },
  {
    key: 'status',
    title: '状态',
    width: 1.2,
    sortValue: (bill) => BILL_STATUSES.indexOf(bill.status),
    cell: (bill) => <BillStatusBadge bill={bill} />,
  },
  {
    key: 'due',
    title: '截止日期',
    width: 1.2,
    sortValue: (bill) => bill.dueDate,
    cell: (bill) => (
      <Text className={bill.overdue ? 'bill-row__due--overdue' : undefined}>{bill.dueDate}</Text>
    ),
  },
];

/** One filter's bills as a table; a new filter mounts a new one, so paging starts over. */
export function BillsTable({
  filters,
  toolbar,
  sort,
  onSortChange,
}: {
  filters: BillFilters;
  toolbar: ReactNode;
  sort: TableSort | null;
  onSortChange: (sort: TableSort) => void;
}) {
  // Back from a bill that was paid, waived or voided: the list has moved on.
  const list = useKeysetPage(
    (cursor: string | null) => getDuesBills(filters, cursor),
    (page) => page.nextCursor,
    { refreshOnShow: true, reachBottom: false },
  );
  const filtered = Boolean(filters.q || filters.level || filters.status || filters.overdue);
  return (
    <DataTable
      className="bills-table"
      list={list}
      columns={COLUMNS}
      rowKey={(bill) => bill.id}
      onRowClick={(bill) => void Taro.navigateTo({ url: routeUrl(ROUTES.duesBill, { id: bill.id }) })}
      toolbar={toolbar}
      emptyText={filtered ? '没有符合条件的账单' : '该年度还没有会费账单，可在「会费管理」中生成'}
      sort={sort}
      onSortChange={onSortChange}
    />
  );
}
