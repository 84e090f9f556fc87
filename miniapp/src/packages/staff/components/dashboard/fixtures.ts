import type { Dashboard } from '@itss/shared';

/** A dashboard answer with a little of everything, as GET /api/dashboard gives it. */
export const dashboard: Dashboard = {
  range: { from: '2026-01-01', to: '2026-12-07' },
  generatedAt: '2026-12-07T06:30:00.000Z',
  units: {
    byLevelStatus: [
      { level: 'member', status: 'active', count: 12 },
      { level: 'member', status: 'suspended', count: 2 },
      { level: 'committee', status: 'active', count: 5 },
      { level: 'president', status: 'active', count: 1 },
    ],
    byMonth: [
      { month: '2026-10', joined: 3, left: 0 },
      { month: '2026-11', joined: 4, left: 1 },
      { month: '2026-12', joined: 1, left: 0 },
    ],
  },
  applications: {
    byCampaignMonth: [
      {
        campaignId: 1,
        campaignName: '2026 秋季招募',
        month: '2026-10',
        submitted: 6,
        approved: 4,
        rejected: 1,
      },
      {
        campaignId: null,
        campaignName: '直接申请',
        month: '2026-11',
        submitted: 3,
        approved: 1,
        rejected: 0,
      },
    ],
    totals: { submitted: 9, approved: 5, rejected: 1, pending: 3 },
  },
  articles: {
    byCategory: [
      { category: 'notice', published: 4, reads: 320 },
      { category: 'policy', published: 0, reads: 0 },
      { category: 'case_study', published: 2, reads: 75 },
    ],
  },
  groups: { codesShown: 17, todos: { open: 2, done: 9 } },
  dues: {
    collectedFen: 1_300_000,
    outstandingFen: 600_000,
    byMonth: [
      { month: '2026-10', collectedFen: 300_000 },
      { month: '2026-11', collectedFen: 1_000_000 },
      { month: '2026-12', collectedFen: 0 },
    ],
  },
  events: null,
};

/** The same range with nothing in it: every figure empty. */
export const emptyDashboard: Dashboard = {
  ...dashboard,
  units: { byLevelStatus: [], byMonth: [{ month: '2026-12', joined: 0, left: 0 }] },
  applications: { byCampaignMonth: [], totals: { submitted: 0, approved: 0, rejected: 0, pending: 0 } },
  articles: { byCategory: [{ category: 'notice', published: 0, reads: 0 }] },
  groups: { codesShown: 0, todos: { open: 0, done: 0 } },
  dues: { collectedFen: 0, outstandingFen: 0, byMonth: [{ month: '2026-12', collectedFen: 0 }] },
};
