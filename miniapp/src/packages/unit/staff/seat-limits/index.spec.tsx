import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { DEFAULT_SEAT_LIMITS } from '@itss/shared';
import { typeInto } from '@test/forms';
import { admin, ok, serveBy, signedInAs, type Answer, type Call } from '@test/fixtures';
import { showToast } from '@test/taro-mock';
import SeatLimitsPage from './index';

// A staff page opens only to those the server lets use it.
beforeEach(() => signedInAs(admin));

function open(write: (call: Call) => Answer): Call[] {
  const calls = serveBy((call) =>
    call.method === 'GET' ? ok({ limits: DEFAULT_SEAT_LIMITS }) : write(call),
  );
  render(<SeatLimitsPage />);
  return calls;
}

const type = (level: string, value: string) => typeInto(`.seat-limits__input--${level}`, value);

const inputValue = (level: string) =>
  document.querySelector<HTMLElement & { value?: string }>(`.seat-limits__input--${level}`)?.value;

test('shows each level’s limit and PUTs the new numbers', async () => {
  const calls = open((call) => ok(call.data));
  await screen.findByText('副会长单位');
  await waitFor(() => expect(inputValue('member')).toBe('3'));
  expect(inputValue('president')).toBe('10');
  await type('member', '4');
  fireEvent.click(screen.getByText('保存'));
  await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' })));
  expect(calls.filter((c) => c.method === 'PUT')).toEqual([
    expect.objectContaining({
      path: '/api/units/seat-limits',
      data: { limits: { member: 4, committee: 5, vice_president: 10, president: 10 } },
    }),
  ]);
});

test('a limit of 0 or an empty one is refused with the level named, before anything is sent', async () => {
  const calls = open((call) => ok(call.data));
  await screen.findByText('委员单位');
  await type('committee', '0');
  fireEvent.click(screen.getByText('保存'));
  await screen.findByText('委员单位：名额至少为 1');
  await type('committee', '');
  fireEvent.click(screen.getByText('保存'));
  await screen.findByText('委员单位：请填写名额');
  expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
});
