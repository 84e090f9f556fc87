import { applicationListResponseSchema, errorBodySchema } from '@itss/shared';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { decided, mismatchedCreditCode, person, submitApplication } from '../support/joining';

/** On a database of its own: the queue's order, pages and counts are of exactly these applications. */
describe('applications: the staff queue', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  const codeOf = (res: { status: number; body: unknown }) => [
    res.status,
    errorBodySchema.parse(res.body).code,
  ];

  it('lists for staff oldest first with keyset paging, phones masked, filtered by state, with the to-do count', async () => {
    const reviewer = await person(env, 'o_queue_staff', ['staff']);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const applicant = await person(env, `o_queue_${i}`);
      ids.push(
        (await submitApplication(env, applicant.token, i === 2 ? { creditCode: mismatchedCreditCode() } : {}))
          .id,
      );
    }
    await decided(env, reviewer.token, ids[1] ?? 0, 'needs_info', '请补充材料');
    await decided(env, reviewer.token, ids[3] ?? 0, 'reject', '不符合条件');
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = applicationListResponseSchema.parse(
        (await env.server.get(`/api/applications${query}`, { headers: bearer(reviewer.token) })).body,
      );
      expect(page.pending).toBe(3);
      expect(page.items.length).toBeLessThanOrEqual(2);
      for (const item of page.items) {
        expect(item.contactMobileMasked).toBe('139****5678');
        expect(item.creditCodeChecksumValid).toBe(item.id !== ids[2]);
      }
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    const submitted = applicationListResponseSchema.parse(
      (await env.server.get('/api/applications?state=submitted', { headers: bearer(reviewer.token) })).body,
    );
    expect(submitted.items.map((item) => item.id)).toEqual([ids[0], ids[2], ids[4]]);
    const bad = await env.server.get('/api/applications?cursor=abc', { headers: bearer(reviewer.token) });
    expect(codeOf(bad)).toEqual([400, 'VALIDATION_FAILED']);
    const badState = await env.server.get('/api/applications?state=lost', {
      headers: bearer(reviewer.token),
    });
    expect(codeOf(badState)).toEqual([400, 'VALIDATION_FAILED']);
    expect(JSON.stringify(submitted)).not.toContain('13912345678');
  });

  it('awaiting_staff lists new and resubmitted applications alike, exactly as many as the to-do count', async () => {
    const reviewer = await person(env, 'o_queue_awaiting_staff', ['staff']);
    const applicant = await person(env, 'o_queue_awaiting_resubmitter');
    const asked = await submitApplication(env, applicant.token);
    await decided(env, reviewer.token, asked.id, 'needs_info', '请补充材料');
    const resubmitted = await postJson(
      env,
      `/api/applications/${asked.id}/resubmit`,
      {},
      bearer(applicant.token),
    );
    expect(resubmitted.status).toBe(200);
    const page = applicationListResponseSchema.parse(
      (await env.server.get('/api/applications?state=awaiting_staff', { headers: bearer(reviewer.token) }))
        .body,
    );
    expect(page.items.map((item) => item.state)).toContain('resubmitted');
    expect(new Set(page.items.map((item) => item.state))).toEqual(new Set(['submitted', 'resubmitted']));
    expect(page.items).toHaveLength(page.pending);
  });
});
