import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  beijingToday,
  dashboardDefaultFrom,
  dashboardQuerySchema,
  type Dashboard,
  type DashboardRange,
} from '@itss/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { PickerValue } from '@/components/kit/pickers';
import { RequestView } from '@/components/state';
import { getDashboard } from '@/packages/staff/api';
import { ROUTES } from '@/routes';
import { useRequest } from '@/services/useRequest';
import { openPage } from '@/utils/actions';
import { formatBeijingTime } from '@/utils/format';
import { figuresOf, keyNumbersOf } from './figures';
import { FigurePanel } from './panel';
import './dashboard.scss';

/** The default range: the twelve months up to today, as the server would fill it in. */
export function defaultRange(): DashboardRange {
  const to = beijingToday();
  return { from: dashboardDefaultFrom(to), to };
}

/** The figures of `range`, loaded again whenever the range changes. */
function useDashboard(range: DashboardRange) {
  const request = useRequest(() => getDashboard(range));
  const { reload } = request;
  // The range of the last load: useRequest loads the first one on mount.
  const loadedRef = useRef(`${range.from}/${range.to}`);
  useEffect(() => {
    const key = `${range.from}/${range.to}`;
    if (loadedRef.current === key) return;
    loadedRef.current = key;
    void reload();
  }, [range.from, range.to, reload]);
  return request;
}

/** From and to, each a date picker; a reversed or too long range is refused with the contract's message. */
function RangeBar({ range, onChange }: { range: DashboardRange; onChange: (range: DashboardRange) => void }) {
  const pick = (next: DashboardRange) => {
    const parsed = dashboardQuerySchema.safeParse(next);
    if (parsed.success) onChange(parsed.data);
    else void Taro.showToast({ title: parsed.error.issues[0]?.message ?? '时间范围有误', icon: 'none' });
  };
  return (
    <View className="dash-range">
      <Text className="dash-range__label">统计期间</Text>
      <Picker
        className="dash-range__from"
        mode="date"
        value={range.from}
        onChange={(event) => pick({ ...range, from: String(event.detail.value) })}
      >
        <PickerValue
          block="dash-range"
          className="dash-range__picker"
          text={range.from}
          placeholder="开始日期"
        />
      </Picker>
      <Text className="dash-range__to-label">至</Text>
      <Picker
        className="dash-range__to"
        mode="date"
        value={range.to}
        onChange={(event) => pick({ ...range, to: String(event.detail.value) })}
      >
        <PickerValue
          block="dash-range"
          className="dash-range__picker"
          text={range.to}
          placeholder="结束日期"
        />
      </Picker>
    </View>
  );
}

function KeyNumbers({ data }: { data: Dashboard }) {
  return (
    <View className="dash-numbers">
      {keyNumbersOf(data).map((number) => (
        <View key={number.key} className={`dash-number dash-number--${number.key}`}>
          <Text className="dash-number__value">{number.value}</Text>
          <Text className="dash-number__label">{number.label}</Text>
        </View>
      ))}
    </View>
  );
}

/** The figures of one answer, made once per answer: a chart draws again only when its figure changes. */
function useFigures(data: Dashboard) {
  return useMemo(() => figuresOf(data), [data]);
}

function FullContent({ data }: { data: Dashboard }) {
  const figures = useFigures(data);
  return (
    <>
      <KeyNumbers data={data} />
      <View className="dash-grid">
        {figures.map((figure) => (
          <FigurePanel key={figure.key} figure={figure} />
        ))}
      </View>
      <Text className="dash__stamp">{`数据更新于 ${formatBeijingTime(data.generatedAt)}`}</Text>
    </>
  );
}

/** The compact view's one chart: units joining and leaving, the branch's pulse. */
const COMPACT_FIGURE = 'units-month';

function CompactContent({ data }: { data: Dashboard }) {
  const figures = useFigures(data);
  const figure = figures.find((candidate) => candidate.key === COMPACT_FIGURE);
  return (
    <>
      <KeyNumbers data={data} />
      {figure ? <FigurePanel figure={figure} compact /> : null}
    </>
  );
}

/** The whole dashboard: the range, the headline numbers and every chart (工作台 on a desk, 数据看板). */
export function FullDashboard() {
  const [range, setRange] = useState(defaultRange);
  const request = useDashboard(range);
  return (
    <View className="dash dash--full">
      <RangeBar range={range} onChange={setRange} />
      <RequestView state={request.state} onRetry={() => void request.reload()}>
        {(data) => <FullContent data={data} />}
      </RequestView>
    </View>
  );
}

/** The phone's workbench: the headline numbers, the units chart, and 查看全部 for the rest. */
export function CompactDashboard() {
  const [range] = useState(defaultRange);
  const request = useDashboard(range);
  return (
    <View className="dash dash--compact">
      <View className="dash__head">
        <Text className="dash__title">数据概览</Text>
        <Text className="dash__more" onClick={() => openPage(ROUTES.dashboard)}>
          查看全部 ›
        </Text>
      </View>
      <RequestView state={request.state} onRetry={() => void request.reload()}>
        {(data) => <CompactContent data={data} />}
      </RequestView>
    </View>
  );
}
