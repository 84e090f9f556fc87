import { messageListResponseSchema } from '@itss/shared';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { TEST_DB } from '../support/harness';
import { person } from '../support/joining';
import { notifyDecision } from './support';

describe(`marking a message read tells nothing about other people's, on ${TEST_DB}`, () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  it('answers another person’s message exactly as a message that does not exist, and leaves it unread', async () => {
    const owner = await person(env, 'o_message_owner');
    const prober = await person(env, 'o_message_prober');
    const theirs = await notifyDecision(env, owner.id);
    const other = await postJson(env, `/api/messages/${theirs}/read`, {}, bearer(prober.token));
    const missing = await postJson(env, `/api/messages/${theirs + 1000}/read`, {}, bearer(prober.token));
    expect({ status: other.status, body: other.body }).toEqual({
      status: missing.status,
      body: missing.body,
    });
    expect(missing.status).toBe(404);
    const inbox = messageListResponseSchema.parse(
      (await env.server.get('/api/messages', { headers: bearer(owner.token) })).body,
    );
    expect(inbox.items.find((m) => m.id === theirs)?.readAt).toBeNull();
  });
});
