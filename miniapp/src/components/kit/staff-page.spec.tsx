import { fireEvent, render, screen } from '@testing-library/react';
import { Text } from '@tarojs/components';
import type { Me } from '@itss/shared';
import { admin, signedInAs, staffOnly as staffMember, visitor } from '@test/fixtures';
import { reLaunch, request, switchTab } from '@test/taro-mock';
import { session } from '@/services/session';
import { staffOnly } from './staff-page';

/** A staff page's controls, and who it was given. */
function Controls({ me }: { me: Me }) {
  return <Text>{`导出 Excel · ${me.displayName}`}</Text>;
}

const Page = staffOnly(Controls);
const AuditPage = staffOnly(Controls, 'readAuditLog');

beforeEach(() => session.reset());

test('someone without the rights sees only the refusal, with where to go instead, and nothing is loaded', () => {
  signedInAs(visitor);
  render(<Page />);
  expect(screen.getByText('此页面仅限会员服务部工作人员使用')).toBeTruthy();
  expect(screen.queryByText(/导出 Excel/)).toBeNull();
  expect(screen.queryByText('重试')).toBeNull();
  expect(request).not.toHaveBeenCalled();

  fireEvent.click(screen.getByText('返回首页'));
  expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' });
  fireEvent.click(screen.getByText('前往「我的」'));
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
});

test('staff see the page, given who they are', () => {
  signedInAs(admin);
  render(<Page />);
  expect(screen.getByText('导出 Excel · 周工作')).toBeTruthy();
  expect(screen.queryByText('此页面仅限会员服务部工作人员使用')).toBeNull();
});

test('a page that needs one more ability refuses staff without it', () => {
  signedInAs({ ...staffMember, can: { ...staffMember.can, readAuditLog: false } });
  render(<AuditPage />);
  expect(screen.getByText('此页面仅限会员服务部工作人员使用')).toBeTruthy();
  expect(screen.queryByText(/导出 Excel/)).toBeNull();
});

test('signed out, the page asks to sign in first', () => {
  session.reset({ status: 'signedOut' });
  render(<Page />);
  expect(screen.getByText('去登录')).toBeTruthy();
  expect(screen.queryByText(/导出 Excel/)).toBeNull();
  fireEvent.click(screen.getByText('去登录'));
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
});
