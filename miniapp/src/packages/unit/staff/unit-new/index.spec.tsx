import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createUnitRequestSchema } from '@itss/shared';
import { typeInto } from '@test/forms';
import { admin, ok, serveBy, signedInAs, type Answer, type Call } from '@test/fixtures';
import { redirectTo } from '@test/taro-mock';
import { unit } from '@/packages/staff/test-fixtures';
import NewUnitPage from './index';

// A staff page opens only to those the server lets use it.
beforeEach(() => signedInAs(admin));

function open(api: (call: Call) => Answer): Call[] {
  const calls = serveBy(api);
  render(<NewUnitPage />);
  return calls;
}

/** The pickers in page order: type, region, level, date. */
async function pick(index: number, value: unknown): Promise<void> {
  await waitFor(() => expect(document.querySelectorAll('taro-picker-core')).toHaveLength(4));
  const picker = document.querySelectorAll('taro-picker-core')[index];
  if (!picker) throw new Error(`no picker ${index}`);
  fireEvent(picker, new CustomEvent('change', { detail: { value }, bubbles: true }));
}

async function fillValid(): Promise<void> {
  await typeInto('.unit-new__name', '深圳云服科技有限公司');
  await typeInto('.unit-new__creditCode', '91440300ma5fabcd1x');
  await pick(0, 0);
  // 广东省 is index 18 of the provinces; 深圳市 the third of its cities.
  await pick(1, [18, 2]);
  await pick(2, 1);
  await pick(3, '2018-05-20');
}

test('an empty form shows the contract’s messages beside the fields and sends nothing', async () => {
  const calls = open(() => ok(unit()));
  await waitFor(() => expect(document.querySelectorAll('taro-picker-core')).toHaveLength(4));
  fireEvent.click(screen.getByText('保存'));
  await screen.findByText('单位名称至少 2 个字');
  const alerts = screen.getAllByRole('alert').map((el) => el.textContent);
  expect(alerts).toEqual(
    expect.arrayContaining(['单位名称至少 2 个字', '请选择单位类型', '请选择所在省份', '请选择会员级别']),
  );
  expect(calls).toHaveLength(0);
});

test('a valid form POSTs what the contract parsed and opens the new unit', async () => {
  const parse = jest.spyOn(createUnitRequestSchema, 'safeParse');
  const calls = open(() => ok(unit({ id: 12 })));
  await fillValid();
  fireEvent.click(screen.getByText('保存'));
  await waitFor(() =>
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/unit/staff/unit/index?id=12' }),
  );
  const parsed = parse.mock.results.at(-1)?.value as ReturnType<typeof createUnitRequestSchema.safeParse>;
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ method: 'POST', path: '/api/units' });
  expect(calls[0]?.data).toBe(parsed.data);
  expect(calls[0]?.data).toEqual({
    name: '深圳云服科技有限公司',
    creditCode: '91440300MA5FABCD1X',
    unitType: 'enterprise',
    province: '广东省',
    city: '深圳市',
    level: 'committee',
    joinedOn: '2018-05-20',
  });
  parse.mockRestore();
});

test('a credit code already on record shows the server’s message and stays on the form', async () => {
  open(() => ({
    statusCode: 409,
    data: {
      code: 'UNIT_CREDIT_CODE_TAKEN',
      message: '该统一社会信用代码的单位已在会员名单中，请在列表中搜索后修改',
    },
  }));
  await fillValid();
  fireEvent.click(screen.getByText('保存'));
  await screen.findByText('该统一社会信用代码的单位已在会员名单中，请在列表中搜索后修改');
  expect(redirectTo).not.toHaveBeenCalled();
});
