import { ErrorCode, OBLIGATIONS, RIGHTS_BY_TIER, RIGHT_TIER_PREAMBLES } from '@itss/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { association, levels, obligations, ok, serve } from '@test/fixtures';
import { request, switchTab } from '@test/taro-mock';
import MembershipPage from './index';

const allOk = {
  '/api/membership/levels': ok(levels),
  '/api/membership/obligations': ok(obligations),
  '/api/association': ok(association),
};

test('shows a loading state first', () => {
  request.mockReturnValue(new Promise(() => undefined));
  render(<MembershipPage />);
  expect(screen.getByText('加载中…')).toBeTruthy();
});

test('compares the four levels: fees, cumulative rights with tier headings and preambles', async () => {
  serve(allOk);
  const { container } = render(<MembershipPage />);
  expect(await screen.findByText('3,000 元/年')).toBeTruthy();
  expect(screen.getByText('10,000 元/年')).toBeTruthy();
  expect(screen.getAllByText('30,000 元/年')).toHaveLength(2);

  const rightsIn = (code: string) =>
    container.querySelectorAll(`.level-card--${code} .level-tier__right`).length;
  expect([
    rightsIn('member'),
    rightsIn('committee'),
    rightsIn('vice_president'),
    rightsIn('president'),
  ]).toEqual([10, 13, 16, 16]);
  for (const right of RIGHTS_BY_TIER.leadership) expect(screen.getAllByText(right)).toHaveLength(2);
  for (const right of RIGHTS_BY_TIER.member) expect(screen.getAllByText(right)).toHaveLength(4);
  expect(screen.getAllByText(RIGHT_TIER_PREAMBLES.committee)).toHaveLength(3);
  expect(screen.getAllByText(RIGHT_TIER_PREAMBLES.leadership)).toHaveLength(2);
  expect(screen.getByText('升级为委员单位，可再享 3 项权益')).toBeTruthy();
});

test('lists the six obligations and explains how to join', async () => {
  serve(allOk);
  render(<MembershipPage />);
  expect(await screen.findByText('会员义务')).toBeTruthy();
  for (const obligation of OBLIGATIONS) expect(screen.getByText(obligation)).toBeTruthy();
  expect(screen.getByText(association.membership.composition)).toBeTruthy();
  expect(screen.getByText(association.membership.upgradeRule)).toBeTruthy();

  fireEvent.click(screen.getByText('联系会员服务部'));
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/contact/index' });
});

test("a server error shows the server's message; 重试 recovers", async () => {
  serve({
    ...allOk,
    '/api/membership/levels': {
      statusCode: 503,
      data: { code: ErrorCode.ServiceUnavailable, message: '系统维护中，请稍后再试' },
    },
  });
  render(<MembershipPage />);
  expect(await screen.findByText('系统维护中，请稍后再试')).toBeTruthy();

  serve(allOk);
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('3,000 元/年')).toBeTruthy();
});

test('no levels and no obligations show empty states', async () => {
  serve({
    ...allOk,
    '/api/membership/levels': ok({ items: [], tiers: levels.tiers }),
    '/api/membership/obligations': ok({ items: [] }),
  });
  render(<MembershipPage />);
  expect(await screen.findByText('暂无会员级别信息')).toBeTruthy();
  expect(screen.getByText('暂无会员义务说明')).toBeTruthy();
  expect(screen.getByText('如何入会')).toBeTruthy();
});
