import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  type LevelCode,
  UNIT_STATUS_NAMES,
  type Unit,
  UnitError,
  type UnitStatus,
  type UnitType,
  maskPhone,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { afterCommit } from '../../common/after-commit';
import { AppError } from '../../common/app-error';
import { ContributesToMe, type MeContributor, type MeFacts } from '../../common/me-contributions';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { beijingDate, now } from '../../common/time';
import { lockRows } from '../../database/locks';
import { ResponseCache } from '../../state/response-cache';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../users/users.service';
import { UnitContactEntity } from './unit-contact.entity';
import { UnitStatusChangeEntity } from './unit-status-change.entity';
import { UnitEntity } from './unit.entity';
import { SeatLimitsService } from './seat-limits.service';
import { applyUnitFilters } from './unit-search';
import { UnitsPolicy } from './units.policy';

/** What an approved application makes a unit of. */
export interface NewUnit {
  name: string;
  creditCode: string;
  unitType: UnitType;
  province: string;
  city: string;
  level: LevelCode;
}

/** The person an approved application makes the unit's primary contact. */
export interface FirstContact {
  userId: number;
  name: string;
  title: string | null;
}

/** What a person is to their unit, for features that build on membership (group entry). */
export interface Membership {
  unitId: number;
  unitName: string;
  level: LevelCode;
  status: UnitStatus;
  contactName: string;
  isPrimary: boolean;
}

/** Every cached answer built from units (the public directory) lives under this prefix. */
export const UNITS_CACHE_PREFIX = 'units:';

/** The reasons the system writes into a unit's status history. */
export const STATUS_REASON = {
  approved: '入会申请获批',
  recorded: '工作人员录入',
  imported: '批量导入',
} as const;

/**
 * The member units as other features see them (membership, names, the unit page) and the unit an
 * approved application makes. Staff's list, records and status changes are UnitAdminService's,
 * spreadsheet imports UnitImportService's, contacts ContactsService's.
 */
@Injectable()
@ContributesToMe()
export class UnitsService implements OnModuleInit, MeContributor {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(UnitContactEntity) private readonly contacts: Repository<UnitContactEntity>,
    @InjectRepository(UnitStatusChangeEntity)
    private readonly statusChanges: Repository<UnitStatusChangeEntity>,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly policy: UnitsPolicy,
    private readonly cache: ResponseCache,
    private readonly seatLimits: SeatLimitsService,
  ) {}

  onModuleInit(): void {
    this.audit.nameTargets('unit', (ids) => this.namesOf(ids));
  }

  /**
   * Makes the member unit with its primary contact. Joins the caller's transaction (the approval):
   * the unit, its contact and the audit entry land with the approval or not at all, and the
   * directory forgets its cached pages once the approval has committed.
   */
  async createFromApplication(
    actor: SignedInContext,
    fields: NewUnit,
    primary: FirstContact,
  ): Promise<UnitEntity> {
    // A removed unit applies again under its credit code: it rejoins as the same unit, so its
    // status history tells the whole story and the credit code stays unique.
    const removed = await this.units.findOneBy({ creditCode: fields.creditCode, status: 'removed' });
    if (removed) await lockRows(this.units, [removed.id]);
    const taken = await this.contacts.findOneBy({ userId: primary.userId });
    // A contact of the removed unit itself (its contacts stay attached for its page) may apply for it.
    if (taken && taken.unitId !== removed?.id) throw new AppError(UnitError.ContactTaken);
    const at = now();
    const unit = await this.units.save(
      Object.assign(removed ?? this.units.create({ createdAt: at }), {
        ...fields,
        status: 'active' as const,
        joinedOn: beijingDate(at),
      }),
    );
    // The removed unit's former contacts left when it was removed (their departure was announced
    // then); the rejoined unit starts with the applicant as its one primary contact.
    if (removed) await this.contacts.delete({ unitId: unit.id });
    await this.contacts.insert({
      unitId: unit.id,
      userId: primary.userId,
      name: primary.name,
      title: primary.title,
      isPrimary: true,
      createdAt: at,
    });
    // The system's entry, not the reviewer's: the approval itself is in the application's history.
    await this.statusChanges.insert({
      unitId: unit.id,
      status: 'active',
      reason: STATUS_REASON.approved,
      actorId: null,
      at,
    });
    await this.audit.record(
      actor,
      removed
        ? {
            action: 'unit.status_changed',
            target: { type: 'unit', id: unit.id },
            detail: `${UNIT_STATUS_NAMES.removed} → ${UNIT_STATUS_NAMES.active}：${STATUS_REASON.approved}`,
          }
        : {
            action: 'unit.created',
            target: { type: 'unit', id: unit.id },
            detail: `${unit.name}（${unit.creditCode}）`,
          },
    );
    await afterCommit(() => this.directoryChanged());
    return unit;
  }

  /** Whether a unit with this credit code is a member now (not removed). */
  async isMember(creditCode: string): Promise<boolean> {
    return this.units.existsBy({ creditCode, status: In(['active', 'suspended']) });
  }

  async isContact(userId: number, unitId: number): Promise<boolean> {
    return this.contacts.existsBy({ userId, unitId });
  }

  /** The people who speak for a unit (its contacts' user ids), e.g. to tell them about its dues. */
  async contactUserIds(unitId: number): Promise<number[]> {
    const rows = await this.contacts.find({ where: { unitId }, order: { id: 'ASC' } });
    return rows.map((row) => row.userId);
  }

  /** The contacts' user ids of many units at once, by unit id. */
  async contactUserIdsOf(unitIds: readonly number[]): Promise<Map<number, number[]>> {
    const byUnit = new Map<number, number[]>();
    const unique = [...new Set(unitIds)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.contacts.find({
        where: { unitId: In(unique.slice(i, i + 500)) },
        order: { id: 'ASC' },
      });
      for (const row of rows) byUnit.set(row.unitId, [...(byUnit.get(row.unitId) ?? []), row.userId]);
    }
    return byUnit;
  }

  /** The unit the person is a contact of, with their place in it; null for anyone else. */
  async membershipOf(userId: number): Promise<Membership | null> {
    const contact = await this.contacts.findOneBy({ userId });
    const unit = contact ? await this.units.findOneBy({ id: contact.unitId }) : null;
    if (!contact || !unit) return null;
    return {
      unitId: unit.id,
      unitName: unit.name,
      level: unit.level,
      status: unit.status,
      contactName: contact.name,
      isPrimary: contact.isPrimary,
    };
  }

  /** Units' names by id, in one read, for features listing records about units. */
  async namesOf(ids: number[]): Promise<Map<number, string>> {
    const rows = ids.length ? await this.units.findBy({ id: In([...new Set(ids)]) }) : [];
    return new Map(rows.map((unit) => [unit.id, unit.name]));
  }

  /**
   * The units that owe a year's dues: every one not removed (a suspended unit still owes) that had
   * joined by `joinedBy` (the year's last day), oldest first.
   */
  async billable(joinedBy: string): Promise<{ id: number; level: LevelCode }[]> {
    return this.units
      .createQueryBuilder('unit')
      .select(['unit.id', 'unit.level'])
      .where('unit.status <> :removed', { removed: 'removed' })
      .andWhere('unit.joinedOn <= :joinedBy', { joinedBy })
      .orderBy('unit.id', 'ASC')
      .getMany();
  }

  /** Ids of the units whose name contains `text` (the staff lists' search), at most `limit`. */
  async idsByName(text: string, limit: number): Promise<number[]> {
    const qb = this.units.createQueryBuilder('unit').select('unit.id');
    applyUnitFilters(qb, { q: text }, { byCreditCode: false });
    return (await qb.orderBy('unit.id', 'ASC').limit(limit).getMany()).map((unit) => unit.id);
  }

  async exists(unitId: number): Promise<boolean> {
    return this.units.existsBy({ id: unitId });
  }

  async idByCreditCode(creditCode: string): Promise<number | null> {
    return (await this.units.findOneBy({ creditCode }))?.id ?? null;
  }

  /** A unit's row, or null (the standing feature's decisions read level and status). */
  async find(unitId: number): Promise<UnitEntity | null> {
    return this.units.findOneBy({ id: unitId });
  }

  /**
   * Locks the unit's row until the transaction ends and reads it: decisions on one unit (its
   * removal, its level) run one after the other.
   */
  async lockAndFind(unitId: number): Promise<UnitEntity | null> {
    await lockRows(this.units, [unitId]);
    return this.units.findOneBy({ id: unitId });
  }

  /** Name, level and status of many units by id, a few hundred ids per read. */
  async factsOf(ids: readonly number[]): Promise<Map<number, Pick<UnitEntity, 'name' | 'level' | 'status'>>> {
    const unique = [...new Set(ids)];
    const facts = new Map<number, Pick<UnitEntity, 'name' | 'level' | 'status'>>();
    for (let i = 0; i < unique.length; i += 1000) {
      const rows = await this.units.find({
        select: { id: true, name: true, level: true, status: true },
        where: { id: In(unique.slice(i, i + 1000)) },
      });
      for (const row of rows) facts.set(row.id, { name: row.name, level: row.level, status: row.status });
    }
    return facts;
  }

  /** The member (not removed) holding a level, the first by id: the 会长单位 for 'president'. */
  async holderOf(level: LevelCode): Promise<UnitEntity | null> {
    return this.units.findOne({
      where: { level, status: In(['active', 'suspended']) },
      order: { id: 'ASC' },
    });
  }

  /**
   * Sets a unit's level (a level change approved, or one falling due), in the caller's transaction;
   * the caller keeps the level's history. The directory forgets its pages once it has committed.
   */
  async changeLevel(unitId: number, level: LevelCode): Promise<void> {
    await this.units.update({ id: unitId }, { level });
    await afterCommit(() => this.directoryChanged());
  }

  /**
   * Forgets every cached page built from units, in every replica: after the change has committed
   * (`afterCommit`), or a reader in between would cache the old rows again.
   */
  async directoryChanged(): Promise<void> {
    await this.cache.invalidate(UNITS_CACHE_PREFIX);
  }

  async get(ctx: SignedInContext, id: number): Promise<Unit> {
    const unit = await this.units.findOneBy({ id });
    const isContact = unit !== null && (await this.isContact(ctx.user.id, id));
    authorize(this.policy, ctx, 'read', { isContact }, { hide: true });
    if (!unit) throw new AppError(ErrorCode.NotFound);
    const contacts = await this.contacts.find({
      where: { unitId: id },
      order: { isPrimary: 'DESC', id: 'ASC' },
    });
    const people = new Map(
      (await this.users.findByIds(contacts.map((contact) => contact.userId))).map((user) => [user.id, user]),
    );
    const history = await this.statusChanges.find({ where: { unitId: id }, order: { id: 'DESC' } });
    const staffIds = [
      ...new Set(history.flatMap((change) => (change.actorId === null ? [] : [change.actorId]))),
    ];
    const staffNames = new Map(
      (await this.users.findByIds(staffIds)).map((user) => [user.id, user.displayName]),
    );
    const primary = contacts.find((contact) => contact.isPrimary);
    const primaryPerson = primary ? people.get(primary.userId) : undefined;
    return {
      id: unit.id,
      name: unit.name,
      creditCode: unit.creditCode,
      unitType: unit.unitType,
      province: unit.province,
      city: unit.city,
      level: unit.level,
      status: unit.status,
      joinedOn: unit.joinedOn,
      isPrimaryContact: primary?.userId === ctx.user.id,
      primaryContact:
        primary && primaryPerson
          ? {
              displayName: primary.name,
              phoneMasked: primaryPerson.phone ? maskPhone(primaryPerson.phone) : null,
            }
          : null,
      contacts: contacts.map((contact) => {
        const phone = people.get(contact.userId)?.phone;
        return {
          userId: contact.userId,
          name: contact.name,
          title: contact.title,
          phoneMasked: phone ? maskPhone(phone) : null,
          isPrimary: contact.isPrimary,
          joinedAt: contact.createdAt.toISOString(),
        };
      }),
      seats: { used: contacts.length, limit: await this.seatLimits.limitFor(unit.level) },
      statusHistory: history.map((change) => ({
        status: change.status,
        reason: change.reason,
        at: change.at.toISOString(),
        // A staff member's account may be gone; the change stays theirs, named by the department.
        by: change.actorId === null ? null : (staffNames.get(change.actorId) ?? '会员服务部'),
      })),
    };
  }

  /** `GET /api/me`'s `unit`: the unit the person is a contact of. */
  async factsAbout(actor: SignedInContext): Promise<MeFacts> {
    const membership = await this.membershipOf(actor.user.id);
    return {
      unit: membership && {
        id: membership.unitId,
        name: membership.unitName,
        level: membership.level,
        status: membership.status,
        isPrimaryContact: membership.isPrimary,
      },
    };
  }
}
