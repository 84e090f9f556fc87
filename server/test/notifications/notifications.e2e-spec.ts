import {
  errorBodySchema,
  messageListResponseSchema,
  notificationTemplatesResponseSchema,
  subscriptionCreditsResponseSchema,
  unreadCountResponseSchema,
} from '@itss/shared';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { StandinSubscribeMessage } from '../../src/wechat/standin/standin';
import {
  type AuthEnv,
  bearer,
  fault,
  login,
  postJson,
  standinStats,
  startAuthEnv,
} from '../support/auth-env';
import { notifyDecision } from './support';

const TEMPLATE = 'standin-application-decision';

async function subscribe(env: AuthEnv, token: string, results: Record<string, string>) {
  const res = await postJson(env, '/api/notifications/subscriptions', { results }, bearer(token));
  expect(res.status).toBe(200);
  return subscriptionCreditsResponseSchema.parse(res.body).items;
}

async function delivered(env: AuthEnv): Promise<StandinSubscribeMessage[]> {
  const body = (await (await fetch(`${env.standinUrl}/__standin/subscribe-messages`)).json()) as {
    messages: StandinSubscribeMessage[];
  };
  return body.messages;
}

async function unread(env: AuthEnv, token: string): Promise<number> {
  const res = await env.server.get('/api/messages/unread-count', { headers: bearer(token) });
  return unreadCountResponseSchema.parse(res.body).unread;
}

describe('notifications: subscribe-message credits, WeChat delivery and 我的 → 消息', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  it('tells the app which templates to ask permission for', async () => {
    const res = await env.server.get('/api/notifications/templates');
    expect(notificationTemplatesResponseSchema.parse(res.body).items).toEqual([
      { purpose: 'application_decision', templateId: TEMPLATE },
      { purpose: 'join_request_decision', templateId: 'standin-join-request-decision' },
      { purpose: 'colleague_joined', templateId: 'standin-colleague-joined' },
      { purpose: 'join_request_received', templateId: 'standin-join-request-received' },
      { purpose: 'group_code_expiring', templateId: 'standin-group-code-expiring' },
      { purpose: 'submission_decision', templateId: 'standin-submission-decision' },
      { purpose: 'dues_reminder', templateId: 'standin-dues-reminder' },
      { purpose: 'dues_paid', templateId: 'standin-dues-paid' },
      { purpose: 'dues_receipt_requested', templateId: 'standin-dues-receipt-requested' },
      { purpose: 'dues_receipt_issued', templateId: 'standin-dues-receipt-issued' },
      { purpose: 'notice', templateId: 'standin-notice' },
      { purpose: 'level_request_decision', templateId: 'standin-level-request-decision' },
      { purpose: 'unit_removed', templateId: 'standin-unit-removed' },
      { purpose: 'event_reminder', templateId: 'standin-event-reminder' },
      { purpose: 'event_seat_offered', templateId: 'standin-event-seat-offered' },
      { purpose: 'event_cancelled', templateId: 'standin-event-cancelled' },
    ]);
  });

  it('counts one credit per accept and nothing for a refusal or an unknown template', async () => {
    const { token } = await login(env, 'o_credits');
    expect(await subscribe(env, token, { [TEMPLATE]: 'reject', 'other-template-id': 'accept' })).toEqual([]);
    expect(await subscribe(env, token, { [TEMPLATE]: 'accept' })).toEqual([
      { purpose: 'application_decision', credits: 1 },
    ]);
    expect(await subscribe(env, token, { [TEMPLATE]: 'accept' })).toEqual([
      { purpose: 'application_decision', credits: 2 },
    ]);
    expect(await subscribe(env, token, { [TEMPLATE]: 'ban' })).toEqual([
      { purpose: 'application_decision', credits: 2 },
    ]);
    const bad = await postJson(
      env,
      '/api/notifications/subscriptions',
      { results: { [TEMPLATE]: 'yes' } },
      bearer(token),
    );
    expect(bad.status).toBe(400);
  });

  it('sends a message on a credit with fields WeChat accepts, and lists it unread until read', async () => {
    const { token, user } = await login(env, 'o_applicant');
    await subscribe(env, token, { [TEMPLATE]: 'accept' });
    const sentBefore = (await delivered(env)).length;
    // A unit name longer than WeChat's 20 characters for a `thing` field: cut, not refused (47003).
    const id = await notifyDecision(env, user.id, '北京示例信息技术服务与系统集成股份有限公司第一分公司');

    const sent = (await delivered(env)).slice(sentBefore);
    expect(sent).toEqual([
      {
        touser: 'o_applicant',
        template_id: TEMPLATE,
        page: 'packages/join/pages/detail/index?id=1',
        data: {
          thing1: { value: '北京示例信息技术服务与系统集成股份有限…' },
          phrase2: { value: '需补充材料' },
          thing3: { value: '请补充加盖公章的营业执照复印件' },
          time4: { value: '2026-11-24 10:30' },
        },
        miniprogram_state: 'formal',
        lang: 'zh_CN',
      },
    ]);
    expect(await subscribe(env, token, {})).toEqual([{ purpose: 'application_decision', credits: 0 }]);

    const list = messageListResponseSchema.parse(
      (await env.server.get('/api/messages', { headers: bearer(token) })).body,
    );
    expect(list.items[0]).toMatchObject({ id, title: '入会申请需补充材料', readAt: null });
    expect(list.unread).toBe(1);
    expect((await postJson(env, `/api/messages/${id}/read`, {}, bearer(token))).status).toBe(204);
    expect(await unread(env, token)).toBe(0);
  });

  it('sends the message once the caller’s transaction commits, and nothing when it rolls back', async () => {
    const { token, user } = await login(env, 'o_after_commit');
    await subscribe(env, token, { [TEMPLATE]: 'accept' });
    await subscribe(env, token, { [TEMPLATE]: 'accept' });
    const host = TransactionHost.getInstance();
    const sentBefore = (await delivered(env)).length;
    await expect(
      host.withTransaction(async () => {
        await notifyDecision(env, user.id);
        throw new Error('the decision failed');
      }),
    ).rejects.toThrow('the decision failed');
    expect(await delivered(env)).toHaveLength(sentBefore);
    expect(await unread(env, token)).toBe(0);
    await host.withTransaction(async () => {
      await notifyDecision(env, user.id);
      // Not yet: the transaction has not committed.
      expect(await delivered(env)).toHaveLength(sentBefore);
    });
    expect((await delivered(env)).slice(sentBefore)).toMatchObject([{ touser: 'o_after_commit' }]);
    expect(await subscribe(env, token, {})).toEqual([{ purpose: 'application_decision', credits: 1 }]);
  });

  it('keeps the message in the app but asks nothing of WeChat when the person has no credit', async () => {
    const { token, user } = await login(env, 'o_no_credit');
    const before = (await standinStats(env)).subscribe_send ?? 0;
    await notifyDecision(env, user.id);
    expect((await standinStats(env)).subscribe_send ?? 0).toBe(before);
    expect(await unread(env, token)).toBe(1);
  });

  it('believes WeChat’s 43101: the credits are gone and it does not retry', async () => {
    const { token, user } = await login(env, 'o_withdrew');
    await subscribe(env, token, { [TEMPLATE]: 'accept' });
    await subscribe(env, token, { [TEMPLATE]: 'accept' });
    await fault(env, 'subscribe_send', { errcode: 43101 });
    const before = (await standinStats(env)).subscribe_send ?? 0;
    await notifyDecision(env, user.id);
    expect((await standinStats(env)).subscribe_send).toBe(before + 1);
    expect(await subscribe(env, token, {})).toEqual([{ purpose: 'application_decision', credits: 0 }]);
  });

  it('keeps the credit when WeChat is down, and the message in the app; delivery never throws', async () => {
    const { token, user } = await login(env, 'o_outage');
    await subscribe(env, token, { [TEMPLATE]: 'accept' });
    await fault(env, 'subscribe_send', { httpStatus: 502, times: 2 });
    await expect(notifyDecision(env, user.id)).resolves.toEqual(expect.any(Number));
    expect(await subscribe(env, token, {})).toEqual([{ purpose: 'application_decision', credits: 1 }]);
    expect(await unread(env, token)).toBe(1);
  });

  it('pages the list newest first and marks everything read at once', async () => {
    const { token, user } = await login(env, 'o_pager');
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await notifyDecision(env, user.id));
    const first = messageListResponseSchema.parse(
      (await env.server.get('/api/messages?limit=2', { headers: bearer(token) })).body,
    );
    expect(first.items.map((m) => m.id)).toEqual([ids[4], ids[3]]);
    const rest = messageListResponseSchema.parse(
      (await env.server.get(`/api/messages?limit=10&cursor=${first.nextCursor}`, { headers: bearer(token) }))
        .body,
    );
    expect(rest.items.map((m) => m.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(rest.nextCursor).toBeNull();
    expect((await env.server.get('/api/messages?cursor=abc', { headers: bearer(token) })).status).toBe(400);
    expect((await postJson(env, '/api/messages/read-all', {}, bearer(token))).status).toBe(204);
    expect(await unread(env, token)).toBe(0);
  });

  it('never shows or marks another person’s message: 404 as if it did not exist', async () => {
    const owner = await login(env, 'o_owner');
    const other = await login(env, 'o_other');
    const id = await notifyDecision(env, owner.user.id);
    const res = await postJson(env, `/api/messages/${id}/read`, {}, bearer(other.token));
    expect(res.status).toBe(404);
    expect(errorBodySchema.parse(res.body).code).toBe('NOT_FOUND');
    const list = messageListResponseSchema.parse(
      (await env.server.get('/api/messages', { headers: bearer(other.token) })).body,
    );
    expect(list.items).toEqual([]);
    expect(await unread(env, owner.token)).toBe(1);
  });
});
