import { act, fireEvent, render, screen } from '@testing-library/react';
import { onNeedPrivacyAuthorization } from '@test/taro-mock';
import { askPrivacyForTests, listenForPrivacyQuestions } from '@/services/privacy';
import { PrivacySheet } from './index';

afterEach(() => {
  process.env.TARO_ENV = 'weapp';
});

test('listens for WeChat privacy questions only in weapp', () => {
  process.env.TARO_ENV = 'h5';
  listenForPrivacyQuestions();
  expect(onNeedPrivacyAuthorization).not.toHaveBeenCalled();
  process.env.TARO_ENV = 'weapp';
  listenForPrivacyQuestions();
  expect(onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1);
});

test('hidden until WeChat asks; 拒绝 answers disagree and closes', () => {
  const resolve = jest.fn();
  render(<PrivacySheet />);
  expect(screen.queryByText('用户隐私保护提示')).toBeNull();
  act(() => askPrivacyForTests(resolve));
  expect(screen.getByText('用户隐私保护提示')).toBeTruthy();
  fireEvent.click(screen.getByText('拒绝'));
  expect(resolve).toHaveBeenCalledWith({ event: 'disagree' });
  expect(screen.queryByText('用户隐私保护提示')).toBeNull();
});

test('同意 is the agreePrivacyAuthorization button agree-btn and answers agree with its id', () => {
  const resolve = jest.fn();
  render(<PrivacySheet />);
  act(() => askPrivacyForTests(resolve));
  const agree = screen.getByText('同意');
  expect(agree.closest('#agree-btn')).toBeTruthy();
  act(() => {
    agree.dispatchEvent(new CustomEvent('agreeprivacyauthorization', { bubbles: true }));
  });
  expect(resolve).toHaveBeenCalledWith({ buttonId: 'agree-btn', event: 'agree' });
});
