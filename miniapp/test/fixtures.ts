import {
  LEVELS,
  OBLIGATIONS,
  RIGHT_TIERS,
  RIGHT_TIER_NAMES,
  RIGHT_TIER_PREAMBLES,
  SERVICES,
  rightsForLevel,
  type AssociationResponse,
  type LevelsResponse,
  type ObligationsResponse,
  type ServicesResponse,
} from '@itss/shared';
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
