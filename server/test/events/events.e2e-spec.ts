import { eventDetailSchema, eventPageSchema, errorBodySchema } from '@itss/shared';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { auditRows } from '../support/concurrency';
import { member } from '../groups/support';
import {
  DAY,
  createEvent,
  eventBody,
  fromNow,
  publishedEvent,
  register,
  registrant,
  registrationRows,
  sessionRows,
  staffMember,
} from './core-support';

const patch = (env: AuthEnv, token: string, id: number, body: unknown) =>
  env.server.get(`/api/events/${id}`, {
    method: 'PATCH',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('events: staff run them, everyone reads them', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await staffMember(env);
  });
  afterAll(() => env.close());

  it('creates a draft (sanitized description, hours), seen by staff only until published', async () => {
    const draft = await createEvent(env, staff.token, eventBody(5));
    expect(draft).toMatchObject({ state: 'draft', hours: 3.5, description: '<p>培训介绍</p>', seatsLeft: 5 });
    expect((await env.server.get(`/api/events/${draft.id}`)).status).toBe(404);
    const visitor = await registrant(env);
    expect((await env.server.get(`/api/events/${draft.id}`, { headers: bearer(visitor.token) })).status).toBe(
      404,
    );
    const listed = eventPageSchema.parse((await env.server.get('/api/events?limit=50')).body);
    expect(listed.items.map((item) => item.id)).not.toContain(draft.id);
    const published = await env.server.get(`/api/events/${draft.id}/publish`, {
      method: 'POST',
      headers: bearer(staff.token),
    });
    expect(published.status).toBe(200);
    const anonymous = eventDetailSchema.parse((await env.server.get(`/api/events/${draft.id}`)).body);
    expect(anonymous).toMatchObject({ state: 'published', window: { state: 'open' }, myRegistrationIds: [] });
    const page = eventPageSchema.parse((await env.server.get('/api/events?limit=50')).body);
    expect(page.items.map((item) => item.id)).toContain(draft.id);
    expect(await auditRows(env, 'event.published')).toHaveLength(1);
    const again = await env.server.get(`/api/events/${draft.id}/publish`, {
      method: 'POST',
      headers: bearer(staff.token),
    });
    expect([again.status, errorBodySchema.parse(again.body).code]).toEqual([409, 'EVENT_WRONG_STATE']);
  });

  it('refuses times out of order and an audience that does not match its public opening', async () => {
    const bad = await env.server.get('/api/events', {
      method: 'POST',
      headers: { ...bearer(staff.token), 'content-type': 'application/json' },
      body: JSON.stringify(eventBody(5, { closesAt: fromNow(20 * DAY) })),
    });
    expect([bad.status, errorBodySchema.parse(bad.body).code]).toEqual([400, 'EVENT_BAD_TIMES']);
    const audience = await env.server.get('/api/events', {
      method: 'POST',
      headers: { ...bearer(staff.token), 'content-type': 'application/json' },
      body: JSON.stringify(eventBody(5, { audience: 'members' })),
    });
    expect([audience.status, errorBodySchema.parse(audience.body).code]).toEqual([400, 'EVENT_BAD_AUDIENCE']);
  });

  it('tells each caller their window: members first, the public later, with the time', async () => {
    const opensPublic = fromNow(2 * DAY);
    const event = await publishedEvent(
      env,
      staff.token,
      eventBody(5, { memberOpensAt: fromNow(-DAY), publicOpensAt: opensPublic }),
    );
    expect(event.membersFirst).toBe(true);
    const contact = await member(env, 'committee');
    const forMember = eventDetailSchema.parse(
      (await env.server.get(`/api/events/${event.id}`, { headers: bearer(contact.token) })).body,
    );
    expect(forMember.window.state).toBe('open');
    const visitor = await registrant(env);
    const forVisitor = eventDetailSchema.parse(
      (await env.server.get(`/api/events/${event.id}`, { headers: bearer(visitor.token) })).body,
    );
    expect(forVisitor.window).toMatchObject({ state: 'not_yet', opensAt: opensPublic });
    expect(forVisitor.window.text).toMatch(/开始报名/);
    const refused = await env.server.get(`/api/events/${event.id}/registrations`, {
      method: 'POST',
      headers: { ...bearer(visitor.token), 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: event.sessions[0]!.id, name: '李四' }),
    });
    const error = errorBodySchema.parse(refused.body);
    expect([refused.status, error.code]).toEqual([403, 'REGISTRATION_NOT_OPEN_YET']);
    expect(error.message).toMatch(/北京时间/);
    expect(error.details).toEqual([{ path: 'opensAt', message: opensPublic }]);
  });

  it('refuses a capacity below the seats held, and offers raised seats to the waiting list at once', async () => {
    const event = await publishedEvent(env, staff.token, eventBody(1));
    const first = await registrant(env);
    const second = await registrant(env);
    await register(env, first.token, event);
    const waiting = await register(env, second.token, event);
    expect(waiting).toMatchObject({ state: 'waitlisted', position: 1 });
    const session = event.sessions[0]!;
    const sessionInput = {
      id: session.id,
      title: session.title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
    };
    const lower = await patch(env, staff.token, event.id, { sessions: [{ ...sessionInput, capacity: 1 }] });
    expect(lower.status).toBe(200);
    const removed = await patch(env, staff.token, event.id, {
      sessions: [{ title: '新场次', startsAt: session.startsAt, endsAt: session.endsAt, capacity: 5 }],
    });
    expect([removed.status, errorBodySchema.parse(removed.body).code]).toEqual([409, 'EVENT_SESSION_IN_USE']);
    const raised = await patch(env, staff.token, event.id, { sessions: [{ ...sessionInput, capacity: 3 }] });
    expect(eventDetailSchema.parse(raised.body).sessions[0]).toMatchObject({
      capacity: 3,
      taken: 2,
      waitlisted: 0,
    });
    expect(await registrationRows(env).findOneByOrFail({ id: waiting.id })).toMatchObject({
      state: 'offered',
    });
    const below = await patch(env, staff.token, event.id, { sessions: [{ ...sessionInput, capacity: 1 }] });
    expect([below.status, errorBodySchema.parse(below.body).code]).toEqual([
      409,
      'EVENT_CAPACITY_BELOW_TAKEN',
    ]);
    expect((await sessionRows(env).findOneByOrFail({ id: session.id })).capacity).toBe(3);
  });

  it('cancels an event: every registration cancelled, seats freed, everyone told once', async () => {
    const event = await publishedEvent(env, staff.token, eventBody(1));
    const a = await registrant(env);
    const b = await registrant(env);
    await register(env, a.token, event);
    await register(env, b.token, event);
    const res = await env.server.get(`/api/events/${event.id}/cancel`, {
      method: 'POST',
      headers: { ...bearer(staff.token), 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '场地原因' }),
    });
    expect(eventDetailSchema.parse(res.body)).toMatchObject({ state: 'cancelled', cancelReason: '场地原因' });
    const rows = await registrationRows(env).findBy({ eventId: event.id });
    expect(rows.map((row) => row.state)).toEqual(['cancelled', 'cancelled']);
    expect((await sessionRows(env).findOneByOrFail({ id: event.sessions[0]!.id })).taken).toBe(0);
    for (const who of [a, b]) {
      const messages = (await env.server.get('/api/messages', { headers: bearer(who.token) })).body as {
        items: { purpose: string }[];
      };
      expect(messages.items.filter((m) => m.purpose === 'event_cancelled')).toHaveLength(1);
    }
  });

  it('answers hostile and odd input with 4xx, never 5xx', async () => {
    const event = await publishedEvent(env, staff.token, eventBody(2));
    const session = event.sessions[0]!;
    const sessionInput = {
      title: session.title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      capacity: 2,
    };
    const encoded = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    for (const query of [
      'from=0001-01-01',
      'from=9999-12-31',
      'cursor=garbage',
      `cursor=${encoded(['+275760-09-13T00:00:00.000Z', 1])}`,
      `cursor=${encoded(['0001-01-01T00:00:00.000Z', 1])}`,
      'limit=0',
      'state=draft',
      'kind=nope',
    ]) {
      const res = await env.server.get(`/api/events?${query}`);
      expect([query, res.status < 500]).toEqual([query, true]);
    }
    const odd = [
      eventBody(2, { startsAt: '0001-01-01T00:00:00Z' }),
      eventBody(2, { memberOpensAt: '0999-01-01T00:00:00Z' }),
      eventBody(2, { levelOpensAt: { committee: '9999-12-31T23:59:59Z' } }),
      eventBody(2, { sessions: [{ ...sessionInput, startsAt: '1000-01-01T00:00:00Z' }] }),
      eventBody(2, { coverFileId: 999_999 }),
      eventBody(2, { description: '<script>x</script>' }),
    ];
    for (const body of odd) {
      const res = await env.server.get('/api/events', {
        method: 'POST',
        headers: { ...bearer(staff.token), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status < 500).toBe(true);
    }
    for (const body of [
      {
        sessions: [
          { ...sessionInput, id: session.id },
          { ...sessionInput, id: session.id },
        ],
      },
      { sessions: [{ ...sessionInput, id: 999_999 }] },
      { publicOpensAt: null },
      { sessions: [] },
    ]) {
      const res = await patch(env, staff.token, event.id, body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    }
    const notFound = await patch(env, staff.token, 999_999, { title: '不存在的活动' });
    expect(notFound.status).toBe(404);
  });
});
