import { ErrorCode, errorMessage } from '@itss/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { association, ok, serve } from '@test/fixtures';
import { makePhoneCall, navigateTo, request, setClipboardData, showToast } from '@test/taro-mock';
import ContactPage from './index';

/** Taps the row that shows `value`, as a person would. */
function tapRowOf(value: string): void {
  fireEvent.click(screen.getByText(value));
}

test('shows a loading state first', () => {
  request.mockReturnValue(new Promise(() => undefined));
  render(<ContactPage />);
  expect(screen.getByText('加载中…')).toBeTruthy();
});

test('shows both phones, the email, the subscription account and the QQ group', async () => {
  serve({ '/api/association': ok(association) });
  render(<ContactPage />);
  for (const value of ['010-68107418', '010-68107423', 'hyfw@itss.cn', 'China-ITSS', '237489856']) {
    expect(await screen.findByText(value)).toBeTruthy();
  }
  expect(screen.getAllByText('拨打')).toHaveLength(2);
});

test('a phone calls on tap', async () => {
  serve({ '/api/association': ok(association) });
  render(<ContactPage />);
  await screen.findByText('010-68107423');
  tapRowOf('010-68107423');
  await waitFor(() => expect(makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '01068107423' }));
});

test('the email and the QQ group are copied on tap, with a toast', async () => {
  serve({ '/api/association': ok(association) });
  render(<ContactPage />);
  await screen.findByText('hyfw@itss.cn');
  tapRowOf('hyfw@itss.cn');
  await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '已复制', icon: 'success' }));
  expect(setClipboardData).toHaveBeenCalledWith({ data: 'hyfw@itss.cn' });

  tapRowOf('237489856');
  await waitFor(() => expect(setClipboardData).toHaveBeenLastCalledWith({ data: '237489856' }));
});

test('a refused clipboard says how to copy by hand', async () => {
  serve({ '/api/association': ok(association) });
  setClipboardData.mockRejectedValueOnce({ errMsg: 'setClipboardData:fail' });
  render(<ContactPage />);
  await screen.findByText('hyfw@itss.cn');
  tapRowOf('hyfw@itss.cn');
  await waitFor(() =>
    expect(showToast).toHaveBeenCalledWith({ title: '复制失败，请长按文字手动复制', icon: 'none' }),
  );
});

test('加入会员微信群 says it is for member units and opens the group entry page', async () => {
  serve({ '/api/association': ok(association) });
  render(<ContactPage />);
  fireEvent.click(await screen.findByText('加入会员微信群'));
  expect(screen.getByText(/仅限会员单位加入/)).toBeTruthy();
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/groups/pages/group/index' });
});

test('an unreachable server offers 重试', async () => {
  serve({ '/api/association': 'offline' });
  render(<ContactPage />);
  expect(await screen.findByText(errorMessage(ErrorCode.NetworkError))).toBeTruthy();
  serve({ '/api/association': ok(association) });
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('hyfw@itss.cn')).toBeTruthy();
});

test('a channel not published yet reads 暂未公布 and offers no action', async () => {
  serve({
    '/api/association': ok({ ...association, contact: { ...association.contact, qqGroup: '', website: '' } }),
  });
  render(<ContactPage />);
  expect(await screen.findAllByText('暂未公布')).toHaveLength(2);
  expect(screen.getAllByText('复制')).toHaveLength(2);
});
