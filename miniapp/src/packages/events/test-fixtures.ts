import type { EventDetail, EventSummary, Me, Registration } from '@itss/shared';
import { visitor } from '@test/fixtures';

// Answers of the events routes shaped like the contract's, for the feature's specs.

export const TOKEN = 'token-member-0123456789abcdef';

/** A contact of an active member unit, with a bound phone. */
export const member: Me = {
  ...visitor,
  id: 3,
  displayName: '孙同事',
  phoneMasked: '139****5678',
  unit: {
    id: 9,
    name: '杭州云栈信息技术有限公司',
    level: 'member',
    status: 'active',
    isPrimaryContact: false,
  },
};

export const summary = (overrides: Partial<EventSummary> = {}): EventSummary => ({
  id: 11,
  kind: 'training',
  title: 'ITSS 运维标准宣贯培训（北京站）',
  summary: 'GB/T 28827 系列标准解读与实践',
  coverUrl: null,
  place: { mode: 'offline', address: '北京市海淀区中关村南大街 2 号' },
  startsAt: '2026-12-20T01:00:00.000Z',
  endsAt: '2026-12-20T09:00:00.000Z',
  memberOpensAt: '2026-12-01T01:00:00.000Z',
  publicOpensAt: '2026-12-05T01:00:00.000Z',
  closesAt: '2026-12-18T10:00:00.000Z',
  audience: 'everyone',
  state: 'published',
  membersFirst: true,
  priceFromFen: 0,
  priceToFen: 0,
  seatsLeft: 12,
  ...overrides,
});

export const detail = (overrides: Partial<EventDetail> = {}): EventDetail => ({
  ...summary(),
  description: '<p>本次培训解读 <strong>运维服务标准</strong>。</p>',
  levelOpensAt: {},
  prices: { member: 0, committee: 0, vice_president: 0, president: 0, non_member: 0 },
  refundFullUntilDays: 3,
  hours: 6,
  sessions: [
    {
      id: 31,
      title: '全天',
      startsAt: '2026-12-20T01:00:00.000Z',
      endsAt: '2026-12-20T09:00:00.000Z',
      capacity: 100,
      taken: 88,
      seatsLeft: 12,
      waitlisted: 0,
    },
  ],
  window: { state: 'open', opensAt: null, text: '' },
  myPriceFen: 0,
  myRegistrationIds: [],
  cancelReason: null,
  createdAt: '2026-11-20T01:00:00.000Z',
  ...overrides,
});

export const registration = (overrides: Partial<Registration> = {}): Registration => ({
  id: 71,
  eventId: 11,
  eventTitle: 'ITSS 运维标准宣贯培训（北京站）',
  eventKind: 'training',
  eventState: 'published',
  place: { mode: 'offline', address: '北京市海淀区中关村南大街 2 号' },
  sessionId: 31,
  sessionTitle: '全天',
  startsAt: '2026-12-20T01:00:00.000Z',
  endsAt: '2026-12-20T09:00:00.000Z',
  state: 'confirmed',
  position: null,
  holdExpiresAt: null,
  name: '孙同事',
  unitName: '杭州云栈信息技术有限公司',
  title: '运维经理',
  phoneMasked: null,
  bookingId: null,
  priceFen: 0,
  paidFen: 0,
  paymentId: null,
  ticketCode: '1z.AbCdEfGhIjKlMnOp',
  checkedInAt: null,
  invoice: null,
  certificateAvailable: false,
  surveyOpen: false,
  refundOnCancelFen: 0,
  createdAt: '2026-12-02T01:00:00.000Z',
  ...overrides,
});

export const notFound = { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } };
