import { act, fireEvent, render, screen } from '@testing-library/react';
import type { ArticleManageItem } from '@itss/shared';
import { admin, ok, serveBy, signedInAs, type Answer, type Call } from '@test/fixtures';
import { typeInto } from '@test/forms';
import { navigateTo, useReachBottom } from '@test/taro-mock';
import ArticlesPage from './index';

// A staff page opens only to those the server lets use it.
beforeEach(() => signedInAs(admin));

const item = (id: number, overrides: Partial<ArticleManageItem> = {}): ArticleManageItem => ({
  id,
  category: 'policy',
  title: `政策解读${id}`,
  state: 'published',
  visibility: 'public',
  pinned: false,
  updatedAt: '2026-11-20T02:00:00.000Z',
  publishedAt: '2026-11-20T02:00:00.000Z',
  readCount: 7,
  ...overrides,
});

function open(api: (call: Call) => Answer): Call[] {
  const calls = serveBy(api);
  render(<ArticlesPage />);
  return calls;
}

const chip = (text: string): Element => {
  const found = [...document.querySelectorAll('.staff-chips__chip')].find((el) => el.textContent === text);
  if (!found) throw new Error(`no chip ${text}`);
  return found;
};

test('rows show title, state, category, visibility and pin; the end loads the next page; a row opens the editor', async () => {
  const calls = open((call) =>
    call.path.includes('cursor=')
      ? ok({ items: [item(3, { state: 'draft', publishedAt: null, title: '草稿一篇' })], nextCursor: null })
      : ok({ items: [item(1, { pinned: true }), item(2, { visibility: 'members' })], nextCursor: 'c2' }),
  );
  await screen.findByText('政策解读1');
  expect(document.querySelector('.article-state--pinned')?.textContent).toBe('置顶');
  expect(screen.getByText('会员可见')).toBeTruthy();
  act(() => useReachBottom.mock.calls.at(-1)?.[0]());
  await screen.findByText('草稿一篇');
  expect(document.querySelector('.article-state--draft')?.textContent).toBe('草稿');
  expect(screen.getByText('没有更多了')).toBeTruthy();
  expect(calls.map((c) => c.path)).toEqual([
    '/api/articles/manage?limit=20',
    '/api/articles/manage?limit=20&cursor=c2',
  ]);
  fireEvent.click(screen.getByText('政策解读2'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/news/staff/article-edit/index?id=2' });
  fireEvent.click(screen.getByText('新建文章'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/news/staff/article-edit/index' });
});

test('state, category and search start the list over; nothing found says so', async () => {
  const calls = open(() => ok({ items: [], nextCursor: null }));
  await screen.findByText('还没有文章，点「新建文章」开始');
  fireEvent.click(chip('已下线'));
  await screen.findByText('没有符合条件的文章');
  fireEvent.click(chip('会刊'));
  await typeInto('.articles-search__input', '年度');
  fireEvent.click(screen.getByText('搜索'));
  await screen.findByText('没有符合条件的文章');
  expect(calls.map((c) => c.path).at(-1)).toBe(
    `/api/articles/manage?state=unpublished&category=journal&q=${encodeURIComponent('年度')}&limit=20`,
  );
});
