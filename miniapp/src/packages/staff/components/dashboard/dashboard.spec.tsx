import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ok, serveBy, signedInAs, staffOnly, visitor, type Call } from '@test/fixtures';
import { navigateTo, selectorQueries, setClipboardData, showToast } from '@test/taro-mock';
import { session } from '@/services/session';
import DashboardPage from '@/packages/staff/pages/dashboard/index';
import WorkbenchPage from '@/packages/staff/pages/index/index';
import { dashboard, emptyDashboard } from './fixtures';
import { figuresOf } from './figures';
import { FigurePanel } from './panel';

/** Staff as the server describes them once the dashboard exists: allowed to read it. */
const staff = { ...staffOnly, can: { ...staffOnly.can, readDashboard: true } };

// Each test renders every panel of the dashboard: on a loaded machine that outlasts jest's 5 s default.
jest.setTimeout(30_000);

function serveDashboard(answer = dashboard): Call[] {
  return serveBy((call) => (call.path.startsWith('/api/dashboard') ? ok(answer) : ok({})));
}

const dashboardCalls = (calls: Call[]) => calls.filter((call) => call.path.startsWith('/api/dashboard'));

beforeEach(() => {
  session.reset();
  selectorQueries.length = 0;
});

test('a panel mounts its chart, and 表格 shows the same numbers as a table, 复制 copies them as CSV', async () => {
  const figure = figuresOf(dashboard).find((candidate) => candidate.key === 'units-month');
  if (!figure) throw new Error('no units-month figure');
  const { container } = render(<FigurePanel figure={figure} />);
  // The mini-program's 2D canvas, looked up by id to draw on (jsdom has none to give).
  expect(container.querySelector('#dash-chart-units-month')).not.toBeNull();
  await waitFor(() => expect(selectorQueries).toEqual(['#dash-chart-units-month']));
  expect(screen.queryByRole('table')).toBeNull();

  fireEvent.click(screen.getByText('表格'));
  const table = screen.getByRole('table', { name: '单位加入与除名（按月）' });
  const rows = within(table)
    .getAllByRole('row')
    .map((row) => row.textContent);
  expect(rows).toEqual(['月份加入除名', '2026-1030', '2026-1141', '2026-1210']);
  expect(container.querySelector('#dash-chart-units-month')).toBeNull();

  fireEvent.click(screen.getByText('复制'));
  await waitFor(() => expect(setClipboardData).toHaveBeenCalledTimes(1));
  expect(setClipboardData.mock.calls[0]?.[0]).toEqual({
    data: '\uFEFF月份,加入,除名\r\n2026-10,3,0\r\n2026-11,4,1\r\n2026-12,1,0\r\n',
  });

  fireEvent.click(screen.getByText('图表'));
  expect(screen.queryByRole('table')).toBeNull();
});

test('数据看板 loads the last twelve months, shows the headline numbers and every chart', async () => {
  signedInAs(staff);
  const calls = serveDashboard();
  render(<DashboardPage />);
  await screen.findByText('在册单位');
  expect(screen.getByText('18')).toBeTruthy();
  expect(screen.getByText('6,000.00 元')).toBeTruthy();
  for (const title of [
    '会员单位（按级别与状态）',
    '单位加入与除名（按月）',
    '入会申请（按征集活动）',
    '文章发布与阅读（按栏目）',
    '入群情况',
    '会费已收与未收（元）',
    '每月会费到账（元）',
  ])
    expect(screen.getByText(title)).toBeTruthy();
  const [call] = dashboardCalls(calls);
  expect(call?.path).toMatch(/^\/api\/dashboard\?from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}$/);
  expect(screen.getByText('数据更新于 2026-12-07 14:30')).toBeTruthy();
});

test('a new range loads again with it; a reversed range is refused before asking the server', async () => {
  signedInAs(staff);
  const calls = serveDashboard();
  const { container } = render(<DashboardPage />);
  await screen.findByText('在册单位');
  const picker = (name: string) => {
    const found = container.querySelector(`.dash-range__${name}`);
    if (!found) throw new Error(`no ${name} picker`);
    return found;
  };
  await act(async () => {
    fireEvent(picker('from'), new CustomEvent('change', { detail: { value: '2025-01-01' } }));
    await Promise.resolve();
  });
  await waitFor(() => expect(dashboardCalls(calls)).toHaveLength(2));
  expect(dashboardCalls(calls)[1]?.path).toMatch(/^\/api\/dashboard\?from=2025-01-01&to=/);

  await act(async () => {
    fireEvent(picker('to'), new CustomEvent('change', { detail: { value: '2024-06-30' } }));
    await Promise.resolve();
  });
  expect(showToast).toHaveBeenCalledWith({ title: '开始日期不能晚于结束日期', icon: 'none' });
  expect(dashboardCalls(calls)).toHaveLength(2);
});

test('an empty range says so in each panel; a failure offers 重试', async () => {
  signedInAs(staff);
  serveDashboard(emptyDashboard);
  render(<DashboardPage />);
  await screen.findByText('在册单位');
  expect(screen.getAllByText('所选期间暂无数据')).toHaveLength(figuresOf(emptyDashboard).length);
  expect(screen.queryByText('表格')).toBeNull();
});

test('the server refusing is shown with 重试, which asks again', async () => {
  signedInAs(staff);
  let answer: Call[] = [];
  answer = serveBy((call) =>
    call.path.startsWith('/api/dashboard') && dashboardCalls(answer).length === 1
      ? { statusCode: 500, data: { code: 'INTERNAL', message: '服务器开小差了，请稍后重试' } }
      : ok(dashboard),
  );
  render(<DashboardPage />);
  fireEvent.click(await screen.findByText('重试'));
  await screen.findByText('在册单位');
  expect(dashboardCalls(answer)).toHaveLength(2);
});

test('a member never sees the dashboard nor asks for it', async () => {
  signedInAs(visitor);
  const calls = serveDashboard();
  render(<DashboardPage />);
  await screen.findByText('此页面仅限会员服务部工作人员使用');
  expect(screen.queryByText('在册单位')).toBeNull();
  expect(dashboardCalls(calls)).toHaveLength(0);
});

test('the phone workbench opens with the compact dashboard; 查看全部 opens 数据看板', async () => {
  signedInAs(staff);
  serveBy((call) => (call.path.startsWith('/api/dashboard') ? ok(dashboard) : ok({ items: [] })));
  const { container } = render(<WorkbenchPage />);
  await screen.findByText('在册单位');
  expect(container.querySelectorAll('.dash--compact .dash-panel')).toHaveLength(1);
  expect(screen.getByText('单位加入与除名（按月）')).toBeTruthy();
  fireEvent.click(screen.getByText('查看全部 ›'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/dashboard/index' });
});

test('staff the server does not let read it see the workbench without a dashboard', async () => {
  signedInAs(staffOnly);
  const calls = serveBy(() => ok({ items: [] }));
  const { container } = render(<WorkbenchPage />);
  await screen.findByText('操作日志');
  expect(container.querySelector('.dash')).toBeNull();
  expect(dashboardCalls(calls)).toHaveLength(0);
});
