import { act, render, screen } from '@testing-library/react';
import type { Unit } from '@itss/shared';
import { login, ok, serveBy, visitor } from '@test/fixtures';
import { request as taroRequest, routerParams, storage } from '@test/taro-mock';
import { session } from '@/services/session';
import UnitPage from './index';

const unit: Unit = {
  id: 9,
  name: '杭州云栈信息技术有限公司',
  creditCode: '91330106MA2H0Y2X1K',
  unitType: 'enterprise',
  province: '浙江省',
  city: '杭州市',
  level: 'committee',
  status: 'active',
  joinedOn: '2026-11-24',
  isPrimaryContact: true,
  primaryContact: { displayName: '钱申科', phoneMasked: '138****0002' },
  contacts: [
    {
      userId: 2,
      name: '钱申科',
      title: '总经理',
      phoneMasked: '138****0002',
      isPrimary: true,
      joinedAt: '2026-11-24T02:00:00.000Z',
    },
  ],
  seats: { used: 1, limit: 5 },
  statusHistory: [],
};

beforeEach(() => {
  taroRequest.mockReset();
  storage.clear();
  session.reset();
  routerParams.id = '9';
  process.env.TARO_ENV = 'weapp';
});

test('the unit (level, status, joined date, masked contact) and its bills with amount and state', async () => {
  serveBy((call) => {
    if (call.path === '/api/auth/wechat') return login(visitor);
    if (call.path === '/api/units/9') return ok(unit);
    if (call.path === '/api/units/9/bills')
      return ok({
        items: [
          {
            id: 1,
            year: 2026,
            level: 'committee',
            amountYuan: 10000,
            status: 'unpaid',
            createdAt: '2026-11-24T08:00:00.000Z',
          },
          {
            id: 2,
            year: 2025,
            level: 'member',
            amountYuan: 3000,
            status: 'paid',
            createdAt: '2025-11-24T08:00:00.000Z',
          },
        ],
      });
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } };
  });
  await act(() => session.start());
  render(<UnitPage />);
  await screen.findByText('2026 年度会费');
  const text = document.body.textContent ?? '';
  for (const words of [
    '委员单位',
    '正常',
    '2026-11-24',
    '浙江省 杭州市',
    '钱申科 138****0002',
    '¥10,000',
    '待缴费',
    '¥3,000',
    '已缴费',
  ])
    expect(text).toContain(words);
});

test('a unit the person may not see: the error with 重试', async () => {
  serveBy((call) =>
    call.path === '/api/auth/wechat'
      ? login(visitor)
      : { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } },
  );
  await act(() => session.start());
  render(<UnitPage />);
  await screen.findByText('您访问的内容不存在');
  expect(screen.getByText('重试')).toBeTruthy();
});
