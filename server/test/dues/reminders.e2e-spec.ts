import { type BillStatus, formatFen, messageListResponseSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { JobScheduler } from '../../src/jobs/job-scheduler';
import { BillEntity } from '../../src/modules/dues/bill.entity';
import type { StandinSubscribeMessage } from '../../src/wechat/standin/standin';
import { type AuthEnv, bearer, postJson, seedOf, startAuthEnv } from '../support/auth-env';
import { TEST_TEMPLATES } from '../support/harness';
import { person } from '../support/joining';

type Person = { id: number; token: string };

/** 09:00 in Beijing on that day, when the job runs. */
function morningOf(day: string): Date {
  return new Date(`${day}T09:00:00+08:00`);
}

function dayFrom(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

async function reminders(env: AuthEnv, who: Person): Promise<string[]> {
  const res = await env.server.get('/api/messages?limit=50', { headers: bearer(who.token) });
  expect(res.status).toBe(200);
  return messageListResponseSchema
    .parse(res.body)
    .items.filter((message) => message.purpose === 'dues_reminder')
    .map((message) => message.body);
}

async function delivered(env: AuthEnv): Promise<StandinSubscribeMessage[]> {
  const res = await fetch(`${env.standinUrl}/__standin/subscribe-messages`);
  return ((await res.json()) as { messages: StandinSubscribeMessage[] }).messages;
}

describe('dues reminders: 30 and 7 days before the due date, on it, and 30 days after', () => {
  let env: AuthEnv;
  let staff: Person;
  let sequence = 0;

  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_reminders_staff', ['staff']);
  });
  afterAll(() => env.close());

  function runJob(day: string): Promise<void> {
    return env.server.app.get(JobScheduler).runNow('dues.reminders', morningOf(day));
  }

  /**
   * A member unit with two contacts, its bill due on `dueDate` in the state asked. Staff cannot set a
   * due date or a state by hand (money moves states), so the test sets them through the repository.
   */
  async function unitWithBill(dueDate: string, status: BillStatus = 'unpaid') {
    const n = (sequence += 1);
    const seed = seedOf(env);
    const primary = await person(env, `o_reminders_${n}_a`);
    const colleague = await person(env, `o_reminders_${n}_b`);
    const { unit } = await seed.memberUnit(primary.token, staff.token);
    await seed.addContact(unit.id, primary.token, colleague.token, '李四');
    const bills = env.server.app.get(DataSource).getRepository(BillEntity);
    const bill = await bills.findOneByOrFail({ unitId: unit.id });
    await bills.update(bill.id, { dueDate, status, paidFen: status === 'paid' ? bill.amountFen : 0 });
    return { primary, colleague, bill: { ...bill, dueDate } };
  }

  it('tells every contact once per step on the step’s day, in 消息 and by WeChat where a credit exists', async () => {
    const due = '2031-03-31';
    const { primary, colleague, bill } = await unitWithBill(due);
    const accepted = await postJson(
      env,
      '/api/notifications/subscriptions',
      { results: { [TEST_TEMPLATES.dues_reminder]: 'accept' } },
      bearer(primary.token),
    );
    expect(accepted.status).toBe(200);
    const sentBefore = (await delivered(env)).length;

    const expected: string[] = [];
    const steps: [number, string | null][] = [
      [-31, null],
      [-30, '将于 2031-03-31 截止。'],
      [-29, null],
      [-7, '将于 2031-03-31 截止，还有 7 天。'],
      [-7, null],
      [-1, null],
      [0, '今天（2031-03-31）截止。'],
      [29, null],
      [30, '已于 2031-03-31 截止，现已逾期 30 天。'],
      [31, null],
      [365, null],
    ];
    for (const [offset, wording] of steps) {
      await runJob(dayFrom(due, offset));
      if (wording) expected.unshift(wording);
      for (const contact of [primary, colleague]) {
        const bodies = await reminders(env, contact);
        expect(bodies).toHaveLength(expected.length);
        bodies.forEach((body, i) => expect(body).toContain(expected[i]));
      }
    }
    const [latest] = await reminders(env, primary);
    expect(latest).toContain(`汇款识别码 ${bill.remittanceCode}`);
    expect(latest).toContain(`尚有 ${formatFen(bill.amountFen)}未缴`);

    // One credit, one WeChat message: the first step's, to the contact who allowed it.
    const sent = (await delivered(env)).slice(sentBefore);
    expect(sent.map((message) => [message.touser, message.template_id, message.data.thing4?.value])).toEqual([
      ['o_reminders_1_a', TEST_TEMPLATES.dues_reminder, '30 天后截止'],
    ]);
  });

  it('tells nothing about a paid, waived or void bill', async () => {
    const due = '2031-05-31';
    const units = [];
    for (const status of ['paid', 'waived', 'void'] as const) units.push(await unitWithBill(due, status));
    for (const offset of [-30, -7, 0, 30]) await runJob(dayFrom(due, offset));
    for (const { primary, colleague } of units) {
      expect(await reminders(env, primary)).toEqual([]);
      expect(await reminders(env, colleague)).toEqual([]);
    }
  });

  it('a bill reaching the job after several steps’ days gets only the latest, not a burst', async () => {
    const due = '2031-07-31';
    const { primary } = await unitWithBill(due);
    await runJob(dayFrom(due, -3));
    const bodies = await reminders(env, primary);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain('还有 7 天');
    await runJob(dayFrom(due, -2));
    expect(await reminders(env, primary)).toHaveLength(1);
  });

  it('two runs of the same step at once (two replicas, or a rerun) tell each contact once', async () => {
    const due = '2031-09-30';
    const { primary, colleague } = await unitWithBill(due);
    const day = dayFrom(due, -30);
    await Promise.all([runJob(day), runJob(day), runJob(day)]);
    expect(await reminders(env, primary)).toHaveLength(1);
    expect(await reminders(env, colleague)).toHaveLength(1);
  });
});
