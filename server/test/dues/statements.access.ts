import { STATEMENT_COLUMNS } from '@itss/shared';
import type { AuthEnv } from '../support/auth-env';
import { setupStaffToken } from '../support/joining';
import { type RouteAccess, STAFF } from '../support/role-matrix';
import { billFor, reference, statementForm, statementXlsx, uploaded } from './statements';

/** A statement of one credit without a remittance code: nothing to credit, one line to assign. */
async function statementBytes(): Promise<Buffer> {
  return statementXlsx([['2026-01-15', '100.00', '某公司', '会费', reference()]], [...STATEMENT_COLUMNS]);
}

/** A statement uploaded by staff for setup, whoever the caller is: the matrix checks the role only. */
async function statementId(env: AuthEnv): Promise<number> {
  return (await uploaded(env, await setupStaffToken(env), await statementBytes())).id;
}

export const ACCESS: RouteAccess[] = [
  { method: 'GET', route: '/api/dues/statements/template', allowed: STAFF },
  {
    method: 'POST',
    route: '/api/dues/statements',
    allowed: STAFF,
    body: async () => statementForm(await statementBytes(), '银行流水.xlsx'),
  },
  {
    method: 'GET',
    route: '/api/dues/statements/:id',
    allowed: STAFF,
    path: async (env) => `/api/dues/statements/${await statementId(env)}`,
  },
  {
    method: 'POST',
    route: '/api/dues/statements/:id/confirm',
    allowed: STAFF,
    path: async (env) => `/api/dues/statements/${await statementId(env)}/confirm`,
  },
  {
    method: 'POST',
    route: '/api/dues/statements/:id/lines/:line/assign',
    allowed: STAFF,
    path: async (env) => `/api/dues/statements/${await statementId(env)}/lines/2/assign`,
    body: async (env) => ({ billId: (await billFor(env, '北京指定账单测试有限公司')).id }),
  },
];
