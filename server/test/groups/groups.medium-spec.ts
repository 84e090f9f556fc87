import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { LevelCode } from '@itss/shared';
import type { SignedInContext } from '../../src/common/request-context';
import { GroupCodeEntity, GroupRemovalEntity, GroupTodoEntity } from '../../src/modules/groups/group.entity';
import { GroupCodesService } from '../../src/modules/groups/group-codes.service';
import { GroupEntryService } from '../../src/modules/groups/group-entry.service';
import { GroupsService } from '../../src/modules/groups/groups.service';
import { MessageEntity } from '../../src/modules/notifications/notification.entity';
import { UnitDepartures } from '../../src/modules/units/departures';
import { UnitContactEntity } from '../../src/modules/units/unit-contact.entity';
import { UnitsService } from '../../src/modules/units/units.service';
import { UsersService } from '../../src/modules/users/users.service';
import { TEST_DB } from '../support/harness';
import { PNG, validCreditCode } from '../support/joining';
import { type MediumEnv, startMedium } from '../support/medium';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const plus = (from: Date, ms: number): Date => new Date(from.getTime() + ms);

describe(`group entry rules on ${TEST_DB}`, () => {
  let env: MediumEnv;
  let groups: GroupsService;
  let codes: GroupCodesService;
  let entry: GroupEntryService;
  let desk: SignedInContext;
  let sequence = 0;
  beforeAll(async () => {
    env = await startMedium();
    groups = env.app.get(GroupsService);
    codes = env.app.get(GroupCodesService);
    entry = env.app.get(GroupEntryService);
    desk = await env.actor('o_medium_desk', ['staff']);
    await env.actor('o_medium_admin', ['staff', 'admin']);
  });
  afterAll(() => env.close());

  const todos = () => env.dataSource.getRepository(GroupTodoEntity);
  const messages = () => env.dataSource.getRepository(MessageEntity);

  async function groupWithCode(expiresAt?: Date): Promise<number> {
    const group = await groups.create(desk, { name: `到期提醒群${sequence++}`, minLevel: 'member' });
    await codes.uploadCode(desk, group.id, () =>
      Promise.resolve({ bytes: PNG, contentType: 'image/png', expiresAt: expiresAt?.toISOString() }),
    );
    return group.id;
  }

  /** A unit's primary contact, made as an approval makes one. */
  async function contact(level: LevelCode = 'member'): Promise<{ ctx: SignedInContext; unitId: number }> {
    const ctx = await env.actor(`o_medium_contact_${sequence++}`);
    const unit = await env.app.get(UnitsService).createFromApplication(
      desk,
      {
        name: '上海测试科技股份有限公司',
        creditCode: validCreditCode(),
        unitType: 'enterprise',
        province: '上海市',
        city: '浦东新区',
        level,
      },
      { userId: ctx.user.id, name: '王五', title: null },
    );
    return { ctx, unitId: unit.id };
  }

  describe('checkExpiringCodes(now)', () => {
    it('warns once per code within a day of expiry: one to-do, one message per staff member, never twice', async () => {
      const now = new Date();
      const groupId = await groupWithCode();
      const staffIds = await env.app.get(UsersService).idsWithAnyRole(['staff', 'admin']);
      expect(staffIds).toHaveLength(2);
      expect(await codes.checkExpiringCodes(now)).toBe(0);
      expect(await codes.checkExpiringCodes(plus(now, 5 * DAY))).toBe(0);

      const dayBefore = plus(now, 6 * DAY + HOUR);
      expect(await codes.checkExpiringCodes(dayBefore)).toBe(1);
      expect(await codes.checkExpiringCodes(dayBefore)).toBe(0);
      expect(await codes.checkExpiringCodes(plus(now, 8 * DAY))).toBe(0);
      expect(await todos().countBy({ groupId, kind: 'code_expiring' })).toBe(1);

      const sent = await messages().findBy({ purpose: 'group_code_expiring' });
      expect(sent.map((message) => message.userId).sort()).toEqual([...staffIds].sort());
      // Neither has accepted the subscribe message: it is in 消息 only.
      expect(sent.map((message) => message.delivery)).toEqual(['no_credit', 'no_credit']);
      expect(sent[0]?.body).toContain('群二维码将于');
    });

    it('warns once when two replicas check at the same moment', async () => {
      const groupId = await groupWithCode(new Date(Date.now() + 2 * HOUR));
      const before = await messages().countBy({ purpose: 'group_code_expiring' });
      const now = new Date();
      const warned = await Promise.all([codes.checkExpiringCodes(now), codes.checkExpiringCodes(now)]);
      expect(warned[0] + warned[1]).toBe(1);
      expect(await todos().countBy({ groupId, kind: 'code_expiring' })).toBe(1);
      expect(await messages().countBy({ purpose: 'group_code_expiring' })).toBe(before + 2);
      const code = await env.dataSource.getRepository(GroupCodeEntity).findOneByOrFail({ groupId });
      expect(code.warnedAt).not.toBeNull();
    });

    it('does not warn about an archived group’s code or a replaced one', async () => {
      const archived = await groupWithCode();
      await groups.update(desk, archived, { archived: true });
      const renewed = await groupWithCode();
      await codes.uploadCode(desk, renewed, () =>
        Promise.resolve({ bytes: PNG, contentType: 'image/png', expiresAt: undefined }),
      );
      const later = plus(new Date(), 6 * DAY + 12 * HOUR);
      // Only the renewed group's current code is due; its first code was replaced.
      expect(await codes.checkExpiringCodes(later)).toBe(1);
      expect(await todos().countBy({ groupId: archived })).toBe(0);
      expect(await todos().countBy({ groupId: renewed, kind: 'code_expiring' })).toBe(1);
    });
  });

  describe('the departures listener', () => {
    it('lists, inside the departure’s transaction, each person shown a code with its reason; drops their to-dos', async () => {
      const shown = await groupWithCode();
      const noCode = (await groups.create(desk, { name: `无码群${sequence++}`, minLevel: 'member' })).id;
      const { ctx: primary, unitId } = await contact();
      const colleague = await env.actor(`o_medium_colleague_${sequence++}`);
      await env.dataSource.getRepository(UnitContactEntity).insert({
        unitId,
        userId: colleague.user.id,
        name: '赵六',
        title: null,
        isPrimary: false,
        createdAt: new Date(),
      });
      await entry.entry(primary);
      expect(await todos().countBy({ groupId: noCode, userId: primary.user.id })).toBe(1);

      const host = TransactionHost.getInstance<TransactionalAdapterTypeOrm>();
      const departures = env.app.get(UnitDepartures);
      const departure = {
        unitId,
        userIds: [primary.user.id, colleague.user.id],
        reason: 'contact_left' as const,
      };
      await expect(
        host.withTransaction(async () => {
          await departures.announce(departure);
          throw new Error('the change that announced it failed');
        }),
      ).rejects.toThrow('failed');
      const removals = env.dataSource.getRepository(GroupRemovalEntity);
      expect(await removals.countBy({ unitId })).toBe(0);

      await host.withTransaction(() => departures.announce(departure));
      const listed = await removals.findBy({ unitId });
      expect(listed.length).toBeGreaterThan(0);
      for (const row of listed) {
        expect([row.userId, row.reason, row.nickname]).toEqual([
          primary.user.id,
          'contact_left',
          '测试科技-王五',
        ]);
      }
      expect(listed.map((row) => row.groupId)).toContain(shown);
      expect(listed.map((row) => row.groupId)).not.toContain(noCode);
      expect(await todos().countBy({ userId: primary.user.id })).toBe(0);

      await host.withTransaction(() => departures.announce(departure));
      expect(await removals.countBy({ unitId })).toBe(listed.length);
    });
  });
});
