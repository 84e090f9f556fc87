import {
  applicationSchema,
  campaignListResponseSchema,
  messageListResponseSchema,
  meSchema,
} from '@itss/shared';
import type { StandinSubscribeMessage } from '../../src/wechat/standin/standin';
import { createCampaign } from '../campaigns/support';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import {
  applicationBody,
  decided,
  idempotencyKey,
  person,
  postApplication,
  uploadLicence,
} from '../support/joining';

/** The whole path at the API: scan, draft, submit, asked for more, resubmit, approved, told. */
describe('joining: from the campaign code to a member unit, the applicant told at each decision', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  async function delivered(): Promise<StandinSubscribeMessage[]> {
    const res = await fetch(`${env.standinUrl}/__standin/subscribe-messages`);
    return ((await res.json()) as { messages: StandinSubscribeMessage[] }).messages;
  }

  it('counts the funnel 1/1/1/1 and lands each decision in 消息 and, while a credit remains, on WeChat', async () => {
    const campaign = await createCampaign(env, '会议周展台');
    const staff = await person(env, 'o_joining_staff', ['staff']);
    const applicant = await person(env, 'o_joining_applicant');
    const auth = bearer(applicant.token);

    expect((await postJson(env, '/api/campaigns/scans', { scene: campaign.scene })).status).toBe(204);
    const draft = await env.server.get('/api/applications/draft', {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ unitName: '北京', campaignScene: campaign.scene }),
    });
    expect(draft.status).toBe(200);
    // One credit: the app asked wx.requestSubscribeMessage on submit and the person accepted once.
    await postJson(
      env,
      '/api/notifications/subscriptions',
      { results: { 'standin-application-decision': 'accept' } },
      auth,
    );
    const body = applicationBody(await uploadLicence(env, applicant.token), {
      campaignScene: campaign.scene,
    });
    const submitted = applicationSchema.parse(
      (await postApplication(env, applicant.token, body, idempotencyKey())).body,
    );
    expect(submitted.campaign).toEqual({ id: campaign.id, name: '会议周展台' });

    // Staff end the reason with a full stop of their own: the message does not add a second.
    await decided(env, staff.token, submitted.id, 'needs_info', '请上传加盖公章的营业执照。');
    const messages = messageListResponseSchema.parse(
      (await env.server.get('/api/messages', { headers: auth })).body,
    );
    expect(messages.items[0]).toMatchObject({
      title: '入会申请需补充材料',
      page: `packages/join/pages/detail/index?id=${submitted.id}`,
    });
    expect(messages.items[0]?.body).toContain('需补充材料：请上传加盖公章的营业执照。请修改后重新提交。');
    expect(messages.items[0]?.body).not.toContain('。。');
    expect(messages.unread).toBe(1);
    const sent = await delivered();
    expect(sent).toHaveLength(1);

    await postJson(env, `/api/applications/${submitted.id}/resubmit`, {}, auth);
    await decided(env, staff.token, submitted.id, 'approve');
    const after = messageListResponseSchema.parse(
      (await env.server.get('/api/messages', { headers: auth })).body,
    );
    expect(after.items.map((m) => m.title)).toEqual(['入会申请已通过', '入会申请需补充材料']);
    // The one credit was used by the first decision: the second is told in the app only.
    expect(await delivered()).toHaveLength(1);
    const me = meSchema.parse((await env.server.get('/api/me', { headers: auth })).body);
    expect(me.unit?.name).toBe(submitted.unitName);

    const list = campaignListResponseSchema.parse(
      (await env.server.get('/api/campaigns', { headers: bearer(staff.token) })).body,
    );
    expect(list.items.find((c) => c.id === campaign.id)?.funnel).toEqual({
      scans: 1,
      started: 1,
      submitted: 1,
      approved: 1,
    });
  });
});
