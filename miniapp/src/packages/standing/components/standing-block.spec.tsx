import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ok, serveBy, signedInAs } from '@test/fixtures';
import { navigateTo, shownCallbacks } from '@test/taro-mock';
import { levelRequest, primary, standing, UNIT_ID } from '@/packages/standing/test-fixtures';
import type { UnitStanding } from '@itss/shared';
import { StandingBlock } from './standing-block';

function open(answer: () => UnitStanding | 'offline') {
  signedInAs(primary);
  const calls = serveBy((call) => {
    if (call.path !== `/api/units/${UNIT_ID}/standing`) return ok({});
    const current = answer();
    return current === 'offline' ? 'offline' : ok(current);
  });
  render(<StandingBlock unitId={UNIT_ID} />);
  return calls;
}

const text = () => document.body.textContent ?? '';
const upgradeButton = () => document.querySelector('.standing-card__upgrade');

test('a unit in good standing: its level, this year paid, and 申请升级 opens the request page', async () => {
  open(() => standing());
  await screen.findByText('会员单位');
  expect(text()).toContain('会费状态正常');
  expect(text()).toContain('2026 年度会费已缴清');
  expect(upgradeButton()?.textContent).toBe('申请升级');
  expect(upgradeButton()?.hasAttribute('disabled')).toBe(false);
  fireEvent.click(upgradeButton()!);
  expect(navigateTo).toHaveBeenLastCalledWith({
    url: `/packages/standing/pages/upgrade/index?unitId=${UNIT_ID}`,
  });
  // Nothing owed: no way to pay arrears, no warning.
  expect(document.querySelector('.standing-card__pay')).toBeNull();
  expect(document.querySelector('.standing-card__warning')).toBeNull();
});

test('in arrears: the unpaid years and amount, the removal warning, and 申请升级 off with the server’s reason', async () => {
  open(() =>
    standing({
      standing: 'arrears',
      unpaidYears: [2024, 2025],
      outstandingFen: 600000,
      removalProposed: true,
      currentYearPaid: false,
      canRequestLevelChange: false,
      blockedReason: '单位有逾期未缴的会费，请先缴清欠缴会费后再申请级别变更',
    }),
  );
  await screen.findByText('2024、2025 年度');
  expect(text()).toContain('会费状态欠缴会费');
  expect(text()).toContain('欠缴金额6,000.00 元');
  expect(text()).toContain('2026 年度会费未缴清');
  expect(document.querySelector('.standing-card__warning')?.textContent).toContain('两个年度未按时交纳会费');
  expect(upgradeButton()?.hasAttribute('disabled')).toBe(true);
  fireEvent.click(upgradeButton()!);
  expect(navigateTo).not.toHaveBeenCalled();
  expect(document.querySelector('.standing-card__blocked')?.textContent).toBe(
    '单位有逾期未缴的会费，请先缴清欠缴会费后再申请级别变更',
  );
  fireEvent.click(screen.getByText('缴纳欠费'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: `/packages/dues/pages/index/index?unitId=${UNIT_ID}` });
});

test('a colleague who is not the primary contact sees why 申请升级 is not theirs', async () => {
  open(() =>
    standing({
      canRequestLevelChange: false,
      blockedReason: '只有单位的主联系人可以申请或撤回级别变更，请联系主联系人办理',
    }),
  );
  await screen.findByText('只有单位的主联系人可以申请或撤回级别变更，请联系主联系人办理');
  expect(upgradeButton()?.hasAttribute('disabled')).toBe(true);
});

test('an open request is shown with its state and opens the request page; a downgrade approved for next year too', async () => {
  open(() =>
    standing({
      level: 'committee',
      nextLevel: 'vice_president',
      canRequestLevelChange: false,
      blockedReason: '单位已有一份待审核的级别变更申请，请等待审核结果或先撤回该申请',
      openRequest: levelRequest(5, { fromLevel: 'committee', toLevel: 'vice_president' }),
      scheduledLevel: { level: 'member', fromYear: 2027 },
    }),
  );
  await screen.findByText('升级为副会长单位 · 待审核');
  expect(text()).toContain('自 2027 年度起调整为会员单位');
  expect(upgradeButton()?.textContent).toBe('查看级别申请');
  expect(document.querySelector('.standing-card__blocked')).toBeNull();
  fireEvent.click(upgradeButton()!);
  expect(navigateTo).toHaveBeenLastCalledWith({
    url: `/packages/standing/pages/upgrade/index?unitId=${UNIT_ID}`,
  });
});

test('a failed load says so with 重试; shown again after the request page, it asks again', async () => {
  let offline = true;
  const calls = open(() => (offline ? 'offline' : standing()));
  await screen.findByText('重试');
  offline = false;
  fireEvent.click(screen.getByText('重试'));
  await screen.findByText('会费状态');
  const before = calls.length;
  act(() => {
    for (const shown of shownCallbacks.slice(-4)) shown();
  });
  await waitFor(() => expect(calls.length).toBeGreaterThan(before));
});

test('only a step down open (the seat held): 申请级别调整, with why the step up is closed', async () => {
  open(() =>
    standing({
      level: 'vice_president',
      nextLevel: 'president',
      canRequestLevelChange: true,
      blockedReason: '分会已有会长单位，会长单位只设一家，暂不能申请',
    }),
  );
  await screen.findByText('分会已有会长单位，会长单位只设一家，暂不能申请');
  expect(upgradeButton()?.textContent).toBe('申请级别调整');
  expect(upgradeButton()?.hasAttribute('disabled')).toBe(false);
});
