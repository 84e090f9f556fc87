import { certificateVerificationSchema, checkInResponseSchema, registrationSchema } from '@itss/shared';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { eventBody, publishedEvent, register, registrant, staffMember } from './core-support';

/**
 * The door through the registration routes: people register, their tickets are scanned, and a
 * training's attendee downloads a certificate whose code verifies, then answers the survey.
 */
describe('from registration to certificate', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  const registration = async (id: number, token: string) => {
    const res = await env.server.get(`/api/registrations/${id}`, { headers: bearer(token) });
    expect(res.status).toBe(200);
    return registrationSchema.parse(res.body);
  };

  it('checks in by the ticket code the attendee is shown, once; the certificate verifies; the survey closes', async () => {
    const staff = await staffMember(env);
    const event = await publishedEvent(env, staff.token, eventBody(2));
    const first = await registrant(env);
    const second = await registrant(env);
    const third = await registrant(env);
    const a = await register(env, first.token, event);
    const b = await register(env, second.token, event);
    const waiting = await register(env, third.token, event);
    expect([a.state, b.state, waiting.state]).toEqual(['confirmed', 'confirmed', 'waitlisted']);

    const ticket = (await registration(a.id, first.token)).ticketCode;
    expect(ticket).toEqual(expect.any(String));
    const scan = async (ticketCode: string) => {
      const res = await postJson(
        env,
        `/api/events/${event.id}/check-ins`,
        { ticketCode },
        bearer(staff.token),
      );
      expect(res.status).toBe(200);
      return checkInResponseSchema.parse(res.body);
    };
    const checked = await scan(ticket!);
    expect(checked).toMatchObject({
      result: 'checked_in',
      name: '张三',
      sessionTitle: '全天',
      checkedInCount: 1,
    });
    expect(await scan(ticket!)).toMatchObject({
      result: 'already_checked_in',
      checkedInAt: checked.checkedInAt,
    });

    // The second cancels before the day: their old ticket is answered as cancelled.
    const bTicket = (await registration(b.id, second.token)).ticketCode!;
    expect((await postJson(env, `/api/registrations/${b.id}/cancel`, {}, bearer(second.token))).status).toBe(
      200,
    );
    expect(await scan(bTicket)).toMatchObject({ result: 'cancelled', checkedInCount: 1 });

    const mine = await registration(a.id, first.token);
    expect(mine).toMatchObject({
      checkedInAt: checked.checkedInAt,
      certificateAvailable: true,
      surveyOpen: true,
    });
    const certificate = await env.server.get(`/api/registrations/${a.id}/certificate`, {
      headers: bearer(first.token),
    });
    expect(certificate.status).toBe(200);
    const { code } = certificate.body as { code: string };
    const verified = certificateVerificationSchema.parse(
      (await env.server.get(`/api/certificates/${code}`)).body,
    );
    expect(verified).toMatchObject({
      kind: 'attendance',
      valid: true,
      attendance: { name: '张三', hours: 3.5 },
    });

    const survey = await postJson(
      env,
      `/api/registrations/${a.id}/survey`,
      { rating: 5 },
      bearer(first.token),
    );
    expect(survey.status).toBe(204);
    expect((await registration(a.id, first.token)).surveyOpen).toBe(false);
  });
});
