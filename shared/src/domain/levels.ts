/**
 * Membership levels, fees, rights and obligations, word for word from the member handbook
 * (docs/itss-member-handbook.md, sections 会员构成 / 会员权益 / 会员义务 / 会员服务内容).
 */

export const LEVEL_CODES = ['member', 'committee', 'vice_president', 'president'] as const;
export type LevelCode = (typeof LEVEL_CODES)[number];

export interface LevelDefinition {
  code: LevelCode;
  name: string;
  /** Whole yuan: the handbook only knows whole-yuan annual fees. */
  annualFeeYuan: number;
  /** Position in the upgrade path, lowest first. President and vice-president share a rights tier. */
  rank: number;
}

export const LEVELS: readonly LevelDefinition[] = [
  { code: 'member', name: '会员单位', annualFeeYuan: 3000, rank: 1 },
  { code: 'committee', name: '委员单位', annualFeeYuan: 10000, rank: 2 },
  { code: 'vice_president', name: '副会长单位', annualFeeYuan: 30000, rank: 3 },
  { code: 'president', name: '会长单位', annualFeeYuan: 30000, rank: 4 },
];

/** The three rights tiers of the handbook's table: 会员, 委员, 会长/副会长. */
export const RIGHT_TIERS = ['member', 'committee', 'leadership'] as const;
export type RightTier = (typeof RIGHT_TIERS)[number];

export const RIGHT_TIER_NAMES: Record<RightTier, string> = {
  member: '会员权益',
  committee: '委员权益',
  leadership: '会长/副会长权益',
};

/** The sentence the handbook puts before each tier's additional rights. */
export const RIGHT_TIER_PREAMBLES: Record<Exclude<RightTier, 'member'>, string> = {
  committee: '除可享受所有会员权益外，还可享受以下权益：',
  leadership: '除可享受所有委员权益外，还可享受以下权益：',
};

export const RIGHTS_BY_TIER: Record<RightTier, readonly string[]> = {
  member: [
    '享有本分会的选举权、被选举权和表决权；',
    '享有对本分会工作的批评、建议和监督权；',
    '享有参加分会委员代表大会；',
    '享有参加 ITSS 标准研制工作；',
    '享有优惠获得有关信息技术服务业的政策、标准、产业发展现状和趋势等信息服务；',
    '按照《商标法》的有关规定，合理、有效地使用 ITSS 商标；',
    '享有分会网站和微信平台同步宣传会员单位的权利；',
    '享有优先参加分会组织的人才培养计划；',
    '享有优先参与 ITSS 会议周活动；',
    '本分会规定的其他权益。',
  ],
  committee: [
    '可享受 ITSS 分会为委员提供的专项服务；',
    '可参与 ITSS 分会委员会决策；',
    '可承担 ITSS 研制修订，对标准草案进行表决。',
  ],
  leadership: [
    '参与重大事项决策；',
    '可享受 ITSS 分会为会长/副会长提供的专项服务；',
    '可指派代表担任 ITSS 分会下设的项目组组长或副组长。',
  ],
};

const TIERS_OF_LEVEL: Record<LevelCode, readonly RightTier[]> = {
  member: ['member'],
  committee: ['member', 'committee'],
  vice_president: ['member', 'committee', 'leadership'],
  president: ['member', 'committee', 'leadership'],
};

export interface Right {
  text: string;
  /** The tier that introduces this right; a level holds every right of its tiers. */
  tier: RightTier;
}

/** Every right a level holds, in the handbook's order: rights are cumulative by tier. */
export function rightsForLevel(level: LevelCode): Right[] {
  return TIERS_OF_LEVEL[level].flatMap((tier) => RIGHTS_BY_TIER[tier].map((text) => ({ text, tier })));
}

export function tiersOfLevel(level: LevelCode): readonly RightTier[] {
  return TIERS_OF_LEVEL[level];
}

export function levelByCode(code: LevelCode): LevelDefinition {
  const level = LEVELS.find((l) => l.code === code);
  if (!level) throw new RangeError(`unknown level ${String(code)}`);
  return level;
}

export const OBLIGATIONS: readonly string[] = [
  '遵守本分会工作守则和行业道德规范，执行本分会决议；',
  '维护本分会的合法权益和声誉；',
  '积极参加和支持本分会的各项活动，承担并完成本分会委托的工作；',
  '及时准确地提供本分会需要的信息和资料，积极参加研究、探讨信息技术服务标准化工作中的有关问题；',
  '积极参与 ITSS 实施方法论研发和应用推广，及时向分会反映情况，提出相关建议；',
  '按规定交纳会费。',
];

/** The handbook's member services, word for word. */
export const HANDBOOK_SERVICES: readonly string[] = [
  '提供有关信息技术服务业的政策、标准、产业发展现状和趋势等信息服务，',
  '开设会员风采专栏，展示会员单位的动态；',
  '开设优秀案例专栏，展示会员单位优秀应用案例；',
  '开展 ITSS 标准及其应用方案的宣贯培训，以及标准化基础知识培训；',
  '按照会员级别，开放 ITSS 应用知识库；开通会员知网账号（待定）；',
  '通过工作网站提供月报、会刊的订阅服务；',
  '向会员单位提供基本业务情况、重点服务产品的宣传服务；',
  '通过网络、论坛、沙龙等形式，组织会员单位之间进行讲座、交流；',
  '对会长/副会长、委员等高级别的会员单位提供专项服务。',
];

/**
 * Where the public wording of a service departs from the handbook's (handbook text → what is
 * shown): the first item ends as the others do, and the CNKI account the handbook marks 待定 is
 * said as the plan it is, since 待定 reads to a visitor as a promise not kept.
 */
export const SERVICE_REWORDINGS: ReadonlyMap<string, string> = new Map([
  [
    '提供有关信息技术服务业的政策、标准、产业发展现状和趋势等信息服务，',
    '提供有关信息技术服务业的政策、标准、产业发展现状和趋势等信息服务；',
  ],
  [
    '按照会员级别，开放 ITSS 应用知识库；开通会员知网账号（待定）；',
    '按照会员级别，开放 ITSS 应用知识库；计划开通会员知网账号；',
  ],
]);

/** The member services as 首页 shows them. */
export const SERVICES: readonly string[] = HANDBOOK_SERVICES.map(
  (text) => SERVICE_REWORDINGS.get(text) ?? text,
);
