import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { person } from '../support/joining';
import { publishedEvent, registered, registrationsRepo } from './door-support';

describe('the satisfaction survey', () => {
  let env: AuthEnv;
  let attendee: { id: number; token: string };
  beforeAll(async () => {
    env = await startAuthEnv();
    attendee = await person(env, 'o_survey_attendee');
  });
  afterAll(() => env.close());

  const answer = (id: number, body: unknown, token = attendee.token) =>
    postJson(env, `/api/registrations/${id}/survey`, body, bearer(token));
  const code = (res: { body: unknown }) => (res.body as { code: string }).code;

  it('takes one answer from a checked-in attendee; a second is 409', async () => {
    const event = await publishedEvent(env);
    const id = await registered(env, event, attendee.id, { checkedIn: true });
    const res = await answer(id, { rating: 4, comment: '  讲得很清楚  ' });
    expect(res.status).toBe(204);
    expect(await registrationsRepo(env).findOneByOrFail({ id })).toMatchObject({
      surveyRating: 4,
      surveyComment: '讲得很清楚',
      surveyedAt: expect.any(Date) as Date,
    });
    const again = await answer(id, { rating: 1 });
    expect([again.status, code(again)]).toEqual([409, 'REGISTRATION_SURVEY_CLOSED']);
    expect((await registrationsRepo(env).findOneByOrFail({ id })).surveyRating).toBe(4);
  });

  it('keeps no empty comment, and refuses those not checked in or cancelled (409)', async () => {
    const event = await publishedEvent(env);
    const plain = await registered(env, event, attendee.id, { checkedIn: true });
    expect((await answer(plain, { rating: 5 })).status).toBe(204);
    expect((await registrationsRepo(env).findOneByOrFail({ id: plain })).surveyComment).toBeNull();
    const other = await publishedEvent(env);
    const notYet = await registered(env, other, attendee.id);
    const third = await publishedEvent(env);
    const cancelled = await registered(env, third, attendee.id, { state: 'cancelled' });
    for (const id of [notYet, cancelled]) {
      const res = await answer(id, { rating: 3 });
      expect([res.status, code(res)]).toEqual([409, 'REGISTRATION_SURVEY_CLOSED']);
    }
  });

  it('is the attendee’s own: anyone else, staff too, and an unknown registration 404', async () => {
    const event = await publishedEvent(env);
    const id = await registered(env, event, attendee.id, { checkedIn: true });
    const stranger = await person(env, 'o_survey_stranger');
    const staff = await person(env, 'o_survey_staff', ['staff']);
    for (const token of [stranger.token, staff.token]) {
      const res = await answer(id, { rating: 5 }, token);
      expect([res.status, code(res)]).toEqual([404, 'REGISTRATION_NOT_FOUND']);
    }
    expect((await answer(987_654, { rating: 5 })).status).toBe(404);
    expect((await registrationsRepo(env).findOneByOrFail({ id })).surveyedAt).toBeNull();
  });

  it('refuses a malformed answer (400)', async () => {
    const event = await publishedEvent(env);
    const id = await registered(env, event, attendee.id, { checkedIn: true });
    for (const body of [
      {},
      { rating: 0 },
      { rating: 6 },
      { rating: 3.5 },
      { rating: '5' },
      { rating: 5, comment: 'x'.repeat(301) },
      { rating: 5, extra: 1 },
    ]) {
      const res = await answer(id, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
  });
});
