import { setupStaffToken } from '../support/joining';
import { ownerToken } from '../support/joining-access';
import { type RouteAccess, SIGNED_IN, STAFF } from '../support/role-matrix';
import { memberBill, transfer } from '../payments/bills';

/** A bill's money routes: staff record a bank transfer; a contact of its unit pays by WeChat Pay. */
export const ACCESS: RouteAccess[] = [
  {
    method: 'POST',
    route: '/api/dues/bills/:id/payments',
    allowed: STAFF,
    path: async (env) =>
      `/api/dues/bills/${(await memberBill(env, await setupStaffToken(env))).bill.id}/payments`,
    body: () => Promise.resolve(transfer(100_000)),
  },
  {
    method: 'POST',
    route: '/api/dues/bills/:id/wechat-pay',
    allowed: SIGNED_IN,
    // The caller's own unit's bill; anyone else's, staff included, is 404 (payments/wechat-pay.e2e-spec.ts).
    path: async (env, caller) => {
      const { bill } = await memberBill(env, await setupStaffToken(env), {
        token: await ownerToken(env, caller),
      });
      return `/api/dues/bills/${bill.id}/wechat-pay`;
    },
  },
];
