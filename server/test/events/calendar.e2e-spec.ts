import { DataSource } from 'typeorm';
import { EventEntity } from '../../src/modules/events/event.entity';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { person } from '../support/joining';
import { insertEvent, insertRegistration } from './desk-support';

type Person = { id: number; token: string };

function unfolded(text: string): string[] {
  return text.replace(/\r\n /g, '').split('\r\n');
}

describe('添加到日历: the registration’s session as an .ics file', () => {
  let env: AuthEnv;
  let owner: Person;
  let other: Person;
  let staff: Person;

  beforeAll(async () => {
    env = await startAuthEnv();
    owner = await person(env, 'o_event_ics_owner');
    other = await person(env, 'o_event_ics_other');
    staff = await person(env, 'o_event_ics_staff', ['staff']);
  });
  afterAll(() => env.close());

  const download = (who: Person | null, id: number) =>
    fetch(`${env.server.baseUrl}/api/registrations/${id}/calendar.ics`, {
      headers: who ? bearer(who.token) : {},
    });

  it('gives the owner a VEVENT with a stable UID, UTC times, summary and location, CRLF and folded', async () => {
    const title = 'ITSS 会议周：智能运维、数据治理与信息技术服务标准化的融合发展论坛';
    const { sessions } = await insertEvent(env, { title: title.slice(0, 60), capacities: [5, 5] });
    const seat = await insertRegistration(env, sessions[1]!, { userId: owner.id });
    const res = await download(owner, seat.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await res.text();
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const lines = unfolded(text);
    const session = sessions[1]!;
    const utc = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace('.000', '');
    expect(lines).toEqual(
      expect.arrayContaining([
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'BEGIN:VEVENT',
        `UID:registration-${seat.id}@events.itss-member-services`,
        `DTSTART:${utc(session.startsAt)}`,
        `DTEND:${utc(session.endsAt)}`,
        `SUMMARY:${title.slice(0, 60).replace(/,/g, '\\,')}（第 2 场）`,
        'LOCATION:北京市海淀区中关村南大街 1 号',
        'END:VEVENT',
        'END:VCALENDAR',
      ]),
    );
    expect(lines.find((line) => line.startsWith('DTSTAMP:'))).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
  });

  it('escapes an online event’s place and links its live page', async () => {
    const { event, sessions } = await insertEvent(env);
    await env.server.app
      .get(DataSource)
      .getRepository(EventEntity)
      .update(event.id, { placeMode: 'online', placeText: 'https://channels.weixin.qq.com/live;a,b' });
    const seat = await insertRegistration(env, sessions[0]!, { userId: owner.id });
    const lines = unfolded(await (await download(owner, seat.id)).text());
    expect(lines).toContain('LOCATION:线上直播：https://channels.weixin.qq.com/live\\;a\\,b');
    expect(
      lines.find((line) => line.startsWith('URL;VALUE=URI:https://channels.weixin.qq.com/live')),
    ).toBeDefined();
  });

  it('is the owner’s alone (404 to others and staff), and gone once cancelled', async () => {
    const { sessions } = await insertEvent(env);
    const seat = await insertRegistration(env, sessions[0]!, { userId: owner.id });
    expect((await download(other, seat.id)).status).toBe(404);
    expect((await download(staff, seat.id)).status).toBe(404);
    expect((await download(null, seat.id)).status).toBe(401);
    const gone = await insertRegistration(env, sessions[0]!, { userId: other.id, state: 'cancelled' });
    expect((await download(other, gone.id)).status).toBe(404);
  });
});
