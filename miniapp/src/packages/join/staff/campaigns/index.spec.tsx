import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createCampaignRequestSchema } from '@itss/shared';
import { typeInto } from '@test/forms';
import { admin, ok, serveBy, signedInAs, type Call } from '@test/fixtures';
import { campaign } from '@test/review-fixtures';
import { downloadFile, saveImageToPhotosAlbum, showModal } from '@test/taro-mock';
import CampaignsPage from './index';

// A staff page opens only to those the server lets use it.
beforeEach(() => signedInAs({ ...admin, can: { ...admin.can, manageCampaigns: true } }));

const typeName = (value: string) => typeInto('.campaign-create__name', value);

beforeEach(() => {
  saveImageToPhotosAlbum.mockReset();
});

test('each campaign shows its funnel 扫码 → 开始填写 → 已提交 → 已通过, and its code on demand with the scene', async () => {
  serveBy(() => ok({ items: [campaign(3, '2026 会议周展位')] }));
  render(<CampaignsPage />);
  await screen.findByText('2026 会议周展位');
  const steps = [...document.querySelectorAll('.funnel__cell')].map((cell) => cell.textContent);
  expect(steps).toEqual(['12扫码', '7开始填写', '4已提交', '2已通过']);
  expect(downloadFile).not.toHaveBeenCalled();

  fireEvent.click(screen.getByText('查看小程序码'));
  await screen.findByText('推广码编号：c3abcdef');
  expect(downloadFile).toHaveBeenCalledWith(
    expect.objectContaining({ url: 'https://api.test/api/campaigns/3/code.png' }),
  );
  expect(document.querySelector('.campaign-code__image')?.getAttribute('src')).toBe('wxfile://tmp/code.png');
  saveImageToPhotosAlbum.mockImplementationOnce(() =>
    Promise.reject(new Error('saveImageToPhotosAlbum:fail auth deny')),
  );
  fireEvent.click(screen.getByText('保存到相册'));
  await waitFor(() => expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '未能保存' })));
  expect(saveImageToPhotosAlbum).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/code.png' });
});

test('a name is checked with the contract, then the campaign is created and the list shown again', async () => {
  const parse = jest.spyOn(createCampaignRequestSchema, 'safeParse');
  let created = false;
  const calls: Call[] = serveBy((call) => {
    if (call.method === 'POST') {
      created = true;
      return ok(campaign(5, '会员转发'));
    }
    return ok({ items: created ? [campaign(5, '会员转发')] : [] });
  });
  render(<CampaignsPage />);
  await screen.findByText('还没有推广码');
  await typeName('会');
  fireEvent.click(screen.getByText('创建推广码'));
  await screen.findByText('名称至少 2 个字');
  expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

  await typeName(' 会员转发 ');
  fireEvent.click(screen.getByText('创建推广码'));
  await screen.findByText('会员转发');
  const post = calls.find((c) => c.method === 'POST');
  const parsed = parse.mock.results.at(-1)?.value as ReturnType<typeof createCampaignRequestSchema.safeParse>;
  expect(post).toMatchObject({ path: '/api/campaigns', data: { name: '会员转发' } });
  expect(post?.data).toBe(parsed.data);
  parse.mockRestore();
});
