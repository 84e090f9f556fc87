import type { AssociationResponse } from '@itss/shared';

/**
 * The association's profile as first seeded, quoted from the member handbook
 * (docs/itss-member-handbook.md). After the first start it lives in the database, where staff edit it.
 */
export const HANDBOOK_PROFILE: AssociationResponse = {
  name: '中国电子工业标准化技术协会信息技术服务分会',
  shortName: 'ITSS 分会',
  introduction: [
    '中国电子工业标准化技术协会信息技术服务分会（简称 ITSS 分会）是 2013 年 6 月经民政部批准，2014 年 1 月 8 日成立，由全国信息技术服务业行业主管部门、企事业单位、高等院校、社团组织、行业用户等相关单位和个人自愿组成的信息技术服务行业社团组织。',
    'ITSS 分会在中国电子工业标准化技术协会的指导下，研究制定信息技术服务标准。力求标准服务于技术、产业发展，服务于市场需求，最终实现我国信息技术服务的标准化和国际化。',
    'ITSS 分会在中国电子工业标准化技术协会的领导下，充分发挥平台作用，认真做好信息技术服务标准的应用推广工作；加强自身能力建设，服务于会员单位发展；稳步推进 ITSS 标准的符合性评估，严把评估质量关。',
  ],
  businessScope: [
    {
      title: '标准研制',
      items: ['宣传贯彻行业主管部门、国家标准化主管部门的方针、政策、规章，推动信息技术服务标准研制工作；'],
    },
    {
      title: '标准应用推广',
      items: [
        '组织研究开发 ITSS 应用推广方案，推动企业和信息技术服务用户有效采用 ITSS；',
        '组织开展 ITSS 符合性评估、宣贯培训等应用推广工作；',
        '认定和管理 ITSS 符合性评估、培训、测试等机构和人员，培训和认定信息技术服务行业从业人员。',
      ],
    },
    {
      title: '产业相关政策研究',
      items: [
        '研究分析信息技术服务业发展现状和趋势，定期出版相关研究报告；',
        '针对信息技术服务业发展的重点和热点问题，支撑行业主管部门，研究分析政策需求，并提出相关建议。',
        '研究分析政府及行业用户的信息技术服务采购政策和标准规范，并提出相关建议。',
      ],
    },
    {
      title: '行业公共服务',
      items: [
        '搭建 ITSS 应用知识库、专家库和最佳实践库；',
        '搭建信息技术服务关键支撑工具和服务产品的标准符合性测试评价等技术平台，提供信息技术服务关键支撑工具和服务产品的测试评价服务；',
        '面向政府、企业、行业提供信息咨询服务。',
      ],
    },
    {
      title: '基础共性关键技术研发',
      items: ['结合信息技术服务业发展趋势，组织开展基础共性关键技术研发和应用推广。'],
    },
    {
      title: '国际国内交流与合作',
      items: ['与国际标准化组织、国际国内相关行业协会、科研院所等建立联系，开展相关交流与合作。'],
    },
  ],
  leadership: [
    { title: '会长', name: '林宁' },
    { title: '执行会长', name: '周一兵' },
    { title: '秘书长', name: '朵晶' },
    { title: '副秘书长', name: '崔静' },
    { title: '副秘书长', name: '李东梅' },
    { title: '副秘书长', name: '马洪杰' },
  ],
  membership: {
    composition:
      'ITSS 分会会员单位包括会长单位、副会长单位、委员单位、会员单位四个级别，凡是经国家批准的、具有法人资格、从事信息技术服务相关工作的企事业单位、高等院校、社会团体、以及行业用户，自愿提出申请、承认本分会工作守则，均可加入本分会。',
    contactRule:
      '本分会会员部负责会员单位的申请、维护及日常沟通。会员单位应指派一名稳定的联系人负责与本分会联系。',
    upgradeRule: '本分会会员升级均按照自愿的原则，可提出逐级升级。',
    removalRule:
      '违反本分会工作守则的相关规定，损害本分会及其他会员利益并造成严重后果的；或两个年度，没按时交纳会费的将对其予以退会或除名处理。',
    memberListNote: 'ITSS 分会的各级别会员单位名单可以通过 www.itss.cn 进行查询。',
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
