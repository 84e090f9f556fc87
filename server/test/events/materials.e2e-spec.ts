import { materialListSchema, materialSchema } from '@itss/shared';
import { PDF, PNG, person } from '../support/joining';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { auditRows } from '../support/concurrency';
import { publishedEvent, registered, uploaded } from './door-support';

describe('event materials', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_materials_staff', ['staff']);
  });
  afterAll(() => env.close());

  const add = (eventId: number, body: unknown, token = staff.token) =>
    postJson(env, `/api/events/${eventId}/materials`, body, bearer(token));
  const list = (eventId: number, token: string) =>
    env.server.get(`/api/events/${eventId}/materials`, { headers: bearer(token) });
  const code = (res: { body: unknown }) => (res.body as { code: string }).code;

  it('staff add a PDF; registrants and staff list and read it; others get 404 on both', async () => {
    const event = await publishedEvent(env);
    const fileId = await uploaded(env, staff.token, PDF);
    const res = await add(event.eventId, { fileId, title: '第一讲 讲义' });
    expect(res.status).toBe(201);
    const material = materialSchema.parse(res.body);
    expect(material).toEqual({
      id: expect.any(Number) as number,
      title: '第一讲 讲义',
      url: `/api/files/${fileId}`,
      sizeBytes: PDF.length,
      createdAt: expect.any(String) as string,
    });
    expect(await auditRows(env, 'event.material_added')).toHaveLength(1);

    const waiting = await person(env, 'o_materials_waitlisted');
    await registered(env, event, waiting.id, { state: 'waitlisted' });
    const attendee = await person(env, 'o_materials_attendee');
    await registered(env, event, attendee.id);
    for (const token of [attendee.token, waiting.token, staff.token]) {
      const listed = await list(event.eventId, token);
      expect(listed.status).toBe(200);
      expect(materialListSchema.parse(listed.body).items).toEqual([material]);
      const file = await env.server.get(material.url, { headers: bearer(token) });
      expect(file.status).toBe(200);
    }

    const gone = await person(env, 'o_materials_cancelled');
    await registered(env, event, gone.id, { state: 'cancelled' });
    const elsewhere = await person(env, 'o_materials_elsewhere');
    await registered(env, await publishedEvent(env), elsewhere.id);
    const stranger = await person(env, 'o_materials_stranger');
    for (const token of [gone.token, elsewhere.token, stranger.token]) {
      const listed = await list(event.eventId, token);
      expect([listed.status, code(listed)]).toEqual([404, 'EVENT_NOT_FOUND']);
      expect((await env.server.get(material.url, { headers: bearer(token) })).status).toBe(404);
    }
    expect((await list(987_654, staff.token)).status).toBe(404);
  });

  it('adding the same file again changes nothing; a file of another event, a picture or someone else’s upload is refused', async () => {
    const event = await publishedEvent(env);
    const other = await publishedEvent(env);
    const fileId = await uploaded(env, staff.token, PDF);
    const first = await add(event.eventId, { fileId, title: '讲义' });
    const again = await add(event.eventId, { fileId, title: '讲义' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const moved = await add(other.eventId, { fileId, title: '讲义' });
    expect([moved.status, code(moved)]).toEqual([400, 'EVENT_MATERIAL_FILE_UNUSABLE']);

    const picture = await uploaded(env, staff.token, PNG, '照片.png', 'image/png');
    const png = await add(event.eventId, { fileId: picture, title: '照片' });
    expect([png.status, code(png)]).toEqual([415, 'EVENT_MATERIAL_NOT_PDF']);

    const colleague = await person(env, 'o_materials_colleague', ['staff']);
    const theirs = await uploaded(env, colleague.token, PDF);
    const notMine = await add(event.eventId, { fileId: theirs, title: '讲义' });
    expect([notMine.status, code(notMine)]).toEqual([400, 'EVENT_MATERIAL_FILE_UNUSABLE']);
    const unknown = await add(event.eventId, { fileId: 987_654, title: '讲义' });
    expect([unknown.status, code(unknown)]).toEqual([400, 'EVENT_MATERIAL_FILE_UNUSABLE']);
    expect((await add(987_654, { fileId, title: '讲义' })).status).toBe(404);
    for (const body of [{}, { fileId }, { fileId, title: '' }, { fileId, title: 'x'.repeat(61) }]) {
      expect((await add(event.eventId, body)).status).toBe(400);
    }
    const listed = materialListSchema.parse((await list(event.eventId, staff.token)).body);
    expect(listed.items).toHaveLength(1);
    expect(await auditRows(env, 'event.material_added')).toHaveLength(2);
  });
});
