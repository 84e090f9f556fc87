import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { GroupEntry, Me } from '@itss/shared';
import { login, ok, serveBy, visitor, type Answer } from '@test/fixtures';
import {
  downloadFile,
  navigateTo,
  previewImage,
  setClipboardData,
  storage,
  switchTab,
} from '@test/taro-mock';
import { session } from '@/services/session';
import GroupPage from './index';

const member: Me = {
  ...visitor,
  id: 3,
  displayName: '孙同事',
  unit: {
    id: 9,
    name: '杭州云栈信息技术有限公司',
    level: 'committee',
    status: 'active',
    isPrimaryContact: false,
  },
};

function serveEntry(entry: Answer): void {
  serveBy((call) => {
    if (call.path === '/api/auth/wechat') return login(member, 'token-member-0123456789abcdef');
    if (call.path === '/api/groups/entry') return entry;
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } };
  });
}

async function openEntry(): Promise<void> {
  await act(() => session.start());
  render(<GroupPage />);
}

beforeEach(() => {
  storage.clear();
  session.reset();
});

test('a group with a code: the image fetched with the session’s token, the nickname to copy, the expiry', async () => {
  const entry: GroupEntry = {
    items: [
      {
        groupId: 4,
        name: 'ITSS 会员交流群',
        status: 'code',
        nickname: '云栈信息技术-孙同事',
        expiresAt: '2026-11-30T04:00:00.000Z',
      },
    ],
  };
  serveEntry(ok(entry));
  await openEntry();
  await screen.findByText('点击二维码放大，长按识别即可入群');
  expect(downloadFile).toHaveBeenCalledWith(
    expect.objectContaining({
      url: 'https://api.test/api/groups/4/code',
      header: { Authorization: 'Bearer token-member-0123456789abcdef' },
    }),
  );
  const image = document.querySelector('.entry-code__image');
  expect(image?.getAttribute('src')).toBe('wxfile://tmp/code');
  expect(screen.getByText('ITSS 会员交流群')).toBeTruthy();
  expect(screen.getByText('云栈信息技术-孙同事')).toBeTruthy();
  expect(screen.getByText('二维码有效期至 2026-11-30 12:00')).toBeTruthy();

  fireEvent.click(image!);
  expect(previewImage).toHaveBeenCalledWith({ urls: ['wxfile://tmp/code'], current: 'wxfile://tmp/code' });
  fireEvent.click(screen.getByText('复制'));
  await waitFor(() => expect(setClipboardData).toHaveBeenCalledWith({ data: '云栈信息技术-孙同事' }));
});

test('no valid code: staff will add the person, with the nickname, and no image is fetched', async () => {
  serveEntry(
    ok({
      items: [
        { groupId: 4, name: 'ITSS 会员交流群', status: 'staff_will_add', nickname: '云栈信息技术-孙同事' },
      ],
    }),
  );
  await openEntry();
  await screen.findByText('工作人员将尽快邀请您入群，请留意微信好友申请');
  expect(screen.getByText('云栈信息技术-孙同事')).toBeTruthy();
  expect(downloadFile).not.toHaveBeenCalled();
});

test('a code the server no longer serves shows the error with 重试', async () => {
  downloadFile.mockResolvedValueOnce({ errMsg: 'downloadFile:ok', statusCode: 404, tempFilePath: '' });
  serveEntry(
    ok({
      items: [
        {
          groupId: 4,
          name: 'ITSS 会员交流群',
          status: 'code',
          nickname: '云栈-孙同事',
          expiresAt: '2026-11-30T04:00:00.000Z',
        },
      ],
    }),
  );
  await openEntry();
  await screen.findByText('您访问的内容不存在');
  expect(screen.getByText('重试')).toBeTruthy();
});

test('not a unit’s contact: why, and the way to 会员名录 and 如何入会', async () => {
  serveEntry({
    statusCode: 403,
    data: {
      code: 'GROUP_MEMBERS_ONLY',
      message:
        '会员微信群仅限会员单位联系人加入。如您的单位已是会员，请在「会员名录」中找到单位申请加入，或请主联系人邀请您',
    },
  });
  await openEntry();
  await screen.findByText('会员微信群仅限会员单位联系人');
  expect(screen.getByText(/请在「会员名录」中找到单位申请加入/)).toBeTruthy();
  expect(screen.queryByText('重试')).toBeNull();
  fireEvent.click(screen.getByText('会员名录'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/directory/pages/index/index' });
  fireEvent.click(screen.getByText('如何入会'));
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/membership/index' });
});

test('a suspended unit: the server’s explanation and the way to staff', async () => {
  serveEntry({
    statusCode: 403,
    data: {
      code: 'GROUP_UNIT_NOT_ACTIVE',
      message: '您所在单位的会员资格已暂停或终止，暂不能加入会员微信群，请联系分会工作人员',
    },
  });
  await openEntry();
  await screen.findByText('暂不能加入会员微信群');
  expect(screen.getByText(/会员资格已暂停或终止/)).toBeTruthy();
  fireEvent.click(screen.getByText('联系分会工作人员'));
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/contact/index' });
});

test('no group open to the unit yet: says so', async () => {
  serveEntry(ok({ items: [] }));
  await openEntry();
  await screen.findByText('暂无可加入的会员微信群，请联系分会工作人员');
});

test('signed out: led to 我的 to log in first', async () => {
  process.env.TARO_ENV = 'h5';
  serveEntry(ok({ items: [] }));
  await openEntry();
  expect(screen.getByText('登录后即可加入会员微信群')).toBeTruthy();
});
