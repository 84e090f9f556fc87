import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { UnitArrears, UnitRemoval } from '@itss/shared';
import { ok, serveBy, signedInAs, staffOnly, type Answer, type Call } from '@test/fixtures';
import { typeInTextarea, typeInto } from '@test/forms';
import { navigateTo, routerParams, showModal, showToast } from '@test/taro-mock';
import { UNIT_ID, UNIT_NAME, unitArrears } from '@/packages/standing/test-fixtures';
import ArrearsUnitPage from './index';

const removal: UnitRemoval = {
  unitId: UNIT_ID,
  ground: 'unpaid_two_years',
  body: '主任委员会',
  decidedOn: '2026-12-01',
  documentNumber: 'ITSS分会〔2026〕5号',
  reason: '经多次催缴仍未交纳两个年度的会费',
  fileId: null,
  recordedAt: '2026-12-07T02:00:00.000Z',
  recordedByName: '周会服',
};

function open(unit: () => UnitArrears, routes: (call: Call) => Answer | undefined = () => undefined): Call[] {
  signedInAs(staffOnly);
  routerParams.unitId = String(UNIT_ID);
  const calls = serveBy((call) => routes(call) ?? ok(unit()));
  render(<ArrearsUnitPage />);
  return calls;
}

const text = () => document.body.textContent ?? '';
const chip = (name: string) =>
  [...document.querySelectorAll('.staff-chips__chip')].find((el) => el.textContent === name)!;
const posts = (calls: Call[]) => calls.filter((call) => call.method === 'POST');

function pickDate(value: string) {
  const picker = document.querySelector('.removal-form__date');
  fireEvent(picker!, new CustomEvent('change', { detail: { value }, bubbles: true }));
}

beforeEach(() => {
  for (const key of Object.keys(routerParams)) delete routerParams[key];
});

test('the unit’s arrears, the bills behind them (each opens its bill) and the reminders sent', async () => {
  const calls = open(() => unitArrears());
  await screen.findByText(UNIT_NAME);
  expect(calls[0]?.path).toBe(`/api/units/${UNIT_ID}/arrears`);
  expect(text()).toContain('欠费 2 个年度 · 欠缴 6,000.00 元');
  expect(text()).toContain('逾期未缴年度2024、2025 年度');
  expect(text()).toContain('建议除名：已有两个及以上年度逾期未缴会费');
  expect([...document.querySelectorAll('.arrears-bill__year')].map((el) => el.textContent)).toEqual([
    '2025 年度 · 会员单位',
    '2024 年度 · 会员单位',
  ]);
  expect(document.querySelectorAll('.arrears-bill--unpaid')).toHaveLength(2);
  expect(text()).toContain('2025 年度会费 · 站内消息');
  expect(text()).toContain('2025-04-07 09:00 · 发送 2 人');
  fireEvent.click(document.querySelector('.arrears-bill')!);
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/dues/staff/bill/index?id=41' });
});

test('the removal form names each missing field, asks before recording, then shows the record', async () => {
  let current = unitArrears();
  const calls = open(
    () => current,
    (call) => {
      if (call.method !== 'POST') return undefined;
      current = unitArrears({ status: 'removed', removal });
      return ok(removal);
    },
  );
  fireEvent.click(await screen.findByText('记录除名决定'));
  await screen.findByText('请选择作出决定的机构（主任委员会或会长办公会）');
  expect(text()).toContain('请填写决定日期');
  expect(text()).toContain('请填写除名原因');
  expect(posts(calls)).toEqual([]);

  fireEvent.click(chip('主任委员会'));
  pickDate('2026-12-01');
  await typeInto('.removal-form__number', 'ITSS分会〔2026〕5号');
  await typeInTextarea('.removal-form__reason', '经多次催缴仍未交纳两个年度的会费');
  fireEvent.click(screen.getByText('记录除名决定'));
  await screen.findByText('除名记录');
  const asked = showModal.mock.calls.at(-1)?.[0];
  expect(asked?.title).toBe('确认除名');
  expect(asked?.content).toContain(`将「${UNIT_NAME}」除名`);
  expect(posts(calls)).toEqual([
    expect.objectContaining({
      path: `/api/units/${UNIT_ID}/removal`,
      data: {
        ground: 'unpaid_two_years',
        body: '主任委员会',
        decidedOn: '2026-12-01',
        documentNumber: 'ITSS分会〔2026〕5号',
        reason: '经多次催缴仍未交纳两个年度的会费',
      },
    }),
  ]);
  expect(showToast).toHaveBeenCalledWith({ title: '已记录除名', icon: 'success' });
  expect(text()).toContain('除名依据连续两个年度未按时交纳会费');
  expect(text()).toContain('决定机构主任委员会');
  expect(text()).toContain('2026-12-07 10:00 · 周会服');
  expect(screen.queryByText('记录除名决定')).toBeNull();
});

test('a cancelled confirmation records nothing', async () => {
  showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: false });
  const calls = open(() => unitArrears());
  await screen.findByText('记录除名决定');
  fireEvent.click(chip('会长办公会'));
  pickDate('2026-12-01');
  await typeInTextarea('.removal-form__reason', '两个年度未缴');
  fireEvent.click(screen.getByText('记录除名决定'));
  await waitFor(() => expect(showModal).toHaveBeenCalled());
  expect(posts(calls)).toEqual([]);
});

test('a unit not proposed cannot be removed on the unpaid ground; the breach ground is offered', async () => {
  open(() => unitArrears({ unpaidYears: [2025], outstandingFen: 300000, removalProposed: false }));
  await screen.findByText('未达到除名条件（逾期未缴不足两个年度）');
  // The form opens on the ground that applies.
  expect(document.querySelector('.staff-chips__chip--active')?.textContent).toBe('严重违反分会规定');
  fireEvent.click(chip('连续两个年度未按时交纳会费'));
  await screen.findByText(/不能以欠缴会费为由除名/);
  expect(document.querySelector('.removal-form__submit')?.hasAttribute('disabled')).toBe(true);
});

test('the server’s refusal (it paid meanwhile) is its Chinese message', async () => {
  open(
    () => unitArrears(),
    (call) =>
      call.method === 'POST'
        ? {
            statusCode: 409,
            data: {
              code: 'STANDING_NOT_PROPOSED',
              message: '该单位逾期未缴会费不足两个年度，不能以欠缴会费为由除名，请刷新后查看',
            },
          }
        : undefined,
  );
  await screen.findByText('记录除名决定');
  fireEvent.click(chip('主任委员会'));
  pickDate('2026-12-01');
  await typeInTextarea('.removal-form__reason', '两个年度未缴');
  fireEvent.click(screen.getByText('记录除名决定'));
  await screen.findByText('该单位逾期未缴会费不足两个年度，不能以欠缴会费为由除名，请刷新后查看');
});

test('no unit asked for, or an unknown one: not found', async () => {
  signedInAs(staffOnly);
  const calls = serveBy(() => ({
    statusCode: 404,
    data: { code: 'NOT_FOUND', message: '您访问的内容不存在' },
  }));
  render(<ArrearsUnitPage />);
  await screen.findByText('没有找到该会员单位');
  expect(calls).toEqual([]);
});
