import { fireEvent, screen, render, waitFor } from '@testing-library/react';
import type { Notice } from '@itss/shared';
import { typeInTextarea, typeInto } from '@test/forms';
import { admin, ok, serveBy, signedInAs, type Answer, type Call } from '@test/fixtures';
import { navigateBack } from '@test/taro-mock';
import NewNoticePage from './index';

beforeEach(() => signedInAs(admin));

const sent: Notice = {
  id: 5,
  title: '会员交流会通知',
  text: '本周五下午召开会员交流会。',
  link: null,
  audience: { kind: 'levels', levels: ['committee'] },
  state: 'queued',
  recipients: 0,
  wechatSent: 0,
  read: 0,
  createdBy: '周会服',
  createdAt: '2026-12-07T02:00:00.000Z',
  sentAt: null,
};

function open(api: (call: Call) => Answer): Call[] {
  const calls = serveBy(api);
  render(<NewNoticePage />);
  return calls;
}

test('an empty form, or levels with none chosen, shows the contract’s messages and sends nothing', async () => {
  const calls = open(() => ok(sent));
  fireEvent.click(await screen.findByText('发送'));
  await screen.findByText('请填写标题');
  expect(screen.getByText('请填写正文')).toBeTruthy();
  await typeInto('.notice-new__title', '会员交流会通知');
  await typeInTextarea('.notice-new__text', '本周五下午召开会员交流会。');
  fireEvent.click(screen.getByText('按会员级别'));
  fireEvent.click(screen.getByText('发送'));
  await screen.findByText('请至少选择一个会员级别');
  expect(calls).toHaveLength(0);
});

test('a notice to a level POSTs what the contract takes, then goes back to the list', async () => {
  const calls = open(() => ({ statusCode: 202, data: sent }));
  await typeInto('.notice-new__title', '会员交流会通知');
  await typeInTextarea('.notice-new__text', '本周五下午召开会员交流会。');
  fireEvent.click(await screen.findByText('按会员级别'));
  fireEvent.click(screen.getByText('委员单位'));
  fireEvent.click(screen.getByText('发送'));
  await waitFor(() => expect(navigateBack).toHaveBeenCalled());
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({
    method: 'POST',
    path: '/api/notices',
    data: {
      title: '会员交流会通知',
      text: '本周五下午召开会员交流会。',
      link: null,
      audience: { kind: 'levels', levels: ['committee'] },
    },
  });
});
