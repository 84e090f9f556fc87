import { MY_UNIT_PAGE, type Message, messageListResponseSchema } from '@itss/shared';
import type { AuthEnv } from '../support/auth-env';
import { startAuthEnv } from '../support/auth-env';
import { mismatchedCreditCode, person } from '../support/joining';
import {
  type Person,
  accept,
  get,
  invite,
  memberUnit,
  pendingRequest,
  requestJoin,
  someone,
} from './fixtures';

/** The primary contact hears of each colleague who joins or asks to, in 我的 → 消息. */
describe('contacts: the primary contact is told about colleagues', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  async function messagesOf(who: Person, purpose: string): Promise<Message[]> {
    const list = messageListResponseSchema.parse((await get(env, '/api/messages', who.token)).body);
    return list.items.filter((message) => message.purpose === purpose);
  }

  it('a colleague accepting an invite: one message naming them, opening 我的单位; none for the colleague', async () => {
    const unit = await memberUnit(env);
    const joiner = await someone(env, 'joiner');
    const { token } = await invite(env, unit.primary.token, unit.id);
    expect((await accept(env, joiner.token, token, '孙联络', '运维经理')).status).toBe(200);

    const told = await messagesOf(unit.primary, 'colleague_joined');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ title: '同事已加入单位', page: MY_UNIT_PAGE });
    expect(told[0]?.body).toContain('孙联络（运维经理）');
    expect(told[0]?.body).toContain(unit.name);
    expect(await messagesOf(joiner, 'colleague_joined')).toEqual([]);
  });

  it('an invite made by staff and accepted: the primary contact is told all the same', async () => {
    const unit = await memberUnit(env);
    const staff = await person(env, 'o_colleague_notices_staff', ['staff']);
    const { token } = await invite(env, staff.token, unit.id);
    expect((await accept(env, (await someone(env, 'joiner')).token, token, '周同事')).status).toBe(200);
    const told = await messagesOf(unit.primary, 'colleague_joined');
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toContain('周同事');
  });

  it('someone asking to join: one message naming them and asking for a decision; a refused ask tells no one', async () => {
    const unit = await memberUnit(env);
    const asker = await someone(env, 'asker');
    const wrong = await requestJoin(env, asker.token, unit.id, mismatchedCreditCode(), '赵六');
    expect(wrong.status).toBe(400);
    expect(await messagesOf(unit.primary, 'join_request_received')).toEqual([]);

    const request = await pendingRequest(env, unit, asker);
    const told = await messagesOf(unit.primary, 'join_request_received');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ title: '有同事申请加入单位', page: MY_UNIT_PAGE });
    expect(told[0]?.body).toContain(request.name);
    expect(told[0]?.body).toContain(unit.name);
    expect(await messagesOf(asker, 'join_request_received')).toEqual([]);
  });
});
