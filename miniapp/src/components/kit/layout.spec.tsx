import { render, screen } from '@testing-library/react';
import { Text } from '@tarojs/components';
import { fakeViewport } from '@test/viewport';
import { WIDE_CLASS, useWideLayout, watchWideLayout } from './layout';

function Probe() {
  return <Text>{useWideLayout() ? '宽' : '窄'}</Text>;
}

afterEach(() => {
  Reflect.deleteProperty(process.env, 'TARO_ENV');
  document.documentElement.classList.remove(WIDE_CLASS);
});

test('in H5 the layout is wide from 1024 px and follows the window across it', () => {
  process.env.TARO_ENV = 'h5';
  const viewport = fakeViewport(1366);
  const stop = watchWideLayout();
  render(<Probe />);
  expect(screen.getByText('宽')).toBeTruthy();
  expect(document.documentElement.classList.contains(WIDE_CLASS)).toBe(true);

  viewport.resize(1023);
  expect(screen.getByText('窄')).toBeTruthy();
  expect(document.documentElement.classList.contains(WIDE_CLASS)).toBe(false);

  viewport.resize(1024);
  expect(screen.getByText('宽')).toBeTruthy();
  expect(document.documentElement.classList.contains(WIDE_CLASS)).toBe(true);
  stop();
});

test('the mini-program is never wide, whatever the screen', () => {
  process.env.TARO_ENV = 'weapp';
  fakeViewport(1920);
  watchWideLayout();
  render(<Probe />);
  expect(screen.getByText('窄')).toBeTruthy();
  expect(document.documentElement.classList.contains(WIDE_CLASS)).toBe(false);
});
