import type { ArrearsItem, LevelRequest, Me, UnitArrears, UnitStanding } from '@itss/shared';
import { visitor } from '@test/fixtures';

// Answers of the standing routes shaped like the contract's, for the feature's specs.

export const UNIT_ID = 9;
export const UNIT_NAME = '杭州云栈信息技术有限公司';

/** The unit's primary contact, as GET /api/me describes them. */
export const primary: Me = {
  ...visitor,
  id: 3,
  displayName: '李主联',
  unit: { id: UNIT_ID, name: UNIT_NAME, level: 'member', status: 'active', isPrimaryContact: true },
};

/** A colleague of the same unit who is not its primary contact. */
export const colleague: Me = {
  ...primary,
  id: 4,
  displayName: '孙同事',
  unit: { ...primary.unit!, isPrimaryContact: false },
};

export const standing = (overrides: Partial<UnitStanding> = {}): UnitStanding => ({
  unitId: UNIT_ID,
  level: 'member',
  status: 'active',
  standing: 'good',
  unpaidYears: [],
  outstandingFen: 0,
  removalProposed: false,
  currentYear: 2026,
  currentYearPaid: true,
  nextLevel: 'committee',
  canRequestLevelChange: true,
  blockedReason: null,
  openRequest: null,
  scheduledLevel: null,
  ...overrides,
});

export const levelRequest = (id: number, overrides: Partial<LevelRequest> = {}): LevelRequest => ({
  id,
  unitId: UNIT_ID,
  unitName: UNIT_NAME,
  fromLevel: 'member',
  toLevel: 'committee',
  direction: 'upgrade',
  state: 'open',
  reason: '单位业务规模扩大，希望参与标准研制',
  requestedByName: '李主联',
  createdAt: '2026-11-02T02:00:00.000Z',
  decidedAt: null,
  decidedByName: null,
  decisionReason: null,
  effectiveYear: 2026,
  differenceBillId: null,
  ...overrides,
});

export const arrearsItem = (unitId: number, overrides: Partial<ArrearsItem> = {}): ArrearsItem => ({
  unitId,
  unitName: `北京数智运维科技有限公司${unitId}`,
  level: 'member',
  status: 'active',
  unpaidYears: [2024, 2025],
  outstandingFen: 600000,
  removalProposed: true,
  ...overrides,
});

export const unitArrears = (overrides: Partial<UnitArrears> = {}): UnitArrears => ({
  ...arrearsItem(UNIT_ID, { unitName: UNIT_NAME }),
  bills: [2025, 2024].map((year) => ({
    id: 40 + year - 2024,
    unitId: UNIT_ID,
    unitName: UNIT_NAME,
    year,
    level: 'member' as const,
    amountFen: 300000,
    paidFen: 0,
    status: 'unpaid' as const,
    dueDate: `${year}-03-31`,
    overdue: true,
    remittanceCode: `HZ${year}QX`,
    receipt: null,
    createdAt: `${year}-01-01T00:00:00.000Z`,
  })),
  reminders: [
    { billId: 41, year: 2025, sentAt: '2025-04-07T01:00:00.000Z', channel: 'message', recipientCount: 2 },
  ],
  removal: null,
  ...overrides,
});
