import { messageListResponseSchema } from '@itss/shared';
import { JobScheduler } from '../../src/jobs/job-scheduler';
import type { StandinSubscribeMessage } from '../../src/wechat/standin/standin';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { TEST_TEMPLATES } from '../support/harness';
import { person } from '../support/joining';
import { DAY, HOUR, insertEvent, insertRegistration, sessionNow } from './desk-support';

type Person = { id: number; token: string };

async function reminders(env: AuthEnv, who: Person): Promise<{ body: string; page: string | null }[]> {
  const res = await env.server.get('/api/messages?limit=50', { headers: bearer(who.token) });
  return messageListResponseSchema
    .parse(res.body)
    .items.filter((message) => message.purpose === 'event_reminder')
    .map(({ body, page }) => ({ body, page }));
}

async function delivered(env: AuthEnv): Promise<StandinSubscribeMessage[]> {
  const res = await fetch(`${env.standinUrl}/__standin/subscribe-messages`);
  return ((await res.json()) as { messages: StandinSubscribeMessage[] }).messages;
}

describe('活动开始提醒: a day before each session, to its confirmed registrants, once', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  const run = (at = new Date()) => env.server.app.get(JobScheduler).runNow('events.reminders', at);

  it('tells the confirmed (消息 always, WeChat with a credit) and nobody else, and never twice', async () => {
    const [confirmed, booker, waiting, cancelled, later] = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((name) => person(env, `o_event_remind_${name}`)),
    );
    const { sessions } = await insertEvent(env, {
      startsIn: 23 * HOUR,
      capacities: [10, 10],
      title: 'ITSS 宣贯培训',
    });
    const [soon, afterIt] = sessions as [(typeof sessions)[0], (typeof sessions)[0]];
    const seat = await insertRegistration(env, soon, { userId: confirmed!.id });
    const booked = await insertRegistration(env, soon, { userId: booker!.id, booked: true });
    // A unit's second seat of the same booker: one reminder for both.
    await insertRegistration(env, soon, { userId: booker!.id, name: null, booked: true });
    await insertRegistration(env, soon, { userId: waiting!.id, state: 'waitlisted' });
    await insertRegistration(env, soon, { userId: cancelled!.id, state: 'cancelled' });
    // The second session starts 2 hours after the first, 25 hours from now: it enters its last day later.
    await insertRegistration(env, afterIt, { userId: later!.id });
    const far = await insertEvent(env, { startsIn: 3 * DAY });
    await insertRegistration(env, far.sessions[0]!, { userId: later!.id });
    const called = await insertEvent(env, { startsIn: 10 * HOUR, state: 'cancelled' });
    await insertRegistration(env, called.sessions[0]!, { userId: later!.id });

    const accepted = await postJson(
      env,
      '/api/notifications/subscriptions',
      { results: { [TEST_TEMPLATES.event_reminder]: 'accept' } },
      bearer(confirmed!.token),
    );
    expect(accepted.status).toBe(200);
    const sentBefore = (await delivered(env)).length;

    await run(new Date(Date.now() - 5 * HOUR));
    expect(await reminders(env, confirmed!)).toEqual([]);

    await run();
    const [told] = await reminders(env, confirmed!);
    expect(told?.body).toContain('「ITSS 宣贯培训」（第 1 场）');
    expect(told?.body).toContain('北京市海淀区中关村南大街 1 号');
    expect(told?.page).toBe(`packages/events/pages/ticket/index?id=${seat.id}`);
    expect(await reminders(env, booker!)).toEqual([
      expect.objectContaining({ page: `packages/events/pages/ticket/index?id=${booked.id}` }),
    ]);
    for (const nobody of [waiting!, cancelled!, later!]) expect(await reminders(env, nobody)).toEqual([]);
    expect((await sessionNow(env, soon.id)).remindedAt).not.toBeNull();
    expect((await sessionNow(env, afterIt.id)).remindedAt).toBeNull();

    const sent = (await delivered(env)).slice(sentBefore);
    expect(sent.map((message) => [message.touser, message.template_id, message.data.thing1?.value])).toEqual([
      ['o_event_remind_a', TEST_TEMPLATES.event_reminder, 'ITSS 宣贯培训'],
    ]);

    await run();
    expect(await reminders(env, confirmed!)).toHaveLength(1);
    expect(await reminders(env, booker!)).toHaveLength(1);

    await run(new Date(Date.now() + 3 * HOUR));
    expect(await reminders(env, later!)).toHaveLength(1);
    expect(await reminders(env, confirmed!)).toHaveLength(1);
    expect((await sessionNow(env, far.sessions[0]!.id)).remindedAt).toBeNull();
    expect((await sessionNow(env, called.sessions[0]!.id)).remindedAt).toBeNull();
  });
});
