import {
  type CreateNoticeRequest,
  type LevelCode,
  type Notice,
  messageListResponseSchema,
  noticeSchema,
} from '@itss/shared';
import { NoticeDelivery, type DeliveryOptions } from '../../src/modules/notices/notice-delivery';
import type { StandinSubscribeMessage } from '../../src/wechat/standin/standin';
import { type AuthEnv, bearer, postJson, seedOf } from '../support/auth-env';
import { TEST_TEMPLATES } from '../support/harness';
import { person } from '../support/joining';
import { changeStatus } from '../units/sheets';

export type Person = { id: number; token: string };

let sequence = 0;

/** A unit at `level` with `contacts` people speaking for it, made as joining makes one (approval). */
export async function unitWithContacts(
  env: AuthEnv,
  staff: Person,
  level: Exclude<LevelCode, 'president'>,
  contacts = 1,
): Promise<{ unitId: number; people: Person[] }> {
  const n = (sequence += 1);
  const seed = seedOf(env);
  const primary = await person(env, `o_notices_${n}_0`);
  const { unit } = await seed.memberUnit(primary.token, staff.token, {
    level,
    unitName: `北京通知测试${n}号科技有限公司`,
  });
  const people = [primary];
  for (let i = 1; i < contacts; i += 1) {
    const colleague = await person(env, `o_notices_${n}_${i}`);
    await seed.addContact(unit.id, primary.token, colleague.token, '李四');
    people.push(colleague);
  }
  return { unitId: unit.id, people };
}

export async function setUnitStatus(env: AuthEnv, staff: Person, unitId: number, status: string) {
  const res = await changeStatus(env, staff.token, unitId, status, '测试状态变化');
  expect(res.status).toBe(200);
}

export function sendNotice(env: AuthEnv, token: string, body: unknown) {
  return postJson(env, '/api/notices', body, bearer(token));
}

/** Sends a notice as staff, expecting it recorded (202, queued). */
export async function queued(env: AuthEnv, staff: Person, body: CreateNoticeRequest): Promise<Notice> {
  const res = await sendNotice(env, staff.token, body);
  expect([res.status, res.body]).toEqual([202, expect.anything()]);
  const notice = noticeSchema.parse(res.body);
  expect(notice.state).toBe('queued');
  await settled(env);
  return notice;
}

/** Waits for the delivery the send started in the background. */
export function settled(env: AuthEnv): Promise<void> {
  return env.server.app.get(NoticeDelivery).settled();
}

export function runDelivery(env: AuthEnv, options?: DeliveryOptions): Promise<number> {
  return env.server.app.get(NoticeDelivery).deliverPending(options);
}

export async function noticeOf(env: AuthEnv, staff: Person, id: number): Promise<Notice> {
  const res = await env.server.get(`/api/notices/${id}`, { headers: bearer(staff.token) });
  expect(res.status).toBe(200);
  return noticeSchema.parse(res.body);
}

/** The notice messages in the person's 消息, newest first. */
export async function noticeMessages(env: AuthEnv, who: Person) {
  const res = await env.server.get('/api/messages?limit=50', { headers: bearer(who.token) });
  expect(res.status).toBe(200);
  return messageListResponseSchema.parse(res.body).items.filter((message) => message.purpose === 'notice');
}

export async function allowNotices(env: AuthEnv, who: Person): Promise<void> {
  const res = await postJson(
    env,
    '/api/notifications/subscriptions',
    { results: { [TEST_TEMPLATES.notice]: 'accept' } },
    bearer(who.token),
  );
  expect(res.status).toBe(200);
}

/** The subscribe messages the WeChat stand-in accepted with the notice template. */
export async function wechatNotices(env: AuthEnv): Promise<StandinSubscribeMessage[]> {
  const res = await fetch(`${env.standinUrl}/__standin/subscribe-messages`);
  const { messages } = (await res.json()) as { messages: StandinSubscribeMessage[] };
  return messages.filter((message) => message.template_id === TEST_TEMPLATES.notice);
}
