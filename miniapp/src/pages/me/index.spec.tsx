import { fireEvent, render, screen } from '@testing-library/react';
import { switchTab } from '../../../test/taro-mock';
import MePage from './index';

test('is a placeholder that says what is coming and where to get help', () => {
  render(<MePage />);
  expect(screen.getByText('登录与会员功能即将上线')).toBeTruthy();
  expect(screen.getByText('在线入会申请')).toBeTruthy();
  fireEvent.click(screen.getByText('入会咨询请联系会员服务部'));
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/contact/index' });
});
