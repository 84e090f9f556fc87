import { handbookFeesFen } from '../../src/modules/dues/dues-fees.service';
import { setupStaffToken } from '../support/joining';
import { type Caller, type RouteAccess, SIGNED_IN, STAFF } from '../support/role-matrix';
import type { AuthEnv } from '../support/auth-env';
import { unitOf } from '../units/access';
import { thisYear, unitWithBill } from './dues-support';

/** An open bill for staff to act on; for anyone else an id that looks like one (the role refuses first). */
async function billPath(env: AuthEnv, caller: Caller, action = ''): Promise<string> {
  const id = STAFF.includes(caller.persona)
    ? (await unitWithBill(env, await setupStaffToken(env))).bill.id
    : 1;
  return `/api/dues/bills/${id}${action}`;
}

const SETTINGS = {
  accountName: '信息技术服务分会',
  bankName: '示例银行北京分行',
  accountNumber: '1100 2233 4455',
  dueMonthDay: '03-31',
  openMonthDay: '01-01',
};

export const ACCESS: RouteAccess[] = [
  {
    method: 'GET',
    route: '/api/units/:id/bills',
    allowed: SIGNED_IN,
    // The caller's own unit's bills; anyone else's are 404 (dues/bills.e2e-spec.ts).
    path: async (env, caller) => `/api/units/${await unitOf(env, caller)}/bills`,
  },
  { method: 'GET', route: '/api/dues/fees', allowed: STAFF },
  {
    method: 'PUT',
    route: '/api/dues/fees/:year',
    allowed: STAFF,
    path: () => Promise.resolve(`/api/dues/fees/${thisYear() + 2}`),
    body: () => Promise.resolve({ feesFen: handbookFeesFen() }),
  },
  // Every signed-in person: the member page shows the account.
  { method: 'GET', route: '/api/dues/settings', allowed: SIGNED_IN },
  {
    method: 'PUT',
    route: '/api/dues/settings',
    allowed: STAFF,
    body: () => Promise.resolve(SETTINGS),
  },
  {
    method: 'POST',
    route: '/api/dues/years/:year/bills',
    allowed: STAFF,
    path: () => Promise.resolve(`/api/dues/years/${thisYear()}/bills`),
    body: () => Promise.resolve({}),
  },
  { method: 'GET', route: '/api/dues/bills', allowed: STAFF },
  { method: 'GET', route: '/api/dues/bills/export.xlsx', allowed: STAFF },
  {
    method: 'GET',
    route: '/api/dues/bills/:id',
    allowed: STAFF,
    path: (env, caller) => billPath(env, caller),
  },
  {
    method: 'POST',
    route: '/api/dues/bills/:id/waive',
    allowed: STAFF,
    path: (env, caller) => billPath(env, caller, '/waive'),
    body: () => Promise.resolve({ reason: '困难企业减免' }),
  },
  {
    method: 'POST',
    route: '/api/dues/bills/:id/void',
    allowed: STAFF,
    path: (env, caller) => billPath(env, caller, '/void'),
    body: () => Promise.resolve({ reason: '重复生成' }),
  },
  { method: 'GET', route: '/api/dues/summary', allowed: STAFF },
];
