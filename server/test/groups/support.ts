import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  type ApplicableLevel,
  type CreateGroupRequest,
  type Group,
  type RemovalReason,
  type UnitStatus,
  groupSchema,
} from '@itss/shared';
import { DataSource } from 'typeorm';
import { wholeSeconds } from '../../src/common/time';
import { APP_CONFIG, type AppConfig } from '../../src/config/config';
import {
  GroupCodeEntity,
  GroupRemovalEntity,
  GroupRevealEntity,
  GroupTodoEntity,
} from '../../src/modules/groups/group.entity';
import { UnitDepartures } from '../../src/modules/units/departures';
import { UnitEntity } from '../../src/modules/units/unit.entity';
import { type AuthEnv, bearer, postJson, seedOf } from '../support/auth-env';
import { PNG, person, setupStaffToken } from '../support/joining';

export { PNG };

/** The smallest JPEG header magic-bytes knows: what a phone's screenshot starts with. */
export const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

let sequence = 0;

export const ds = (env: AuthEnv) => env.server.app.get(DataSource);
export const codeRows = (env: AuthEnv) => ds(env).getRepository(GroupCodeEntity);
export const revealRows = (env: AuthEnv) => ds(env).getRepository(GroupRevealEntity);
export const todoRows = (env: AuthEnv) => ds(env).getRepository(GroupTodoEntity);
export const removalRows = (env: AuthEnv) => ds(env).getRepository(GroupRemovalEntity);

/** Every file under the upload folder: what group codes left on disk. */
export function filesOnDisk(env: AuthEnv): string[] {
  const { storage } = env.server.app.get<AppConfig>(APP_CONFIG);
  if (storage.type !== 'local') throw new Error('these tests read the local store');
  return readdirSync(storage.dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

export async function staff(env: AuthEnv, name = 'staff'): Promise<{ id: number; token: string }> {
  return person(env, `o_group_${name}_${sequence++}`, ['staff']);
}

export interface Member {
  id: number;
  token: string;
  unitId: number;
}

/**
 * The primary contact of an active unit at `level`: their application approved, as in production.
 * With `phone`, the person has bound that number.
 */
export async function member(
  env: AuthEnv,
  level: ApplicableLevel = 'committee',
  options: { token?: string; phone?: string } = {},
): Promise<Member> {
  const me = options.token
    ? { token: options.token, id: 0 }
    : await person(env, `o_group_member_${sequence++}`);
  const seed = seedOf(env);
  if (options.phone) await seed.bindPhone(me.token, options.phone);
  const { unit } = await seed.memberUnit(me.token, await setupStaffToken(env), { level });
  const contact = await ds(env).query<{ user_id: number }[]>(
    'SELECT user_id FROM unit_contacts WHERE unit_id = ?',
    [unit.id],
  );
  return { id: Number(contact[0]?.user_id), token: me.token, unitId: unit.id };
}

export async function createGroup(
  env: AuthEnv,
  token: string,
  body: Partial<CreateGroupRequest> = {},
): Promise<Group> {
  const res = await postJson(
    env,
    '/api/groups',
    { name: `会员交流群${sequence++}`, minLevel: 'member', ...body },
    bearer(token),
  );
  if (res.status !== 201) throw new Error(`create group: ${res.status} ${JSON.stringify(res.body)}`);
  return groupSchema.parse(res.body);
}

/** The multipart body of a code upload: the image in `file`, and `expiresAt` when given. */
export function codeForm(bytes: Buffer, expiresAt?: string, name = '群二维码.png'): FormData {
  const form = new FormData();
  if (expiresAt !== undefined) form.append('expiresAt', expiresAt);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name);
  return form;
}

export function putCode(env: AuthEnv, token: string, groupId: number, form: FormData) {
  return env.server.get(`/api/groups/${groupId}/code`, { method: 'PUT', headers: bearer(token), body: form });
}

export function uploadCode(
  env: AuthEnv,
  token: string,
  groupId: number,
  expiresAt?: string,
  bytes = PNG,
): Promise<Group> {
  return seedOf(env).uploadGroupCode(token, groupId, { bytes, expiresAt });
}

export function getJson(env: AuthEnv, path: string, token: string) {
  return env.server.get(path, { headers: bearer(token) });
}

/** A time in whole seconds, as the app's date and time picker sends it. */
export function hoursFromNow(hours: number): string {
  return wholeSeconds(new Date(Date.now() + hours * 3600_000)).toISOString();
}

/**
 * What the units feature does when staff change a unit's status: the new status and the departure
 * in one transaction (the route itself belongs to the units feature). `fail` rolls it back.
 */
export async function changeUnitStatus(
  env: AuthEnv,
  unitId: number,
  status: UnitStatus,
  userIds: number[],
  reason: RemovalReason,
  fail = false,
): Promise<void> {
  const host = TransactionHost.getInstance<TransactionalAdapterTypeOrm>();
  const departures = env.server.app.get(UnitDepartures);
  await host.withTransaction(async () => {
    await host.tx.getRepository(UnitEntity).update({ id: unitId }, { status });
    await departures.announce({ unitId, userIds, reason });
    if (fail) throw new Error('the status change failed after the departure was announced');
  });
}

/** The one to-do of a person for a group, as the database holds it. */
export async function todoOf(env: AuthEnv, userId: number, groupId: number): Promise<GroupTodoEntity> {
  const row = await todoRows(env).findOneBy({ userId, groupId });
  if (!row) throw new Error(`no to-do for user ${userId} in group ${groupId}`);
  return row;
}
