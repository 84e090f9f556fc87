import type { Application, ApplicationSummary, Campaign } from '@itss/shared';

// Staff-side answers shaped like the server's, for the review pages' specs.
export const summary = (id: number, overrides: Partial<ApplicationSummary> = {}): ApplicationSummary => ({
  id,
  state: 'submitted',
  unitName: `北京数智运维科技有限公司${id}`,
  level: 'committee',
  contactName: '钱联络',
  contactMobileMasked: '139****0002',
  campaign: { id: 3, name: '2026 会议周展位' },
  submittedAt: '2026-03-05T06:07:00.000Z',
  updatedAt: '2026-03-05T06:07:00.000Z',
  creditCodeChecksumValid: true,
  ...overrides,
});

export const application = (overrides: Partial<Application> = {}): Application => ({
  id: 41,
  state: 'submitted',
  unitName: '北京数智运维科技有限公司',
  creditCode: '91110108MA01XXXX1A',
  unitType: 'enterprise',
  province: '北京市',
  city: '北京市',
  address: '北京市海淀区中关村大街 1 号',
  legalRepresentative: '孙法人',
  contact: { name: '钱联络', title: '市场总监', mobile: '13900000002', email: 'qian@example.com' },
  level: 'committee',
  annualFeeYuan: 10000,
  businessDescription: '提供信息系统运行维护、IT 服务管理咨询与数据中心托管服务。',
  itssConformityLevel: '2',
  licence: { id: 9, name: '营业执照.png', size: 204800, contentType: 'image/png' },
  consents: { rulesVersion: '2026-11', privacyVersion: '2026-11' },
  campaign: { id: 3, name: '2026 会议周展位' },
  submittedAt: '2026-03-05T06:07:00.000Z',
  updatedAt: '2026-03-05T06:07:00.000Z',
  history: [
    {
      state: 'submitted',
      at: '2026-03-05T06:07:00.000Z',
      by: { role: 'applicant', displayName: '钱联络' },
      note: null,
    },
  ],
  creditCodeChecksumValid: true,
  unit: null,
  ...overrides,
});

export const campaign = (id: number, name: string, overrides: Partial<Campaign> = {}): Campaign => ({
  id,
  name,
  scene: `c${id}abcdef`,
  createdAt: '2026-03-01T02:00:00.000Z',
  funnel: { scans: 12, started: 7, submitted: 4, approved: 2 },
  ...overrides,
});
