import { createHash, randomBytes } from 'node:crypto';
import {
  type Invite,
  type LevelCode,
  type UnitStatus,
  errorBodySchema,
  joinRequestSchema,
  type JoinRequest,
} from '@itss/shared';
import { DataSource } from 'typeorm';
import { UnitInviteEntity } from '../../src/modules/units/invite.entity';
import { UnitEntity } from '../../src/modules/units/unit.entity';
import { type AuthEnv, bearer, postJson, seedOf } from '../support/auth-env';
import { person, setupStaffToken, validCreditCode } from '../support/joining';

export interface Person {
  id: number;
  token: string;
}

export interface MemberUnit {
  id: number;
  name: string;
  creditCode: string;
  primary: Person;
}

const run = randomBytes(3).toString('hex');
let sequence = 0;

/** A signed-in person new to this file's database. */
export function someone(env: AuthEnv, label = 'p'): Promise<Person> {
  return person(env, `o_contacts_${label}_${run}_${sequence++}`);
}

/** The levels one applies for (会长单位 is elected, not applied for). */
type AppliedLevel = Exclude<LevelCode, 'president'>;

/** A member unit whose primary contact is `primary` (named 李四), made as joining makes one: approval. */
export async function unitOf(
  env: AuthEnv,
  primary: Person,
  level: AppliedLevel = 'member',
): Promise<MemberUnit> {
  const { application, unit } = await seedOf(env).memberUnit(primary.token, await setupStaffToken(env), {
    level,
  });
  return { id: unit.id, name: unit.name, creditCode: application.creditCode, primary };
}

/** A unit with a fresh primary contact. */
export async function memberUnit(env: AuthEnv, level: AppliedLevel = 'member'): Promise<MemberUnit> {
  return unitOf(env, await someone(env, 'primary'), level);
}

/**
 * A unit on record with no contacts, as staff record one that joined before this system (their
 * route is another feature's; the row is what it writes).
 */
export async function unitWithoutContacts(env: AuthEnv): Promise<MemberUnit & { primary: never }> {
  const repo = env.server.app.get(DataSource).getRepository(UnitEntity);
  const creditCode = validCreditCode();
  const unit = await repo.save(
    repo.create({
      name: '北京老会员科技有限公司',
      creditCode,
      unitType: 'enterprise',
      province: '北京市',
      city: '海淀区',
      level: 'member',
      status: 'active',
      joinedOn: '2019-05-01',
      createdAt: new Date(),
    }),
  );
  return { id: unit.id, name: unit.name, creditCode, primary: undefined as never };
}

/** Suspends or removes a unit as staff would (the status route belongs to another feature). */
export async function setStatus(env: AuthEnv, unitId: number, status: UnitStatus): Promise<void> {
  await env.server.app.get(DataSource).getRepository(UnitEntity).update({ id: unitId }, { status });
}

/** Moves an invite's expiry into the past, as 7 days passing would. */
export async function expire(env: AuthEnv, token: string): Promise<void> {
  await env.server.app
    .get(DataSource)
    .getRepository(UnitInviteEntity)
    .update(
      { tokenHash: createHash('sha256').update(token).digest('hex') },
      { expiresAt: new Date(Date.now() - 1000) },
    );
}

export function inviteRes(env: AuthEnv, token: string, unitId: number) {
  return postJson(env, `/api/units/${unitId}/invites`, {}, bearer(token));
}

export function invite(env: AuthEnv, token: string, unitId: number): Promise<Invite> {
  return seedOf(env).invite(token, unitId);
}

export function accept(env: AuthEnv, token: string, inviteToken: string, name = '王五', title?: string) {
  return postJson(env, `/api/invites/${inviteToken}/accept`, { name, title }, bearer(token));
}

/** A new person who joined the unit through an invite of its primary contact. */
export async function colleague(env: AuthEnv, unit: MemberUnit, name = '王五'): Promise<Person> {
  const joiner = await someone(env, 'colleague');
  await seedOf(env).addContact(unit.id, unit.primary.token, joiner.token, name);
  return joiner;
}

export function requestJoin(
  env: AuthEnv,
  token: string,
  unitId: number,
  creditCode: string,
  name = '赵六',
  title?: string,
) {
  return postJson(env, `/api/units/${unitId}/join-requests`, { creditCode, name, title }, bearer(token));
}

export async function pendingRequest(
  env: AuthEnv,
  unit: MemberUnit,
  requester: Person,
): Promise<JoinRequest> {
  const res = await requestJoin(env, requester.token, unit.id, unit.creditCode);
  if (res.status !== 201) throw new Error(`join request: ${res.status} ${JSON.stringify(res.body)}`);
  return joinRequestSchema.parse(res.body);
}

export function decide(env: AuthEnv, token: string, unitId: number, requestId: number, decision: string) {
  return postJson(
    env,
    `/api/units/${unitId}/join-requests/${requestId}/decisions`,
    { decision },
    bearer(token),
  );
}

export function removeContact(env: AuthEnv, token: string, unitId: number, userId: number) {
  return env.server.get(`/api/units/${unitId}/contacts/${userId}`, {
    method: 'DELETE',
    headers: bearer(token),
  });
}

export function handOver(env: AuthEnv, token: string, unitId: number, userId: number) {
  return postJson(env, `/api/units/${unitId}/primary-contact`, { userId }, bearer(token));
}

export function get(env: AuthEnv, path: string, token: string) {
  return env.server.get(path, { headers: bearer(token) });
}

/** [status, code] of an error answer. */
export function codeOf(res: { status: number; body: unknown }): [number, string] {
  return [res.status, errorBodySchema.parse(res.body).code];
}
