import { messageListResponseSchema, subscriptionCreditsResponseSchema } from '@itss/shared';
import { beijingDateTime, wholeSeconds } from '../../src/common/time';
import { STANDIN_TEMPLATE_ID } from '../../src/config/config';
import { GroupCodesService } from '../../src/modules/groups/group-codes.service';
import type { StandinSubscribeMessage } from '../../src/wechat/standin/standin';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { TEST_TEMPLATES } from '../support/harness';
import { person } from '../support/joining';
import { createGroup, getJson, uploadCode } from './support';

const HOUR = 3600_000;
const TEMPLATE = TEST_TEMPLATES.group_code_expiring;

/** What the app reports after wx.requestSubscribeMessage; the credits the person now holds. */
async function subscribe(env: AuthEnv, token: string, results: Record<string, string>) {
  const res = await postJson(env, '/api/notifications/subscriptions', { results }, bearer(token));
  expect(res.status).toBe(200);
  return subscriptionCreditsResponseSchema.parse(res.body).items;
}

async function delivered(env: AuthEnv): Promise<StandinSubscribeMessage[]> {
  const res = await fetch(`${env.standinUrl}/__standin/subscribe-messages`);
  return ((await res.json()) as { messages: StandinSubscribeMessage[] }).messages;
}

async function messages(env: AuthEnv, token: string) {
  return messageListResponseSchema.parse((await getJson(env, '/api/messages', token)).body).items;
}

/** A group whose code expires at `expiresAt` (whole seconds, as the app's picker sends it). */
async function groupExpiringAt(env: AuthEnv, token: string, name: string, expiresAt: Date) {
  const group = await createGroup(env, token, { name });
  await uploadCode(env, token, group.id, expiresAt.toISOString());
  return group;
}

function inDays(days: number): Date {
  return wholeSeconds(new Date(Date.now() + days * 24 * HOUR));
}

describe('group code expiry: the subscribe message to staff who hold a credit', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  it('a day before expiry: the subscribed staff member gets it once in WeChat, the other in 消息 only', async () => {
    const subscribed = await person(env, 'o_expiry_subscribed', ['staff']);
    const other = await person(env, 'o_expiry_other', ['staff']);
    // Another purpose's template is no permission for this one.
    await subscribe(env, other.token, { [TEST_TEMPLATES.application_decision]: 'accept' });
    expect(await subscribe(env, subscribed.token, { [TEMPLATE]: 'accept' })).toEqual([
      { purpose: 'group_code_expiring', credits: 1 },
    ]);

    const expiresAt = inDays(5);
    await groupExpiringAt(env, subscribed.token, '理事会成员交流群（第二届）北京地区会员单位联络', expiresAt);
    const groups = env.server.app.get(GroupCodesService);
    const sentBefore = (await delivered(env)).length;
    expect(await groups.checkExpiringCodes(new Date(expiresAt.getTime() - 25 * HOUR))).toBe(0);
    expect(await groups.checkExpiringCodes(new Date(expiresAt.getTime() - 23 * HOUR))).toBe(1);

    expect((await delivered(env)).slice(sentBefore)).toEqual([
      {
        touser: 'o_expiry_subscribed',
        template_id: TEMPLATE,
        page: 'packages/staff/pages/index/index',
        data: {
          // 群名称 is a `thing`: cut to WeChat's 20 characters, not refused.
          thing1: { value: '理事会成员交流群（第二届）北京地区会员…' },
          time2: { value: beijingDateTime(expiresAt) },
          thing3: { value: '请重新上传群二维码' },
        },
        miniprogram_state: 'formal',
        lang: 'zh_CN',
      },
    ]);
    // One accept, one message: the credit is spent.
    expect(await subscribe(env, subscribed.token, {})).toEqual([
      { purpose: 'group_code_expiring', credits: 0 },
    ]);
    for (const who of [subscribed, other]) {
      expect((await messages(env, who.token))[0]).toMatchObject({
        purpose: 'group_code_expiring',
        title: '群二维码即将失效',
        readAt: null,
      });
    }

    // The next code to expire reaches the spent credit's owner in 消息 only.
    const next = inDays(3);
    await groupExpiringAt(env, other.token, '会员交流群（上海）', next);
    const sentAfter = (await delivered(env)).length;
    expect(await groups.checkExpiringCodes(new Date(next.getTime() - 23 * HOUR))).toBe(1);
    expect(await delivered(env)).toHaveLength(sentAfter);
    expect((await messages(env, subscribed.token))[0]?.body).toContain('会员交流群（上海）');
  });
});

describe('group code expiry with one template for every purpose (development’s stand-in)', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv((config) => ({
      ...config,
      wechat: {
        ...config.wechat,
        templates: {
          application_decision: STANDIN_TEMPLATE_ID,
          join_request_decision: STANDIN_TEMPLATE_ID,
          group_code_expiring: STANDIN_TEMPLATE_ID,
        },
      },
    }));
  });
  afterAll(() => env.close());

  it('one accept is one WeChat credit for the template: spent on the warning, it is gone for every purpose', async () => {
    const desk = await person(env, 'o_expiry_shared', ['staff']);
    expect(await subscribe(env, desk.token, { [STANDIN_TEMPLATE_ID]: 'accept' })).toEqual(
      expect.arrayContaining([
        { purpose: 'application_decision', credits: 1 },
        { purpose: 'join_request_decision', credits: 1 },
        { purpose: 'group_code_expiring', credits: 1 },
      ]),
    );
    const expiresAt = inDays(2);
    await groupExpiringAt(env, desk.token, '会员交流群（广州）', expiresAt);
    const sentBefore = (await delivered(env)).length;
    await env.server.app.get(GroupCodesService).checkExpiringCodes(new Date(expiresAt.getTime() - 23 * HOUR));
    const sent = (await delivered(env)).slice(sentBefore);
    expect(sent.map((m) => [m.touser, m.template_id])).toEqual([['o_expiry_shared', STANDIN_TEMPLATE_ID]]);
    const held = await subscribe(env, desk.token, {});
    expect(held.map((h) => h.credits)).toEqual([0, 0, 0]);
  });
});
