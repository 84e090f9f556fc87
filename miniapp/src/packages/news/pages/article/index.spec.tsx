import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ArticleDetail, Me } from '@itss/shared';
import { detail, notFound } from '@test/article-fixtures';
import { login, ok, serveBy, visitor, type Answer, type Call } from '@test/fixtures';
import {
  downloadFile,
  navigateTo,
  openDocument,
  routerParams,
  storage,
  switchTab,
  useShareAppMessage,
  useShareTimeline,
} from '@test/taro-mock';
import { session } from '@/services/session';
import ArticlePage from './index';

const member: Me = {
  ...visitor,
  id: 3,
  displayName: '孙同事',
  unit: {
    id: 9,
    name: '杭州云栈信息技术有限公司',
    level: 'member',
    status: 'active',
    isPrimaryContact: false,
  },
};

/** The article by id (answer), reads counted (204); `me` logs in on weapp, null stays signed out (H5). */
function serveArticle(me: Me | null, answer: Answer): Call[] {
  return serveBy((call) => {
    if (call.path === '/api/auth/wechat' && me) return login(me, 'token-reader-0123456789abcdef');
    if (call.path === '/api/articles/21/reads' && call.method === 'POST')
      return { statusCode: 204, data: '' };
    if (call.path === '/api/articles/21') return answer;
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } };
  });
}

async function openArticle(me: Me | null, id = '21'): Promise<void> {
  if (!me) process.env.TARO_ENV = 'h5';
  routerParams.id = id;
  await act(() => session.start());
  render(<ArticlePage />);
}

const reads = (calls: Call[]) => calls.filter((call) => call.path.endsWith('/reads'));

beforeEach(() => {
  storage.clear();
  session.reset();
  delete routerParams.id;
});

const policy: ArticleDetail = detail(21, '关于印发《信息技术服务标准化工作指南》的通知', {
  category: 'policy',
  body: '<h2>一、总体要求</h2><p>各会员单位：现将指南印发给你们。</p><table><tbody><tr><th>阶段</th><td>2027年</td></tr></tbody></table>',
  tags: ['标准化', '指南'],
  readCount: 128,
});

test('a public article: title, category, date, reads, body, tags; one read is counted; the share card opens the same article', async () => {
  const calls = serveArticle(visitor, ok(policy));
  await openArticle(visitor);
  expect(await screen.findByText(policy.title)).toBeTruthy();
  expect(screen.getByText('政策法规')).toBeTruthy();
  expect(screen.getByText('2026-11-20')).toBeTruthy();
  expect(screen.getByText('阅读 128')).toBeTruthy();
  expect(screen.getByText('#标准化')).toBeTruthy();
  await waitFor(() =>
    expect(document.querySelector('.article-body')?.textContent).toContain('现将指南印发给你们'),
  );
  expect(document.querySelector('.article-body')?.textContent).toContain('阶段');
  await waitFor(() => expect(reads(calls)).toHaveLength(1));
  expect(reads(calls)[0]).toMatchObject({ method: 'POST', token: 'token-reader-0123456789abcdef' });

  const card = useShareAppMessage.mock.lastCall?.[0]({ from: 'menu' });
  expect(card).toEqual({ title: policy.title, path: '/packages/news/pages/article/index?id=21' });
  expect(useShareTimeline.mock.lastCall?.[0]()).toEqual({ title: policy.title, query: 'id=21' });
  expect(screen.getByText('分享')).toBeTruthy();
});

test('会员风采 names its unit', async () => {
  serveArticle(
    visitor,
    ok(
      detail(21, '云栈科技：用标准提升运维服务', {
        category: 'member_showcase',
        unitName: '杭州云栈信息技术有限公司',
        unitId: 9,
      }),
    ),
  );
  await openArticle(visitor);
  expect(await screen.findByText('会员单位：杭州云栈信息技术有限公司')).toBeTruthy();
  expect(screen.getByText('会员风采')).toBeTruthy();
});

test('locked for a visitor who is not signed in: the summary as a teaser, why, and 登录 / 申请入会', async () => {
  const {
    body: _body,
    attachments: _attachments,
    ...locked
  } = detail(21, '会员专享：2026年行业薪酬报告', {
    locked: true,
    visibility: 'members',
    summary: '报告覆盖三百余家会员单位的调研数据。',
  });
  const calls = serveArticle(null, ok(locked));
  await openArticle(null);
  expect(await screen.findByText('本文仅对会员单位联系人开放')).toBeTruthy();
  expect(screen.getByText('报告覆盖三百余家会员单位的调研数据。')).toBeTruthy();
  expect(document.querySelector('.article-body')).toBeNull();
  fireEvent.click(screen.getByText('登录'));
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
  fireEvent.click(screen.getByText('申请入会'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/join/pages/apply/index' });
  // Opening a teaser is an opening too; nobody's token went with it.
  await waitFor(() => expect(reads(calls)).toHaveLength(1));
  expect(calls.find((call) => call.path === '/api/articles/21')?.token).toBeNull();
});

test('locked at 委员 level for a member unit’s contact: the way to the levels', async () => {
  const { body: _body, ...locked } = detail(21, '委员单位专享：年度工作计划', {
    locked: true,
    visibility: 'committee',
  });
  serveArticle(member, ok(locked));
  await openArticle(member);
  expect(await screen.findByText('本文仅对委员及以上级别会员单位联系人开放')).toBeTruthy();
  fireEvent.click(screen.getByText('了解会员级别'));
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/membership/index' });
});

test('a members’ article for a member: the cover and the PDF come with the token; the PDF opens in WeChat’s viewer', async () => {
  serveArticle(
    member,
    ok(
      detail(21, '2026年第10期月报', {
        category: 'monthly_report',
        visibility: 'members',
        coverUrl: '/api/articles/files/40',
        attachments: [
          { fileId: 41, name: '2026年第10期月报.pdf', size: 2_516_582, url: '/api/articles/files/41' },
        ],
      }),
    ),
  );
  await openArticle(member);
  expect(await screen.findByText('2026年第10期月报.pdf')).toBeTruthy();
  expect(screen.getByText('2.4 MB')).toBeTruthy();
  await waitFor(() =>
    expect(downloadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        url: 'https://api.test/api/articles/files/40',
        header: { Authorization: 'Bearer token-reader-0123456789abcdef' },
      }),
    ),
  );
  fireEvent.click(screen.getByText('2026年第10期月报.pdf'));
  await waitFor(() =>
    expect(openDocument).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'wxfile://tmp/41', fileType: 'pdf' }),
    ),
  );
});

test('in a browser a public article’s PDF opens by its address, and the page offers its own link to copy', async () => {
  const open = jest.spyOn(window, 'open').mockReturnValue(null);
  serveArticle(
    null,
    ok(
      detail(21, '会刊第3期', {
        attachments: [{ fileId: 50, name: '会刊第3期.pdf', size: 20480, url: '/api/articles/files/50' }],
      }),
    ),
  );
  await openArticle(null);
  fireEvent.click(await screen.findByText('会刊第3期.pdf'));
  expect(open).toHaveBeenCalledWith('https://api.test/api/articles/files/50', '_blank', 'noopener');
  expect(screen.getByText('复制链接')).toBeTruthy();
  open.mockRestore();
});

test('an unknown or withdrawn article says so, counts nothing, and leads to 资讯', async () => {
  const calls = serveArticle(visitor, notFound);
  await openArticle(visitor);
  expect(await screen.findByText('文章不存在或已下线')).toBeTruthy();
  fireEvent.click(screen.getByText('浏览资讯'));
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/news/index' });
  expect(reads(calls)).toEqual([]);
});

test('a link without a usable id shows the same state without asking the server', async () => {
  const calls = serveArticle(visitor, ok(policy));
  await openArticle(visitor, 'abc');
  expect(screen.getByText('文章不存在或已下线')).toBeTruthy();
  expect(calls.filter((call) => call.path.startsWith('/api/articles'))).toEqual([]);
});
