import { Text, View } from '@tarojs/components';
import { UNIT_STATUS_NAMES, formatFen, type ArrearsItem } from '@itss/shared';
import { useState } from 'react';
import type { TableSort } from '@/components/kit/data-table';
import { KeysetListView, useFilters, useKeysetPage } from '@/components/kit/keyset-list';
import { useWideLayout } from '@/components/kit/layout';
import { staffOnly } from '@/components/kit/staff-page';
import { levelName } from '@/utils/format';
import { StaffChips } from '@/packages/staff/components/units';
import { yearsText } from '@/packages/standing/format';
import {
  arrearsEmptyText,
  loadArrears,
  openArrearsUnit,
  ProposedBadge,
  type ArrearsFilters,
} from '@/packages/standing/staff/components/arrears';
import { useRefreshOnReturn } from '@/packages/standing/staff/components/refresh';
import '@/packages/staff/components/queue.scss';
import { ArrearsTable } from './table';
import './index.scss';

const PROPOSED_TABS = [
  { value: undefined, name: '全部欠费单位' },
  { value: 'proposed' as const, name: '仅看建议除名' },
];

function ArrearsRow({ item }: { item: ArrearsItem }) {
  return (
    <View className="queue-row arrears-row" onClick={() => openArrearsUnit(item)}>
      <View className="queue-row__head">
        <Text className="queue-row__unit">{item.unitName}</Text>
        <ProposedBadge item={item} />
      </View>
      <View className="queue-row__tags">
        <Text className="queue-row__level">{levelName(item.level)}</Text>
        {item.status === 'active' ? null : (
          <Text className="arrears-row__status">{UNIT_STATUS_NAMES[item.status]}</Text>
        )}
      </View>
      <View className="arrears-row__money">
        <Text className="arrears-row__years">
          欠费 {item.unpaidYears.length} 个年度（{yearsText(item.unpaidYears)}）
        </Text>
        <Text className="arrears-row__amount">欠缴 {formatFen(item.outstandingFen)}</Text>
      </View>
    </View>
  );
}

/** One filter's list; a new filter mounts a new one. */
function Arrears({ filters }: { filters: ArrearsFilters }) {
  const list = useKeysetPage(loadArrears(filters), (page) => page.nextCursor);
  useRefreshOnReturn(list.refresh);
  return (
    <KeysetListView
      list={list}
      block="queue"
      emptyText={arrearsEmptyText(filters)}
      endText="以上为全部欠费单位"
    >
      {(item) => <ArrearsRow key={item.unitId} item={item} />}
    </KeysetListView>
  );
}

function ArrearsPage() {
  const wide = useWideLayout();
  const { filters, patch, key } = useFilters<ArrearsFilters>({});
  const [sort, setSort] = useState<TableSort | null>(null);
  const tip = (
    <Text className="staff-tip arrears-tip">
      逾期未缴（账单截止日已过且未缴清、未减免、未作废）的年度。按分会规定，两个年度未按时交纳会费的予以退会或除名：连续两个及以上年度欠费的单位标为「建议除名」，缴费后自动取消。
    </Text>
  );
  const chips = (
    <StaffChips
      className={wide ? undefined : 'arrears-filter'}
      tabs={PROPOSED_TABS}
      value={filters.proposed ? 'proposed' : undefined}
      onChange={(value) => patch({ proposed: value === 'proposed' || undefined })}
    />
  );
  if (wide)
    return (
      <View className="page staff-page staff-page--wide standing-arrears">
        <ArrearsTable
          key={key}
          filters={filters}
          sort={sort}
          onSortChange={setSort}
          toolbar={
            <>
              <View className="data-table__toolbar-row">{tip}</View>
              <View className="data-table__toolbar-row">{chips}</View>
            </>
          }
        />
      </View>
    );
  return (
    <View className="page staff-page standing-arrears">
      {tip}
      {chips}
      <Arrears key={key} filters={filters} />
    </View>
  );
}

export default staffOnly(ArrearsPage);
