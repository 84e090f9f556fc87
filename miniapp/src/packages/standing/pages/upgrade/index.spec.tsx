import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { LevelRequest, Me, UnitStanding } from '@itss/shared';
import { levels, ok, serveBy, signedInAs, visitor, type Answer, type Call } from '@test/fixtures';
import { typeInTextarea } from '@test/forms';
import { routerParams, showModal, showToast } from '@test/taro-mock';
import {
  colleague,
  levelRequest,
  primary,
  standing,
  UNIT_ID,
  UNIT_NAME,
} from '@/packages/standing/test-fixtures';
import UpgradePage from './index';

const notFound = { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } };

/** Serves the page's three reads; `routes` answers the writes (and may override a read). */
function open(
  state: () => { standing: UnitStanding; requests: LevelRequest[] },
  routes: (call: Call) => Answer | undefined = () => undefined,
  who: Me = primary,
): Call[] {
  signedInAs(who);
  const calls = serveBy((call) => {
    const answer = routes(call);
    if (answer) return answer;
    if (call.path === `/api/units/${UNIT_ID}/standing`) return ok(state().standing);
    if (call.path === `/api/units/${UNIT_ID}/level-requests`) return ok({ items: state().requests });
    if (call.path === '/api/membership/levels') return ok(levels);
    return notFound;
  });
  render(<UpgradePage />);
  return calls;
}

const text = () => document.body.textContent ?? '';
const posts = (calls: Call[]) => calls.filter((call) => call.method === 'POST');

beforeEach(() => {
  for (const key of Object.keys(routerParams)) delete routerParams[key];
});

test('the next level’s fee and the rights it adds, beside the current level (the cards of 会员权益)', async () => {
  open(() => ({ standing: standing(), requests: [] }));
  await screen.findByText('申请升级为委员单位');
  expect(text()).toContain(UNIT_NAME);
  expect(text()).toContain('当前级别：会员单位');
  expect(text()).toContain('10,000 元/年（现为 3,000 元/年）');
  // Both levels' cards, the second with what upgrading adds.
  expect([...document.querySelectorAll('.level-card__name')].map((el) => el.textContent)).toEqual([
    '委员单位',
    '会员单位',
  ]);
  expect(document.querySelector('.level-card__upgrade')?.textContent).toMatch(
    /^升级为委员单位，可再享 \d+ 项权益$/,
  );
  expect(text()).toContain('暂无级别变更申请');
  // A downgrade needs a level below: none under 会员单位.
  expect(screen.queryByText('申请降级')).toBeNull();
});

test('申请升级: the reason is required; sent, the request is shown waiting and the form is gone', async () => {
  let requests: LevelRequest[] = [];
  let current = standing();
  const calls = open(
    () => ({ standing: current, requests }),
    (call) => {
      if (call.method !== 'POST') return undefined;
      const sent = levelRequest(7, { reason: '希望参与标准研制' });
      requests = [sent];
      current = standing({ canRequestLevelChange: false, openRequest: sent });
      return ok(sent);
    },
  );
  await screen.findByText('提交升级申请');
  fireEvent.click(screen.getByText('提交升级申请'));
  await screen.findByText('请填写申请理由');
  expect(posts(calls)).toEqual([]);

  await typeInTextarea('.upgrade-form__reason', '希望参与标准研制');
  fireEvent.click(screen.getByText('提交升级申请'));
  await screen.findByText('待审核的申请');
  expect(posts(calls)).toEqual([
    expect.objectContaining({
      path: `/api/units/${UNIT_ID}/level-requests`,
      data: { toLevel: 'committee', reason: '希望参与标准研制' },
    }),
  ]);
  expect(showToast).toHaveBeenCalledWith({ title: '申请已提交', icon: 'success' });
  expect(screen.queryByText('提交升级申请')).toBeNull();
  expect(screen.getByText('撤回申请')).toBeTruthy();
});

test('a refusal is the server’s Chinese message under the form (a second open request, arrears)', async () => {
  open(
    () => ({ standing: standing(), requests: [] }),
    (call) =>
      call.method === 'POST'
        ? {
            statusCode: 409,
            data: {
              code: 'STANDING_IN_ARREARS',
              message: '单位有逾期未缴的会费，请先缴清欠缴会费后再申请级别变更',
            },
          }
        : undefined,
  );
  await screen.findByText('提交升级申请');
  await typeInTextarea('.upgrade-form__reason', '希望参与标准研制');
  fireEvent.click(screen.getByText('提交升级申请'));
  await screen.findByText('单位有逾期未缴的会费，请先缴清欠缴会费后再申请级别变更');
  expect(document.querySelector('.upgrade-form__failure')).not.toBeNull();
});

test('blocked: the reason instead of the form, and the way to pay what is owed', async () => {
  open(() => ({
    standing: standing({
      standing: 'arrears',
      unpaidYears: [2025],
      outstandingFen: 300000,
      canRequestLevelChange: false,
      blockedReason: '单位有逾期未缴的会费，请先缴清欠缴会费后再申请级别变更',
    }),
    requests: [],
  }));
  await screen.findByText('单位有逾期未缴的会费，请先缴清欠缴会费后再申请级别变更');
  expect(text()).toContain('欠缴会费：2025 年度，共 3,000.00 元');
  expect(screen.queryByText('提交升级申请')).toBeNull();
  expect(screen.getByText('缴纳欠费')).toBeTruthy();
});

test('the history shows each request’s state, the unit’s reason and staff’s reason', async () => {
  open(() => ({
    standing: standing({ level: 'committee', nextLevel: 'vice_president' }),
    requests: [
      levelRequest(3, {
        fromLevel: 'committee',
        toLevel: 'vice_president',
        state: 'rejected',
        decidedAt: '2026-11-05T06:00:00.000Z',
        decidedByName: '周会服',
        decisionReason: '请先参与一年委员会工作后再申请',
      }),
      levelRequest(2, {
        state: 'approved',
        decidedAt: '2026-10-09T06:00:00.000Z',
        decidedByName: '周会服',
        differenceBillId: 31,
      }),
      levelRequest(1, { state: 'withdrawn', decidedAt: '2026-09-01T06:00:00.000Z' }),
    ],
  }));
  await screen.findByText('共 3 份');
  expect([...document.querySelectorAll('.level-request-state')].map((el) => el.textContent)).toEqual([
    '未通过',
    '已批准',
    '已撤回',
  ]);
  expect(text()).toContain('审核意见：请先参与一年委员会工作后再申请');
  expect(text()).toContain('升级：委员单位 → 副会长单位');
  expect(text()).toContain('已于 2026 年度生效');
  expect(text()).toContain('撤回于 2026-09-01 14:00');
});

test('撤回申请 asks first, then withdraws the open request', async () => {
  let open_ = levelRequest(7);
  const calls = open(
    () => ({
      standing: standing({
        canRequestLevelChange: open_.state !== 'open',
        openRequest: open_.state === 'open' ? open_ : null,
      }),
      requests: [open_],
    }),
    (call) => {
      if (call.method !== 'POST') return undefined;
      open_ = { ...open_, state: 'withdrawn', decidedAt: '2026-11-03T02:00:00.000Z' };
      return ok(open_);
    },
  );
  fireEvent.click(await screen.findByText('撤回申请'));
  await screen.findByText('已撤回');
  expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回申请' }));
  expect(posts(calls).map((call) => call.path)).toEqual(['/api/level-requests/7/withdraw']);
  await screen.findByText('提交升级申请');
});

test('a colleague sees the open request but cannot withdraw it', async () => {
  open(
    () => ({
      standing: standing({ canRequestLevelChange: false, openRequest: levelRequest(7) }),
      requests: [levelRequest(7)],
    }),
    undefined,
    colleague,
  );
  await screen.findByText('待审核的申请');
  expect(screen.queryByText('撤回申请')).toBeNull();
  expect(text()).toContain('如需撤回，请联系本单位主联系人');
});

test('申请降级: one step down, said to take effect next year, confirmed before it is sent', async () => {
  const calls = open(
    () => ({ standing: standing({ level: 'committee', nextLevel: 'vice_president' }), requests: [] }),
    (call) =>
      call.method === 'POST'
        ? ok(
            levelRequest(8, {
              fromLevel: 'committee',
              toLevel: 'member',
              direction: 'downgrade',
              effectiveYear: 2027,
            }),
          )
        : undefined,
  );
  await screen.findByText('申请降级');
  expect(text()).toContain('自 2027 年度起生效');
  fireEvent.click(screen.getByText('申请降级为会员单位'));
  await typeInTextarea('.upgrade-form--downgrade .upgrade-form__reason', '业务调整');
  fireEvent.click(screen.getByText('提交降级申请'));
  await waitFor(() => expect(posts(calls)).toHaveLength(1));
  const asked = showModal.mock.calls.at(-1)?.[0];
  expect(asked?.title).toBe('申请降级为会员单位');
  expect(asked?.content).toContain('自 2027 年度起按会员单位的年费缴纳会费');
  expect(posts(calls)[0]?.data).toEqual({ toLevel: 'member', reason: '业务调整' });
});

test('someone of no unit, or of a unit the server hides, is told the page is for its contacts', async () => {
  open(() => ({ standing: standing(), requests: [] }), undefined, visitor);
  await screen.findByText('会员级别申请仅限会员单位联系人');
});

test('?unitId= of another unit: the server’s 404 reads as not a contact', async () => {
  routerParams.unitId = '77';
  open(() => ({ standing: standing(), requests: [] }));
  await screen.findByText('会员级别申请仅限会员单位联系人');
});

test('the 会长单位 seat held: the step up says why, the step down stays open', async () => {
  open(() => ({
    standing: standing({
      level: 'vice_president',
      nextLevel: 'president',
      canRequestLevelChange: true,
      blockedReason: '分会已有会长单位，会长单位只设一家，暂不能申请',
    }),
    requests: [],
  }));
  await screen.findByText('分会已有会长单位，会长单位只设一家，暂不能申请');
  expect(screen.queryByText('提交升级申请')).toBeNull();
  expect(screen.getByText('申请降级为委员单位')).toBeTruthy();
});
