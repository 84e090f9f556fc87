import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import {
  LEVELS,
  LEVEL_CODES,
  UNIT_STATUSES,
  UNIT_STATUS_NAMES,
  type LevelCode,
  type UnitSummary,
} from '@itss/shared';
import { StatusBadge } from '@/components/kit/badges';
import { getUnits, type UnitFilters } from '@/packages/unit/api';
import { KeysetListView, useFilters, useKeysetPage } from '@/components/kit/keyset-list';
import { SearchBar } from '@/components/kit/search-bar';
import { tabsOf } from '@/components/kit/tabs';
import { levelName } from '@/utils/format';
import { exportUnits, StaffChips } from '@/packages/staff/components/units';
import '@/packages/staff/components/queue.scss';
import './index.scss';
import { ROUTES, routeUrl } from '@/routes';
import { StaffListPage } from '@/components/kit/staff-list-page';
import { staffOnly } from '@/components/kit/staff-page';
import type { TableSort } from '@/components/kit/data-table';
import { useWideLayout } from '@/components/kit/layout';
import { UnitsTable } from './table';

const LEVEL_NAMES = Object.fromEntries(LEVELS.map((level) => [level.code, level.name])) as Record<
  LevelCode,
  string
>;

const openPage = (url: string) => () => void Taro.navigateTo({ url });

function UnitRow({ unit }: { unit: UnitSummary }) {
  return (
    <View className="queue-row unit-row" onClick={openPage(routeUrl(ROUTES.unit, { id: unit.id }))}>
      <View className="queue-row__head">
        <Text className="queue-row__unit">{unit.name}</Text>
        <StatusBadge block="unit-status" state={unit.status} names={UNIT_STATUS_NAMES} />
      </View>
      <View className="queue-row__tags">
        <Text className="queue-row__level">{levelName(unit.level)}</Text>
        <Text className="unit-row__region">
          {unit.province}
          {unit.city === unit.province ? '' : ` ${unit.city}`}
        </Text>
      </View>
      <Text className="queue-row__meta">
        联系人 {unit.contactCount} 位 · 主联系人：{unit.primaryContactName ?? '暂无（可邀请）'}
      </Text>
    </View>
  );
}

/** One filter's list; a new filter mounts a new one, so paging always starts over. */
function Units({ filters }: { filters: UnitFilters }) {
  // Back from a unit whose status changed, or from a new unit or an import: the list has moved on.
  const list = useKeysetPage(
    (cursor: string | null) => getUnits(filters, cursor),
    (page) => page.nextCursor,
    { refreshOnShow: true },
  );
  const filtered = Boolean(filters.q || filters.level || filters.status);
  return (
    <KeysetListView
      list={list}
      block="queue"
      emptyText={filtered ? '没有符合条件的会员单位' : '还没有会员单位，可新增或批量导入'}
    >
      {(unit) => <UnitRow key={unit.id} unit={unit} />}
    </KeysetListView>
  );
}

function UnitsPage() {
  const wide = useWideLayout();
  const { filters, patch, key } = useFilters<UnitFilters>({});
  // Kept by the page: a new filter mounts a new table, and the sort stays as it was.
  const [sort, setSort] = useState<TableSort | null>(null);
  const search = (
    <SearchBar
      block="units-search"
      button
      placeholder="单位名称或统一社会信用代码"
      maxlength={60}
      initial={filters.q}
      onSearch={(q) => patch({ q: q || undefined })}
    />
  );
  const levels = (
    <StaffChips
      className={wide ? undefined : 'units-filter'}
      tabs={tabsOf(LEVEL_CODES, LEVEL_NAMES, '全部级别')}
      value={filters.level}
      onChange={(level) => patch({ level })}
    />
  );
  const statuses = (
    <StaffChips
      className={wide ? undefined : 'units-filter'}
      tabs={tabsOf(UNIT_STATUSES, UNIT_STATUS_NAMES, '全部状态')}
      value={filters.status}
      onChange={(status) => patch({ status })}
    />
  );
  const actions = (
    <View className="units-actions">
      <Button
        className="units-actions__button units-actions__button--primary"
        size="mini"
        onClick={openPage(routeUrl(ROUTES.unitNew))}
      >
        新增单位
      </Button>
      <Button className="units-actions__button" size="mini" onClick={openPage(routeUrl(ROUTES.unitsImport))}>
        批量导入
      </Button>
      <Button className="units-actions__button" size="mini" onClick={() => void exportUnits(filters)}>
        导出 Excel
      </Button>
      <Button className="units-actions__button" size="mini" onClick={openPage(routeUrl(ROUTES.seatLimits))}>
        名额设置
      </Button>
    </View>
  );
  return (
    <StaffListPage
      className="units-page"
      search={search}
      actions={actions}
      filters={
        <>
          {levels}
          {statuses}
        </>
      }
      table={(toolbar) => (
        <UnitsTable key={key} filters={filters} sort={sort} onSortChange={setSort} toolbar={toolbar} />
      )}
      list={<Units key={key} filters={filters} />}
    />
  );
}

export default staffOnly(UnitsPage);
