import {
  ARTICLE_CATEGORY_NAMES,
  LEVELS,
  UNIT_STATUSES,
  UNIT_STATUS_NAMES,
  type Dashboard,
} from '@itss/shared';
import { formatFen } from '@/utils/format';

/** One bar or point of a chart: `x` along the axis, `series` the colour, `value` the height. */
export interface ChartPoint {
  x: string;
  series: string;
  value: number;
}

export type ChartKind = 'bar' | 'line';

/** A table of the same numbers as the chart: the accessible view, and what is exported. */
export interface FigureTable {
  columns: readonly string[];
  rows: readonly (readonly (string | number)[])[];
}

/** One chart of the dashboard with its table; `points` empty means nothing to draw in the range. */
export interface Figure {
  key: string;
  title: string;
  hint?: string;
  kind: ChartKind;
  points: readonly ChartPoint[];
  /** Money shown in the table as yuan, the chart's values in yuan too (fen bars would read 100×). */
  table: FigureTable;
}

/** A headline number of the compact dashboard. */
export interface KeyNumber {
  key: string;
  label: string;
  value: string;
}

/** Grouped rows → a table with one column per series, in first-seen order, zeros where missing. */
function pivot(points: readonly ChartPoint[], first: string): FigureTable {
  const xs = [...new Set(points.map((point) => point.x))];
  const series = [...new Set(points.map((point) => point.series))];
  const value = (x: string, s: string) =>
    points.find((point) => point.x === x && point.series === s)?.value ?? 0;
  return { columns: [first, ...series], rows: xs.map((x) => [x, ...series.map((s) => value(x, s))]) };
}

function unitsByLevel(data: Dashboard): Figure {
  // Every level in the handbook's order, and only the statuses that occur, so an empty level still shows.
  const present = UNIT_STATUSES.filter((status) =>
    data.units.byLevelStatus.some((row) => row.status === status && row.count > 0),
  );
  const points = data.units.byLevelStatus.some((row) => row.count > 0)
    ? LEVELS.flatMap((level) =>
        present.map((status) => ({
          x: level.name,
          series: UNIT_STATUS_NAMES[status],
          value: data.units.byLevelStatus
            .filter((row) => row.level === level.code && row.status === status)
            .reduce((sum, row) => sum + row.count, 0),
        })),
      )
    : [];
  return {
    key: 'units-level',
    title: '会员单位（按级别与状态）',
    kind: 'bar',
    points,
    table: pivot(points, '级别'),
  };
}

function unitsByMonth(data: Dashboard): Figure {
  const rows = data.units.byMonth;
  const points = rows.some((row) => row.joined || row.left)
    ? rows.flatMap((row) => [
        { x: row.month, series: '加入', value: row.joined },
        { x: row.month, series: '除名', value: row.left },
      ])
    : [];
  return {
    key: 'units-month',
    title: '单位加入与除名（按月）',
    kind: 'line',
    points,
    table: { columns: ['月份', '加入', '除名'], rows: rows.map((row) => [row.month, row.joined, row.left]) },
  };
}

function applicationsFunnel(data: Dashboard): Figure {
  // The funnel per campaign: all months of the range added up; the table keeps each month.
  const campaigns = [...new Set(data.applications.byCampaignMonth.map((row) => row.campaignName))];
  const points = campaigns.flatMap((name) => {
    const rows = data.applications.byCampaignMonth.filter((row) => row.campaignName === name);
    const total = (pick: (row: (typeof rows)[number]) => number) =>
      rows.reduce((sum, row) => sum + pick(row), 0);
    return [
      { x: name, series: '提交', value: total((row) => row.submitted) },
      { x: name, series: '通过', value: total((row) => row.approved) },
      { x: name, series: '未通过', value: total((row) => row.rejected) },
    ];
  });
  return {
    key: 'applications',
    title: '入会申请（按征集活动）',
    hint: `共提交 ${data.applications.totals.submitted}，通过 ${data.applications.totals.approved}，待审 ${data.applications.totals.pending}`,
    kind: 'bar',
    points,
    table: {
      columns: ['征集活动', '月份', '提交', '通过', '未通过'],
      rows: data.applications.byCampaignMonth.map((row) => [
        row.campaignName,
        row.month,
        row.submitted,
        row.approved,
        row.rejected,
      ]),
    },
  };
}

function articlesByCategory(data: Dashboard): Figure {
  const rows = data.articles.byCategory.filter((row) => row.published > 0 || row.reads > 0);
  const points = rows.flatMap((row) => [
    { x: ARTICLE_CATEGORY_NAMES[row.category], series: '发布篇数', value: row.published },
    { x: ARTICLE_CATEGORY_NAMES[row.category], series: '阅读次数', value: row.reads },
  ]);
  return {
    key: 'articles',
    title: '文章发布与阅读（按栏目）',
    kind: 'bar',
    points,
    table: {
      columns: ['栏目', '发布篇数', '阅读次数'],
      rows: rows.map((row) => [ARTICLE_CATEGORY_NAMES[row.category], row.published, row.reads]),
    },
  };
}

function groupEntry(data: Dashboard): Figure {
  const { codesShown, todos } = data.groups;
  const rows: [string, number][] = [
    ['看过入群码的人数', codesShown],
    ['入群待办（未处理）', todos.open],
    ['入群待办（期间已处理）', todos.done],
  ];
  return {
    key: 'groups',
    title: '入群情况',
    kind: 'bar',
    points: rows.some(([, value]) => value > 0)
      ? rows.map(([label, value]) => ({ x: label.replace(/（.*）$/, ''), series: label, value }))
      : [],
    table: { columns: ['项目', '数量'], rows },
  };
}

const yuan = (fen: number) => Math.round(fen) / 100;

function dues(data: Dashboard): Figure {
  const { collectedFen, outstandingFen } = data.dues;
  const rows: [string, number][] = [
    ['期间已收', collectedFen],
    ['当前未收', outstandingFen],
  ];
  return {
    key: 'dues',
    title: '会费已收与未收（元）',
    kind: 'bar',
    points:
      collectedFen || outstandingFen
        ? rows.map(([label, fen]) => ({ x: label, series: label, value: yuan(fen) }))
        : [],
    table: {
      columns: ['项目', '金额（元）'],
      rows: rows.map(([label, fen]) => [label, yuan(fen).toFixed(2)]),
    },
  };
}

function duesByMonth(data: Dashboard): Figure {
  const points = data.dues.byMonth.some((row) => row.collectedFen > 0)
    ? data.dues.byMonth.map((row) => ({ x: row.month, series: '已收', value: yuan(row.collectedFen) }))
    : [];
  return {
    key: 'dues-month',
    title: '每月会费到账（元）',
    kind: 'line',
    points,
    table: {
      columns: ['月份', '已收（元）'],
      rows: data.dues.byMonth.map((row) => [row.month, yuan(row.collectedFen).toFixed(2)]),
    },
  };
}

/** Every chart of the full dashboard, in reading order (events join once the feature exists). */
export function figuresOf(data: Dashboard): Figure[] {
  return [
    unitsByLevel(data),
    unitsByMonth(data),
    applicationsFunnel(data),
    articlesByCategory(data),
    groupEntry(data),
    dues(data),
    duesByMonth(data),
  ];
}

/** The compact dashboard's headline numbers: active units, applications waiting, dues outstanding. */
export function keyNumbersOf(data: Dashboard): KeyNumber[] {
  const active = data.units.byLevelStatus
    .filter((row) => row.status === 'active')
    .reduce((sum, row) => sum + row.count, 0);
  const joined = data.units.byMonth.reduce((sum, row) => sum + row.joined, 0);
  const numbers: KeyNumber[] = [
    { key: 'active', label: '在册单位', value: String(active) },
    { key: 'joined', label: '期间新加入', value: String(joined) },
    { key: 'pending', label: '待审申请', value: String(data.applications.totals.pending) },
  ];
  return [...numbers, { key: 'outstanding', label: '未收会费', value: formatFen(data.dues.outstandingFen) }];
}

/** A table as CSV (RFC 4180 quoting), with a BOM so spreadsheet programs read the Chinese as UTF-8. */
export function tableCsv(table: FigureTable): string {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [table.columns, ...table.rows].map((row) => row.map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
