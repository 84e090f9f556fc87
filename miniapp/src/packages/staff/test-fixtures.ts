import { ok, serveBy, type Answer, type Call } from '@test/fixtures';
import type { Group, GroupRemoval, GroupTodo, JoinRequest, Unit, UnitSummary } from '@itss/shared';

// Staff answers of the units and groups routes shaped like the server's, for the staff pages' specs.
export const unitSummary = (id: number, overrides: Partial<UnitSummary> = {}): UnitSummary => ({
  id,
  name: `北京数智运维科技有限公司${id}`,
  creditCode: '91110108MA01ABCD2X',
  level: 'committee',
  status: 'active',
  province: '北京市',
  city: '北京市',
  joinedOn: '2019-06-01',
  contactCount: 2,
  primaryContactName: '李主联',
  ...overrides,
});

export const unit = (overrides: Partial<Unit> = {}): Unit => ({
  id: 8,
  name: '北京数智运维科技有限公司',
  creditCode: '91110108MA01ABCD2X',
  unitType: 'enterprise',
  province: '广东省',
  city: '深圳市',
  level: 'committee',
  status: 'active',
  joinedOn: '2019-06-01',
  isPrimaryContact: false,
  primaryContact: { displayName: '李主联', phoneMasked: '139****0002' },
  contacts: [
    {
      userId: 21,
      name: '李主联',
      title: '市场总监',
      phoneMasked: '139****0002',
      isPrimary: true,
      joinedAt: '2026-03-05T06:07:00.000Z',
    },
    {
      userId: 22,
      name: '王同事',
      title: null,
      phoneMasked: '138****0003',
      isPrimary: false,
      joinedAt: '2026-04-01T01:00:00.000Z',
    },
  ],
  seats: { used: 2, limit: 5 },
  statusHistory: [{ status: 'active', reason: '入会申请通过', at: '2026-03-05T06:07:00.000Z', by: null }],
  ...overrides,
});

export const group = (id: number, overrides: Partial<Group> = {}): Group => ({
  id,
  name: `ITSS 会员交流${id}群`,
  minLevel: 'member',
  note: null,
  archived: false,
  code: null,
  revealedCount: 0,
  ...overrides,
});

export const todo = (id: number, overrides: Partial<GroupTodo> = {}): GroupTodo => ({
  id,
  kind: 'add_member',
  group: { id: 1, name: 'ITSS 会员交流1群' },
  person: {
    name: '王同事',
    unitName: '北京数智运维科技有限公司',
    nickname: '数智运维-王同事',
    phoneMasked: '138****0003',
  },
  createdAt: '2026-11-20T02:00:00.000Z',
  doneAt: null,
  doneBy: null,
  ...overrides,
});

export const removal = (id: number, overrides: Partial<GroupRemoval> = {}): GroupRemoval => ({
  id,
  group: { id: 1, name: 'ITSS 会员交流1群' },
  name: '王同事',
  unitName: '北京数智运维科技有限公司',
  nickname: '数智运维-王同事',
  reason: 'unit_suspended',
  createdAt: '2026-11-21T02:00:00.000Z',
  doneAt: null,
  doneBy: null,
  ...overrides,
});

export const joinRequest = (id: number, overrides: Partial<JoinRequest> = {}): JoinRequest => ({
  id,
  unit: { id: 8, name: '北京数智运维科技有限公司' },
  name: '赵申请',
  title: '工程师',
  phoneMasked: '137****0004',
  state: 'pending',
  createdAt: '2026-11-22T02:00:00.000Z',
  decidedAt: null,
  ...overrides,
});

/** Serves a task list (to-dos, removals): GETs answer the open or the done page, writes `write`. */
export function serveTasks<Task>(open: Task[], done: Task[], write: (call: Call) => Answer): Call[] {
  return serveBy((call) =>
    call.method !== 'GET'
      ? write(call)
      : ok({ items: call.path.endsWith('done=true') ? done : open, open: open.length }),
  );
}
