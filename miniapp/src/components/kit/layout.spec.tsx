import { act, render, screen } from '@testing-library/react';
import { Text } from '@tarojs/components';
import { WIDE_CLASS, useWideLayout, watchWideLayout } from './layout';

/** A viewport whose width the test sets; matchMedia answers `(min-width: N px)` from it. */
function fakeViewport(width: number) {
  let current = width;
  const lists: { query: string; listeners: Set<() => void> }[] = [];
  const matches = (query: string) => current >= Number(/min-width:\s*(\d+)px/.exec(query)?.[1]);
  window.matchMedia = (query: string) => {
    const list = { query, listeners: new Set<() => void>() };
    lists.push(list);
    return {
      get matches() {
        return matches(query);
      },
      addEventListener: (_: string, listener: () => void) => list.listeners.add(listener),
      removeEventListener: (_: string, listener: () => void) => list.listeners.delete(listener),
    } as unknown as MediaQueryList;
  };
  return {
    resize(next: number) {
      current = next;
      act(() => lists.forEach((list) => list.listeners.forEach((listener) => listener())));
    },
  };
}

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
