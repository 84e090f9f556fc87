import { noticeSchema } from '@itss/shared';
import { person } from '../support/joining';
import { type RouteAccess, STAFF } from '../support/role-matrix';
import { sendNotice } from './support';

const NOTICE = { title: '会员交流会通知', text: '本周五下午召开会员交流会。', audience: { kind: 'all' } };
let sequence = 0;

/** Notices are staff's alone; members meet them in 消息. */
export const ACCESS: RouteAccess[] = [
  { method: 'POST', route: '/api/notices', allowed: STAFF, body: () => Promise.resolve(NOTICE) },
  { method: 'GET', route: '/api/notices', allowed: STAFF },
  {
    method: 'GET',
    route: '/api/notices/:id',
    allowed: STAFF,
    path: async (env) => {
      const staff = await person(env, `o_notice_matrix_staff_${sequence++}`, ['staff']);
      const { id } = noticeSchema.parse((await sendNotice(env, staff.token, NOTICE)).body);
      return `/api/notices/${id}`;
    },
  },
];
