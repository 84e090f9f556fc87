import { fireEvent, render, screen } from '@testing-library/react';
import { Text } from '@tarojs/components';
import type { Me } from '@itss/shared';
import { admin, signedInAs, staffOnly as staffMember } from '@test/fixtures';
import { getCurrentPages, navigateBack, navigateTo, useRouter } from '@test/taro-mock';
import { fakeViewport } from '@test/viewport';
import { session } from '@/services/session';
import { staffOnly } from './staff-page';

function Units({ me }: { me: Me }) {
  return <Text>{`单位列表 · ${me.displayName}`}</Text>;
}

const Page = staffOnly(Units);
const UNITS = 'packages/unit/staff/units/index';
const WORKBENCH = 'packages/staff/pages/index/index';

function onPage(route: string, stack: string[] = [route]): void {
  useRouter.mockReturnValue({ params: {}, path: `/${route}` });
  getCurrentPages.mockReturnValue(stack.map((page) => ({ route: page })));
}

beforeEach(() => {
  session.reset();
  process.env.TARO_ENV = 'h5';
});

afterEach(() => {
  Reflect.deleteProperty(process.env, 'TARO_ENV');
  useRouter.mockReset();
  getCurrentPages.mockReset();
});

const nav = () => document.querySelector('[aria-label="工作台导航"]');

test('on a wide screen the staff page sits beside the console’s navigation, its own feature lit', () => {
  fakeViewport(1366);
  signedInAs(admin);
  onPage(UNITS);
  render(<Page />);
  expect(screen.getByText('单位列表 · 周工作')).toBeTruthy();
  expect(nav()).not.toBeNull();
  for (const text of ['工作台', '入会审核', '会员单位', '文章管理', '投稿审核', '会费', '操作日志'])
    expect(screen.getByText(text)).toBeTruthy();
  expect(screen.getByText('会员单位').getAttribute('aria-current')).toBe('page');
  expect(screen.getByText('工作台').getAttribute('aria-current')).toBeNull();
});

test('a record page lights its list; features the person may not use are not offered', () => {
  fakeViewport(1920);
  signedInAs({ ...staffMember, can: { ...staffMember.can, readAuditLog: false } });
  onPage('packages/unit/staff/unit/index');
  render(<Page />);
  expect(screen.getByText('会员单位').getAttribute('aria-current')).toBe('page');
  expect(screen.queryByText('操作日志')).toBeNull();
});

test('a feature opens over the page; one already open below is returned to', () => {
  fakeViewport(1366);
  signedInAs(admin);
  onPage(UNITS, [WORKBENCH, UNITS]);
  render(<Page />);
  fireEvent.click(screen.getByText('文章管理'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/news/staff/articles/index' });
  fireEvent.click(screen.getByText('工作台'));
  expect(navigateBack).toHaveBeenCalledWith({ delta: 1 });
  fireEvent.click(screen.getByText('会员单位'));
  expect(navigateTo).toHaveBeenCalledTimes(1);
  expect(navigateBack).toHaveBeenCalledTimes(1);
});

test('narrower than a desk’s screen, and always in the mini-program, the page is drawn alone', () => {
  const viewport = fakeViewport(1366);
  signedInAs(admin);
  onPage(UNITS);
  render(<Page />);
  expect(nav()).not.toBeNull();
  viewport.resize(800);
  expect(nav()).toBeNull();
  expect(screen.getByText('单位列表 · 周工作')).toBeTruthy();
  viewport.resize(1366);
  expect(nav()).not.toBeNull();

  process.env.TARO_ENV = 'weapp';
  render(<Page />);
  expect(document.querySelectorAll('[aria-label="工作台导航"]')).toHaveLength(1);
});
