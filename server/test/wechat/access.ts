import { EVERYONE, type RouteAccess } from '../support/role-matrix';
import { mediaVerdict, signedQuery } from './support';

/** WeChat calls these with no session, only its signature: everyone with a valid one gets through. */
export const ACCESS: RouteAccess[] = [
  {
    method: 'GET',
    route: '/api/wechat/push',
    allowed: EVERYONE,
    path: () =>
      Promise.resolve(`/api/wechat/push?${new URLSearchParams({ ...signedQuery(), echostr: 'e' })}`),
  },
  {
    method: 'POST',
    route: '/api/wechat/push',
    allowed: EVERYONE,
    path: () => Promise.resolve(`/api/wechat/push?${new URLSearchParams(signedQuery())}`),
    body: () => Promise.resolve(mediaVerdict('no-such-trace', 'pass')),
  },
];
