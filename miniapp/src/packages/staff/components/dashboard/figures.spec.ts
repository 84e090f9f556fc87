import { dashboardSchema } from '@itss/shared';
import { chartConfig } from './chart';
import { dashboard, emptyDashboard } from './fixtures';
import { figuresOf, keyNumbersOf, tableCsv } from './figures';

const figure = (key: string, data = dashboard) => {
  const found = figuresOf(data).find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no figure ${key}`);
  return found;
};

test('the fixture is an answer the contract accepts', () => {
  expect(dashboardSchema.parse(dashboard)).toEqual(dashboard);
  expect(dashboardSchema.parse(emptyDashboard)).toEqual(emptyDashboard);
});

test('units by level: every level in the handbook order, a column per status that occurs, zeros filled', () => {
  expect(figure('units-level').table).toEqual({
    columns: ['级别', '正常', '暂停'],
    rows: [
      ['会员单位', 12, 2],
      ['委员单位', 5, 0],
      ['副会长单位', 0, 0],
      ['会长单位', 1, 0],
    ],
  });
});

test('units by month, the applications funnel per campaign and month, articles by category', () => {
  expect(figure('units-month').table.rows).toEqual([
    ['2026-10', 3, 0],
    ['2026-11', 4, 1],
    ['2026-12', 1, 0],
  ]);
  const applications = figure('applications');
  expect(applications.table.rows).toEqual([
    ['2026 秋季招募', '2026-10', 6, 4, 1],
    ['直接申请', '2026-11', 3, 1, 0],
  ]);
  expect(applications.hint).toBe('共提交 9，通过 5，待审 3');
  expect(
    applications.points.filter((point) => point.x === '2026 秋季招募').map((point) => point.value),
  ).toEqual([6, 4, 1]);
  // A category with nothing published or read is left out of the chart and the table.
  expect(figure('articles').table.rows).toEqual([
    ['通知公告', 4, 320],
    ['优秀案例', 2, 75],
  ]);
});

test('group entry and dues: money as yuan with two decimals, months in order', () => {
  expect(figure('groups').table.rows).toEqual([
    ['看过入群码的人数', 17],
    ['入群待办（未处理）', 2],
    ['入群待办（期间已处理）', 9],
  ]);
  expect(figure('dues').table.rows).toEqual([
    ['期间已收', '13000.00'],
    ['当前未收', '6000.00'],
  ]);
  expect(figure('dues').points.map((point) => point.value)).toEqual([13000, 6000]);
  expect(figure('dues-month').table.rows).toEqual([
    ['2026-10', '3000.00'],
    ['2026-11', '10000.00'],
    ['2026-12', '0.00'],
  ]);
});

test('a range with nothing in it leaves every chart empty (the panel says so), tables still listed', () => {
  for (const empty of figuresOf(emptyDashboard)) expect(empty.points).toEqual([]);
  expect(figure('units-month', emptyDashboard).table.rows).toEqual([['2026-12', 0, 0]]);
});

test('the headline numbers: active units, joined in the range, applications waiting, dues outstanding', () => {
  expect(keyNumbersOf(dashboard)).toEqual([
    { key: 'active', label: '在册单位', value: '18' },
    { key: 'joined', label: '期间新加入', value: '8' },
    { key: 'pending', label: '待审申请', value: '3' },
    { key: 'outstanding', label: '未收会费', value: '6,000.00 元' },
  ]);
});

test('CSV: a BOM for spreadsheet programs, CRLF lines, fields with commas or quotes quoted', () => {
  expect(
    tableCsv({
      columns: ['名称', '数量'],
      rows: [
        ['甲,乙', 1],
        ['"丙"', 2],
      ],
    }),
  ).toBe('\uFEFF名称,数量\r\n"甲,乙",1\r\n"""丙""",2\r\n');
});

test('the chart draws the same numbers: one dataset per series, one per bar when each bar is its own', () => {
  const grouped = chartConfig(figure('units-month'), 2);
  expect(grouped.type).toBe('line');
  expect(grouped.data.labels).toEqual(['2026-10', '2026-11', '2026-12']);
  expect(grouped.data.datasets.map((set) => [set.label, set.data])).toEqual([
    ['加入', [3, 4, 1]],
    ['除名', [0, 1, 0]],
  ]);
  const single = chartConfig(figure('dues'), 2);
  expect(single.data.datasets).toHaveLength(1);
  expect(single.data.datasets[0]?.data).toEqual([13000, 6000]);
  expect(single.options?.plugins?.legend?.display).toBe(false);
});
