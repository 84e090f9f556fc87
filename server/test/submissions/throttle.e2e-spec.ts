import { errorBodySchema } from '@itss/shared';
import { SharedState } from '../../src/state/shared-state';
import type { AuthEnv } from '../support/auth-env';
import { TEST_DB } from '../support/harness';
import {
  articleCount,
  contentChecks,
  postSubmission,
  startSubmissionsEnv,
  submissionBody,
  unitWithContact,
} from './support';

/** What a person may submit in an hour: a unit's news, not a script filling the review queue. */
const PER_HOUR = 10;

describe(`member submissions are limited per person, on ${TEST_DB}`, () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startSubmissionsEnv();
  });
  afterAll(() => env.close());

  it(`takes ${PER_HOUR} an hour from one person, then refuses 429 before WeChat is asked and before anything is kept`, async () => {
    const { unit, contact } = await unitWithContact(env);
    for (let i = 0; i < PER_HOUR; i++) {
      const res = await postSubmission(env, contact.token, submissionBody({ title: `投稿第 ${i + 1} 篇` }));
      expect([i, res.status]).toEqual([i, 201]);
    }
    const checks = (await contentChecks(env)).length;
    const articles = await articleCount(env);
    const refused = await postSubmission(env, contact.token);
    expect([refused.status, errorBodySchema.parse(refused.body).code]).toEqual([429, 'RATE_LIMITED']);
    expect(errorBodySchema.parse(refused.body).message).toMatch(/投稿/);
    expect((await contentChecks(env)).length).toBe(checks);
    expect(await articleCount(env)).toBe(articles);
    // Counted in the shared state (Redis when configured), so every replica refuses alike.
    expect(await env.server.app.get(SharedState).peek(`throttle:submission:${contact.id}`)).toBe(
      PER_HOUR + 1,
    );
    // The unit's primary contact is a person of their own.
    expect((await postSubmission(env, unit.primary.token)).status).toBe(201);
  });
});
