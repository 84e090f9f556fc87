import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import {
  BILL_STATUSES,
  BILL_STATUS_NAMES,
  LEVELS,
  LEVEL_CODES,
  formatFen,
  type Bill,
  type LevelCode,
} from '@itss/shared';
import { KeysetListView, useFilters, useKeysetPage } from '@/components/kit/keyset-list';
import { SearchBar } from '@/components/kit/search-bar';
import { StaffListPage } from '@/components/kit/staff-list-page';
import { staffOnly } from '@/components/kit/staff-page';
import type { TableSort } from '@/components/kit/data-table';
import { useWideLayout } from '@/components/kit/layout';
import { tabsOf } from '@/components/kit/tabs';
import { ROUTES, routeUrl } from '@/routes';
import { levelName } from '@/utils/format';
import { exportDuesBills, getDuesBills, type BillFilters } from '@/packages/dues/api';
import { BillStatusBadge, currentYear, paidText, YearPicker } from '@/packages/dues/staff/components/parts';
import { StaffChips } from '@/packages/staff/components/units';
import '@/packages/staff/components/queue.scss';
import { BillsTable } from './table';
import './index.scss';

const LEVEL_NAMES = Object.fromEntries(LEVELS.map((level) => [level.code, level.name])) as Record<
  LevelCode,
  string
>;
const OVERDUE_TABS = [
  { value: undefined, name: '含未逾期' },
  { value: 'overdue' as const, name: '仅看逾期' },
];

function BillRow({ bill }: { bill: Bill }) {
  return (
    <View
      className="queue-row bill-row"
      onClick={() => void Taro.navigateTo({ url: routeUrl(ROUTES.duesBill, { id: bill.id }) })}
    >
      <View className="queue-row__head">
        <Text className="queue-row__unit">{bill.unitName}</Text>
        <BillStatusBadge bill={bill} />
      </View>
      <View className="queue-row__tags">
        <Text className="queue-row__level">{levelName(bill.level)}</Text>
        <Text className="bill-row__year">{bill.year} 年度</Text>
      </View>
      <View className="bill-row__money">
        <Text className="bill-row__amount">应缴 {formatFen(bill.amountFen)}</Text>
        <Text className="bill-row__paid">已缴 {paidText(bill)}</Text>
      </View>
      <Text className={bill.overdue ? 'queue-row__meta bill-row__due--overdue' : 'queue-row__meta'}>
        截止 {bill.dueDate} · 识别码 {bill.remittanceCode}
      </Text>
    </View>
  );
}

/** One filter's list; a new filter mounts a new one, so paging starts over. */
function Bills({ filters }: { filters: BillFilters }) {
  // Back from a bill that was paid, waived or voided: the list has moved on.
  const list = useKeysetPage(
    (cursor: string | null) => getDuesBills(filters, cursor),
    (page) => page.nextCursor,
    { refreshOnShow: true },
  );
  const filtered = Boolean(filters.q || filters.level || filters.status || filters.overdue);
  return (
    <KeysetListView
      list={list}
      block="queue"
      emptyText={filtered ? '没有符合条件的账单' : '该年度还没有会费账单，可在「会费管理」中生成'}
    >
      {(bill) => <BillRow key={bill.id} bill={bill} />}
    </KeysetListView>
  );
}

/** `?year=` from the overview; this year otherwise. */
function initialYear(param: string | undefined): number {
  const year = Number(param);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : currentYear();
}

function DuesBillsPage() {
  const wide = useWideLayout();
  const { params } = useRouter();
  const { filters, patch, key } = useFilters<BillFilters>({ year: initialYear(params.year) });
  // Kept by the page: a new filter mounts a new table, and the sort stays as it was.
  const [sort, setSort] = useState<TableSort | null>(null);
  const filterClass = wide ? undefined : 'bills-filter';
  const search = (
    <SearchBar
      block="bills-search"
      button
      placeholder="单位名称或汇款识别码"
      maxlength={50}
      initial={filters.q}
      onSearch={(q) => patch({ q: q || undefined })}
    />
  );
  const chips = (
    <>
      <YearPicker
        className={wide ? 'bills-year' : 'bills-filter bills-year'}
        value={filters.year}
        anyLabel="全部年度"
        onChange={(year) => patch({ year })}
      />
      <StaffChips
        className={filterClass}
        tabs={tabsOf(BILL_STATUSES, BILL_STATUS_NAMES, '全部状态')}
        value={filters.status}
        onChange={(status) => patch({ status })}
      />
      <StaffChips
        className={filterClass}
        tabs={tabsOf(LEVEL_CODES, LEVEL_NAMES, '全部级别')}
        value={filters.level}
        onChange={(level) => patch({ level })}
      />
      <StaffChips
        className={filterClass}
        tabs={OVERDUE_TABS}
        value={filters.overdue ? 'overdue' : undefined}
        onChange={(value) => patch({ overdue: value === 'overdue' || undefined })}
      />
    </>
  );
  const actions = (
    <View className="bills-actions">
      <Button className="bills-actions__button" size="mini" onClick={() => void exportDuesBills(filters)}>
        导出 Excel
      </Button>
    </View>
  );
  return (
    <StaffListPage
      className="dues-bills"
      search={search}
      actions={actions}
      filters={chips}
      table={(toolbar) => (
        <BillsTable key={key} filters={filters} sort={sort} onSortChange={setSort} toolbar={toolbar} />
      )}
      list={<Bills key={key} filters={filters} />}
    />
  );
}

export default staffOnly(DuesBillsPage);
