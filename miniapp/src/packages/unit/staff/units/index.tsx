import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import {
  LEVELS,
  LEVEL_CODES,
  UNIT_STATUSES,
  UNIT_STATUS_NAMES,
  type LevelCode,
  type UnitSummary,
} from '@itss/shared';
import { useRef, useState } from 'react';
import { RequestView } from '@/components/state';
import { getUnits, type UnitFilters } from '@/services/staff-units';
import { useKeysetList } from '@/services/useKeysetList';
import { usePullToRefresh } from '@/services/usePullToRefresh';
import { levelName } from '@/packages/staff/components/review';
import { KeysetRows } from '@/packages/staff/components/keyset-rows';
import { Chips, UnitStatusTag, exportUnits } from '@/packages/staff/components/units';
import '@/packages/staff/components/queue.scss';
import './index.scss';

const LEVEL_NAMES = Object.fromEntries(LEVELS.map((level) => [level.code, level.name])) as Record<
  LevelCode,
  string
>;

const openPage = (url: string) => () => void Taro.navigateTo({ url });

function UnitRow({ unit }: { unit: UnitSummary }) {
  return (
    <View className="queue-row unit-row" onClick={openPage(`/packages/unit/staff/unit/index?id=${unit.id}`)}>
      <View className="queue-row__head">
        <Text className="queue-row__unit">{unit.name}</Text>
        <UnitStatusTag status={unit.status} />
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
  const { state, reload, refresh, loadMore } = useKeysetList(
    (cursor: string | null) => getUnits(filters, cursor),
    (page) => page.nextCursor,
  );
  usePullToRefresh(refresh);
  useReachBottom(() => void loadMore());
  const shownRef = useRef(false);
  // Back from a unit whose status changed, or from a new unit or an import: the list has moved on.
  useDidShow(() => {
    if (shownRef.current) void refresh();
    shownRef.current = true;
  });
  const filtered = Boolean(filters.q || filters.level || filters.status);
  return (
    <RequestView
      state={state}
      onRetry={() => void reload()}
      isEmpty={(list) => !list.items.length}
      emptyText={filtered ? '没有符合条件的会员单位' : '还没有会员单位，可新增或批量导入'}
    >
      {(list) => (
        <KeysetRows list={list} onMore={() => void loadMore()}>
          {(unit) => <UnitRow key={unit.id} unit={unit} />}
        </KeysetRows>
      )}
    </RequestView>
  );
}

export default function UnitsPage() {
  const [filters, setFilters] = useState<UnitFilters>({});
  const [text, setText] = useState('');
  const search = () => setFilters((previous) => ({ ...previous, q: text.trim() || undefined }));
  return (
    <View className="page staff-page units-page">
      <View className="units-search">
        <Input
          className="units-search__input"
          confirmType="search"
          maxlength={60}
          placeholder="单位名称或统一社会信用代码"
          value={text}
          onInput={(event) => setText(event.detail.value)}
          onConfirm={search}
        />
        <Button className="units-search__button" size="mini" onClick={search}>
          搜索
        </Button>
      </View>
      <Chips
        className="units-filter"
        options={LEVEL_CODES}
        names={LEVEL_NAMES}
        anyLabel="全部级别"
        value={filters.level}
        onChange={(level) => setFilters((previous) => ({ ...previous, level }))}
      />
      <Chips
        className="units-filter"
        options={UNIT_STATUSES}
        names={UNIT_STATUS_NAMES}
        anyLabel="全部状态"
        value={filters.status}
        onChange={(status) => setFilters((previous) => ({ ...previous, status }))}
      />
      <View className="units-actions">
        <Button
          className="units-actions__button units-actions__button--primary"
          size="mini"
          onClick={openPage('/packages/unit/staff/unit-new/index')}
        >
          新增单位
        </Button>
        <Button
          className="units-actions__button"
          size="mini"
          onClick={openPage('/packages/unit/staff/units-import/index')}
        >
          批量导入
        </Button>
        <Button className="units-actions__button" size="mini" onClick={() => void exportUnits(filters)}>
          导出 Excel
        </Button>
        <Button
          className="units-actions__button"
          size="mini"
          onClick={openPage('/packages/unit/staff/seat-limits/index')}
        >
          名额设置
        </Button>
      </View>
      <Units key={`${filters.q ?? ''}|${filters.level ?? ''}|${filters.status ?? ''}`} filters={filters} />
    </View>
  );
}
