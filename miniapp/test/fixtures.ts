import {
  LEVELS,
  OBLIGATIONS,
  RIGHT_TIERS,
  RIGHT_TIER_NAMES,
  RIGHT_TIER_PREAMBLES,
  SERVICES,
  rightsForLevel,
  type Application,
  type AssociationResponse,
  type Me,
  type LevelsResponse,
  type ObligationsResponse,
  type ServicesResponse,
} from '@itss/shared';
import { session } from '@/services/session';
import { request } from './taro-mock';

// Responses built from the contract's own constants, shaped exactly like the server's.
export const association: AssociationResponse = {
  name: '中国电子工业标准化技术协会信息技术服务分会',
  shortName: 'ITSS 分会',
  introduction: ['ITSS 分会是信息技术服务行业社团组织。', 'ITSS 分会研究制定信息技术服务标准。'],
  businessScope: [{ title: '标准研制', items: ['推动信息技术服务标准研制工作；'] }],
  leadership: [{ title: '会长', name: '林宁' }],
  membership: {
    composition: '具有法人资格、从事信息技术服务相关工作的单位，均可加入本分会。',
    contactRule: '会员单位应指派一名稳定的联系人负责与本分会联系。',
    upgradeRule: '本分会会员升级均按照自愿的原则，可提出逐级升级。',
    removalRule: '两个年度没按时交纳会费的将予以退会或除名处理。',
    memberListNote: '各级别会员单位名单可以通过 www.itss.cn 进行查询。',
  },
  contact: {
    department: '会员服务部',
    phones: ['010-68107418', '010-68107423'],
    email: 'hyfw@itss.cn',
    wechatAccount: 'China-ITSS',
    qqGroup: '237489856',
    wechatGroupNote: '仅限会员单位加入',
    website: 'www.itss.cn',
  },
};

export const levels: LevelsResponse = {
  items: LEVELS.map((level) => ({ ...level, rights: rightsForLevel(level.code) })),
  tiers: RIGHT_TIERS.map((tier) => ({
    tier,
    name: RIGHT_TIER_NAMES[tier],
    ...(tier === 'member' ? {} : { preamble: RIGHT_TIER_PREAMBLES[tier] }),
  })),
};

export const obligations: ObligationsResponse = {
  items: OBLIGATIONS.map((text, index) => ({ order: index + 1, text })),
};

export const services: ServicesResponse = {
  items: SERVICES.map((text, index) => ({ order: index + 1, text })),
};

export type Route = Record<string, { statusCode: number; data: unknown } | 'offline'>;

/** Answers Taro.request by path, like the server would; unknown paths get the contract's 404. */
export function serve(routes: Route): void {
  request.mockImplementation((options) => {
    const url = String(options.url);
    const path = url.replace(/^https:\/\/api\.test/, '');
    const answer = routes[path];
    if (answer === 'offline') return Promise.reject(new Error('request:fail timeout'));
    if (!answer)
      return Promise.resolve({ statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } });
    return Promise.resolve({ statusCode: answer.statusCode, data: answer.data as Record<string, unknown> });
  });
}

export const ok = (data: unknown) => ({ statusCode: 200, data });

export interface Call {
  method: string;
  path: string;
  token: string | null;
  data: unknown;
}
export type Answer = { statusCode: number; data: unknown } | 'offline';

/** Answers Taro.request through a function of the call (method, path, bearer token, body). */
export function serveBy(handler: (call: Call) => Answer): Call[] {
  const calls: Call[] = [];
  request.mockImplementation((options) => {
    const header = (options.header ?? {}) as Record<string, string>;
    const call: Call = {
      method: typeof options.method === 'string' ? options.method : 'GET',
      path: String(options.url).replace(/^https:\/\/api\.test/, ''),
      token: header.Authorization?.replace(/^Bearer /, '') ?? null,
      data: options.data,
    };
    calls.push(call);
    const answer = handler(call);
    if (answer === 'offline') return Promise.reject(new Error('request:fail timeout'));
    return Promise.resolve({ statusCode: answer.statusCode, data: answer.data as Record<string, unknown> });
  });
  return calls;
}

export const refused = (code: 'UNAUTHENTICATED' | 'SESSION_EXPIRED' = 'SESSION_EXPIRED') => ({
  statusCode: 401,
  data: { code, message: code === 'SESSION_EXPIRED' ? '登录已过期，请重新登录' : '请先登录' },
});

export const visitor: Me = {
  id: 1,
  displayName: '赵晓访',
  phoneMasked: null,
  roles: [],
  unit: null,
  can: { openStaffConsole: false, manageStaff: false, readAuditLog: false },
};

export const admin: Me = {
  id: 5,
  displayName: '周工作',
  phoneMasked: '138****0005',
  // The server's order; the app shows 工作人员 first.
  roles: ['admin', 'staff'],
  unit: null,
  can: { openStaffConsole: true, manageStaff: true, readAuditLog: true },
};

/** Already signed in as `me`, with no login to serve: staff pages open only to staff. */
export function signedInAs(me: Me): void {
  session.reset({ status: 'signedIn', me });
}

export const staffOnly: Me = {
  ...admin,
  id: 6,
  displayName: '吴员工',
  roles: ['staff'],
  can: { openStaffConsole: true, manageStaff: false, readAuditLog: true },
};

export const login = (user: Me, token = 'token-fresh-0123456789abcdef') => ({
  statusCode: 200,
  data: { token, expiresAt: '2026-12-01T00:00:00.000Z', user },
});

/** An application as GET /api/applications/:id answers its applicant, sent back for more. */
export const application: Application = {
  id: 42,
  state: 'needs_info',
  unitName: '北京数智运维科技有限公司',
  creditCode: '91110108MA01ABCD2X',
  unitType: 'enterprise',
  province: '广东省',
  city: '深圳市',
  address: '深圳市南山区科技园 1 号',
  legalRepresentative: '王立新',
  contact: { name: '李四海', title: '市场部经理', mobile: '13912345678', email: 'li@example.com' },
  level: 'committee',
  annualFeeYuan: 10000,
  businessDescription: '提供数据中心运维、IT 服务管理咨询与云平台运营服务，服务金融与政务客户。',
  itssConformityLevel: null,
  licence: { id: 7, name: '营业执照.pdf', size: 204800, contentType: 'application/pdf' },
  consents: { rulesVersion: '2026-11', privacyVersion: '2026-11' },
  campaign: { id: 3, name: '会议周展位' },
  submittedAt: '2026-11-20T02:00:00.000Z',
  updatedAt: '2026-11-21T03:30:00.000Z',
  history: [
    {
      state: 'submitted',
      at: '2026-11-20T02:00:00.000Z',
      by: { role: 'applicant', displayName: '李四海' },
      note: null,
    },
    {
      state: 'needs_info',
      at: '2026-11-21T03:30:00.000Z',
      by: { role: 'staff', displayName: '会员服务部' },
      note: '营业执照照片不清晰，请重新上传',
    },
  ],
  unit: null,
};
