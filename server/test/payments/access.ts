import { setupStaffToken } from '../support/joining';
import { ownerToken } from '../support/joining-access';
import { EVERYONE, type RouteAccess, SIGNED_IN, STAFF } from '../support/role-matrix';
import { memberBill, paidByWechat, transfer, wechatOrder } from './bills';
import { notification, paidResource } from './wechatpay';

/** The signature headers of the notification the last `body` made (the matrix asks headers after the body). */
let signedHeaders: Record<string, string> = {};

/**
 * Payments' routes, and dues' money routes (`/api/dues/bills/:id/{payments,wechat-pay}`). WeChat
 * Pay is on in the matrix's server (its stand-in), so the routes answer as in production.
 */
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
    // The caller's own unit's bill; anyone else's, staff included, is 404 (wechat-pay.e2e-spec.ts).
    path: async (env, caller) => {
      const { bill } = await memberBill(env, await setupStaffToken(env), {
        token: await ownerToken(env, caller),
      });
      return `/api/dues/bills/${bill.id}/wechat-pay`;
    },
  },
  {
    method: 'POST',
    route: '/api/payments/:id/sync',
    allowed: SIGNED_IN,
    // The caller's own order; anyone else's is 404 (wechat-pay.e2e-spec.ts).
    path: async (env, caller) => {
      const token = await ownerToken(env, caller);
      const { bill } = await memberBill(env, await setupStaffToken(env), { token });
      return `/api/payments/${(await wechatOrder(env, bill.id, token)).paymentId}/sync`;
    },
  },
  {
    method: 'POST',
    route: '/api/payments/:id/refunds',
    allowed: STAFF,
    path: async (env) =>
      `/api/payments/${(await paidByWechat(env, await setupStaffToken(env))).paymentId}/refunds`,
    body: () => Promise.resolve({ amountFen: 100, reason: '重复缴费退回' }),
  },
  {
    method: 'POST',
    route: '/api/payments/wechat/notify',
    // WeChat Pay has no session: believed by its signature alone (notify.e2e-spec.ts).
    allowed: EVERYONE,
    body: () => {
      const sent = notification('TRANSACTION.SUCCESS', paidResource('PMATRIXUNKNOWN', 100));
      signedHeaders = sent.headers;
      return Promise.resolve(JSON.parse(sent.body) as unknown);
    },
    headers: () => signedHeaders,
  },
];
