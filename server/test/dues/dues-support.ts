import { type Bill, billSchema, errorBodySchema } from '@itss/shared';
import { type AuthEnv, bearer, seedOf } from '../support/auth-env';
import { recordUnit, sheetRow, uploadSheet, workbookOf, confirmImport } from '../units/sheets';
import { unitImportPreviewSchema } from '@itss/shared';

/** The Beijing year now, as the server counts "this year". */
export function thisYear(): number {
  return Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4),
  );
}

/** The Beijing day `days` from today, YYYY-MM-DD. */
export function dayFromToday(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
}

/** Status and error code of an answer, for one-line expectations. */
export function codeOf(res: { status: number; body: unknown }): [number, string | undefined] {
  const parsed = errorBodySchema.safeParse(res.body);
  return [res.status, parsed.success ? parsed.data.code : undefined];
}

export function send(env: AuthEnv, token: string | null, method: string, path: string, body?: unknown) {
  return env.server.get(path, {
    method,
    headers: {
      ...(token ? bearer(token) : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/**
 * A unit recorded by staff and its bill for this year (the year opened for every unit that owes
 * it, as staff's button does).
 */
export async function unitWithBill(
  env: AuthEnv,
  staffToken: string,
  overrides: Parameters<typeof recordUnit>[2] = {},
): Promise<{ unitId: number; bill: Bill }> {
  const unit = await recordUnit(env, staffToken, overrides);
  await seedOf(env).openYearBills(staffToken, thisYear());
  const [bill] = await seedOf(env).billsOfUnit(staffToken, unit.id);
  if (!bill) throw new Error('no bill opened');
  return { unitId: unit.id, bill: billSchema.parse(bill) };
}

/** `count` units at once through the staff import (one transaction), as a branch moving in would. */
export async function importUnits(env: AuthEnv, staffToken: string, count: number, joinedOn = '2019-06-01') {
  const rows = Array.from({ length: count }, (_, i) =>
    sheetRow({ name: `批量示例单位${i + 1}有限公司`, joinedOn }),
  );
  const preview = await uploadSheet(env, staffToken, await workbookOf(rows));
  if (preview.status !== 200)
    throw new Error(`import preview ${preview.status}: ${JSON.stringify(preview.body)}`);
  const { importId } = unitImportPreviewSchema.parse(preview.body);
  const confirmed = await confirmImport(env, staffToken, importId);
  if (confirmed.status !== 200)
    throw new Error(`import confirm ${confirmed.status}: ${JSON.stringify(confirmed.body)}`);
}
