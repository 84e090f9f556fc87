import { eventCoverUrl, eventPageSchema, storedFileSchema } from '@itss/shared';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { PNG, person, uploadRaw } from '../support/joining';
import { createEvent, eventBody, publishedEvent, staffMember } from './core-support';

describe('event covers: served without a session once the event is out, a draft’s to staff only', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  let visitor: { id: number; token: string };
  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await staffMember(env);
    visitor = await person(env, 'o_cover_visitor');
  });
  afterAll(() => env.close());

  const upload = async (token: string) =>
    storedFileSchema.parse((await uploadRaw(env, token, PNG, '封面.png')).body).id;
  const fetchCover = (fileId: number, token?: string) =>
    env.server.get(eventCoverUrl(fileId), { headers: token ? bearer(token) : {} });

  it('a draft’s cover is staff’s; once published anyone loads it from the teaser’s address, which caches may share', async () => {
    const fileId = await upload(staff.token);
    const draft = await createEvent(env, staff.token, eventBody(5, { coverFileId: fileId }));
    expect(draft.coverUrl).toBe(eventCoverUrl(fileId));
    expect((await fetchCover(fileId)).status).toBe(404);
    expect((await fetchCover(fileId, visitor.token)).status).toBe(404);
    expect((await env.server.get(`/api/files/${fileId}`, { headers: bearer(visitor.token) })).status).toBe(
      404,
    );
    const forStaff = await fetchCover(fileId, staff.token);
    expect([forStaff.status, forStaff.headers.get('cache-control')]).toEqual([200, 'private, max-age=300']);

    const published = await env.server.get(`/api/events/${draft.id}/publish`, {
      method: 'POST',
      headers: { ...bearer(staff.token), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(published.status).toBe(200);
    const page = eventPageSchema.parse((await env.server.get('/api/events')).body);
    expect(page.items.find((item) => item.id === draft.id)?.coverUrl).toBe(eventCoverUrl(fileId));
    const anonymous = await fetchCover(fileId);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('content-type')).toBe('image/png');
    expect(anonymous.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('a picture the event no longer shows, an upload not claimed, or another feature’s file is not served to others', async () => {
    const first = await upload(staff.token);
    const event = await publishedEvent(env, staff.token, eventBody(5, { coverFileId: first }));
    const second = await upload(staff.token);
    const patched = await env.server.get(`/api/events/${event.id}`, {
      method: 'PATCH',
      headers: { ...bearer(staff.token), 'content-type': 'application/json' },
      body: JSON.stringify({ coverFileId: second }),
    });
    expect(patched.status).toBe(200);
    expect((await fetchCover(second)).status).toBe(200);
    expect((await fetchCover(first)).status).toBe(404);
    expect((await fetchCover(first, staff.token)).status).toBe(200);
    const loose = await upload(visitor.token);
    expect((await fetchCover(loose)).status).toBe(404);
    expect((await fetchCover(loose, visitor.token)).status).toBe(200);
    expect((await fetchCover(999_999)).status).toBe(404);
  });
});
