import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { LEVEL_CODES, UNIT_STATUSES, UNIT_STATUS_NAMES, type UnitSummary } from '@itss/shared';
import type { ReactNode } from 'react';
import { StatusBadge } from '@/components/kit/badges';
import { DataTable, type DataColumn, type TableSort } from '@/components/kit/data-table';
import { useKeysetPage } from '@/components/kit/keyset-list';
import { getUnits, type UnitFilters } from '@/packages/unit/api';
import { ROUTES, routeUrl } from '@/routes';
import { levelName } from '@/utils/format';

const regionOf = (unit: UnitSummary) =>
  unit.city === unit.province ? unit.province : `${unit.province} ${unit.city}`;

const COLUMNS: DataColumn<UnitSummary>[] = [
  {
    key: 'name',
    title: '单位名称',
    width: 3,
    sortValue: (unit) => unit.name,
    cell: (unit) => (
      <>
        <Text className="units-table__name">{unit.name}</Text>
        <Text className="data-table__sub">{unit.creditCode}</Text>
      </>
    ),
  },
  {
    key: 'level',
    title: '会员级别',
    width: 1.4,
    // By rank, as the handbook lists the levels, not by the names' pinyin.
    sortValue: (unit) => LEVEL_CODES.indexOf(unit.level),
    cell: (unit) => levelName(unit.level),
  },
  {
    key: 'status',
    title: '状态',
    sortValue: (unit) => UNIT_STATUSES.indexOf(unit.status),
    cell: (unit) => <StatusBadge block="unit-status" state={unit.status} names={UNIT_STATUS_NAMES} />,
  },
  { key: 'region', title: '所在地区', width: 1.4, sortValue: regionOf, cell: regionOf },
  {
    key: 'contacts',
    title: '联系人',
    width: 0.8,
    align: 'end',
    sortValue: (unit) => unit.contactCount,
    cell: (unit) => `${unit.contactCount} 位`,
  },
  {
    key: 'primary',
    title: '主联系人',
    width: 1.2,
    sortValue: (unit) => unit.primaryContactName,
    cell: (unit) => unit.primaryContactName ?? '暂无',
  },
  {
    key: 'joined',
    title: '入会日期',
    width: 1.2,
    sortValue: (unit) => unit.joinedOn,
    cell: (unit) => unit.joinedOn,
  },
];

/** The units under one set of filters as a table (a new filter mounts a new one: paging starts over). */
export function UnitsTable({
  filters,
  toolbar,
  sort,
  onSortChange,
}: {
  filters: UnitFilters;
  toolbar: ReactNode;
  sort: TableSort | null;
  onSortChange: (sort: TableSort) => void;
}) {
  // Back from a unit whose status changed, or from a new unit or an import: the list has moved on.
  const list = useKeysetPage(
    (cursor: string | null) => getUnits(filters, cursor),
    (page) => page.nextCursor,
    { refreshOnShow: true, reachBottom: false },
  );
  const filtered = Boolean(filters.q || filters.level || filters.status);
  return (
    <DataTable
      className="units-table"
      list={list}
      columns={COLUMNS}
      rowKey={(unit) => unit.id}
      onRowClick={(unit) => void Taro.navigateTo({ url: routeUrl(ROUTES.unit, { id: unit.id }) })}
      toolbar={toolbar}
      emptyText={filtered ? '没有符合条件的会员单位' : '还没有会员单位，可新增或批量导入'}
      sort={sort}
      onSortChange={onSortChange}
    />
  );
}
