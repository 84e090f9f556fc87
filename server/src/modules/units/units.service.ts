import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  ErrorCode,
  type LevelCode,
  UNIT_STATUS_NAMES,
  type Unit,
  UnitError,
  type UnitListResponse,
  type UnitSummary,
  type UnitType,
  createUnitRequestSchema,
  maskPhone,
  type UnitStatus,
  unitStatusChangeRequestSchema,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import type { z } from 'zod';
import { AppError } from '../../common/app-error';
import { ContributesToMe, type MeContributor, type MeFacts } from '../../common/me-contributions';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { ResponseCache } from '../../state/response-cache';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../users/users.service';
import { UnitDepartures } from './departures';
import { type UnitFilters, applyUnitFilters, decodeCursor, encodeCursor, isPositiveId } from './unit-search';
import { UnitContactEntity } from './unit-contact.entity';
import { UnitStatusChangeEntity } from './unit-status-change.entity';
import { UnitEntity } from './unit.entity';
import { SeatLimitsService } from './seat-limits.service';
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

export type CreateUnitRequestParsed = z.output<typeof createUnitRequestSchema>;
export type UnitStatusChangeParsed = z.output<typeof unitStatusChangeRequestSchema>;

/** Every cached answer built from units (the public directory) lives under this prefix. */
export const UNITS_CACHE_PREFIX = 'units:';

/** The reasons the system writes into a unit's status history. */
export const STATUS_REASON = {
  approved: '入会申请获批',
  recorded: '工作人员录入',
  imported: '批量导入',
} as const;

/** Which status may follow which: suspension is undone, removal is final. */
const NEXT_STATUSES: Record<UnitStatus, UnitStatus[]> = {
  active: ['suspended', 'removed'],
  suspended: ['active', 'removed'],
  removed: [],
};

/** Seconds, as a MariaDB DATETIME keeps them: an answer shows the times every later read shows. */
function now(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

/** The branch works on Beijing time: a unit approved at 01:00 there joined that day. */
export function chinaDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
}

/** The one writer of `unit_contacts` and `unit_status_changes`, and of `units` but for spreadsheet imports (UnitImportService). */
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
    private readonly departures: UnitDepartures,
    private readonly cache: ResponseCache,
    private readonly seatLimits: SeatLimitsService,
  ) {}

  onModuleInit(): void {
    this.audit.nameTargets('unit', (ids) => this.namesOf(ids));
  }

  /**
   * Makes the member unit with its primary contact. Joins the caller's transaction (the approval):
   * the unit, its contact and the audit entry land with the approval or not at all.
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
        joinedOn: chinaDate(at),
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
    return unit;
  }

  /** Whether a unit with this credit code is a member now (not removed). */
  async isMember(creditCode: string): Promise<boolean> {
    return this.units.existsBy({ creditCode, status: In(['active', 'suspended']) });
  }

  async isContact(userId: number, unitId: number): Promise<boolean> {
    return this.contacts.existsBy({ userId, unitId });
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

  async exists(unitId: number): Promise<boolean> {
    return this.units.existsBy({ id: unitId });
  }

  async idByCreditCode(creditCode: string): Promise<number | null> {
    return (await this.units.findOneBy({ creditCode }))?.id ?? null;
  }

  // ——— staff ———

  /** Newest member first; the keyset is the id, so a page costs one indexed range read. */
  async list(
    ctx: SignedInContext,
    query: UnitFilters & { limit: number; cursor?: string },
  ): Promise<UnitListResponse> {
    authorize(this.policy, ctx, 'manage', undefined);
    const qb = this.units.createQueryBuilder('unit');
    applyUnitFilters(qb, query);
    if (query.cursor !== undefined) {
      qb.andWhere('unit.id < :before', { before: decodeCursor(query.cursor, isPositiveId) });
    }
    const rows = await qb
      .orderBy('unit.id', 'DESC')
      .limit(query.limit + 1)
      .getMany();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: await this.summaries(page),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null,
    };
  }

  /** The page's contact counts and primary names in one grouped read, whatever the page size. */
  private async summaries(rows: UnitEntity[]): Promise<UnitSummary[]> {
    const ids = rows.map((row) => row.id);
    const counts = ids.length
      ? await this.contacts
          .createQueryBuilder('contact')
          .select('contact.unitId', 'unitId')
          .addSelect('COUNT(*)', 'n')
          .addSelect('MAX(CASE WHEN contact.isPrimary = 1 THEN contact.name END)', 'primaryName')
          .where('contact.unitId IN (:...ids)', { ids })
          .groupBy('contact.unitId')
          .getRawMany<{ unitId: number | string; n: number | string; primaryName: string | null }>()
      : [];
    const byUnit = new Map(counts.map((row) => [Number(row.unitId), row]));
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      creditCode: row.creditCode,
      level: row.level,
      status: row.status,
      province: row.province,
      city: row.city,
      joinedOn: row.joinedOn,
      contactCount: Number(byUnit.get(row.id)?.n ?? 0),
      primaryContactName: byUnit.get(row.id)?.primaryName ?? null,
    }));
  }

  /**
   * Records a unit that joined before this system, without contacts: staff invite its first one.
   * The directory forgets its cached pages once the unit has committed.
   */
  async create(ctx: SignedInContext, body: CreateUnitRequestParsed): Promise<Unit> {
    const id = await this.insertRecorded(ctx, body);
    await this.directoryChanged();
    return this.get(ctx, id);
  }

  /**
   * A credit code on record is refused whatever its status; two requests with one code at once
   * collide on the unique index, and the loser's rerun finds the winner's unit and is refused.
   */
  @RetryOnConflict()
  @Transactional()
  private async insertRecorded(ctx: SignedInContext, body: CreateUnitRequestParsed): Promise<number> {
    authorize(this.policy, ctx, 'manage', undefined);
    if (await this.units.existsBy({ creditCode: body.creditCode })) {
      throw new AppError(UnitError.CreditCodeTaken);
    }
    const at = now();
    const unit = await this.units.save(this.units.create({ ...body, status: 'active', createdAt: at }));
    await this.statusChanges.insert({
      unitId: unit.id,
      status: 'active',
      reason: STATUS_REASON.recorded,
      actorId: ctx.user.id,
      at,
    });
    await this.audit.record(ctx, {
      action: 'unit.created',
      target: { type: 'unit', id: unit.id },
      detail: `${unit.name}（${unit.creditCode}）`,
    });
    return unit.id;
  }

  /** Suspends, restores or removes a unit; the same status again changes and records nothing. */
  async changeStatus(ctx: SignedInContext, id: number, change: UnitStatusChangeParsed): Promise<Unit> {
    if (await this.applyStatus(ctx, id, change)) await this.directoryChanged();
    return this.get(ctx, id);
  }

  /**
   * The row lock makes two changes of one unit run one after the other, each deciding on what the
   * other committed. Suspension and removal tell the features built on membership (group entry)
   * who no longer speaks for a member, in this transaction: the consequence lands with the change.
   */
  @RetryOnConflict()
  @Transactional()
  private async applyStatus(
    ctx: SignedInContext,
    id: number,
    change: UnitStatusChangeParsed,
  ): Promise<boolean> {
    authorize(this.policy, ctx, 'manage', undefined);
    await lockRows(this.units, [id]);
    const unit = await this.units.findOneBy({ id });
    if (!unit) throw new AppError(ErrorCode.NotFound);
    if (unit.status === change.status) return false;
    if (!NEXT_STATUSES[unit.status].includes(change.status)) throw new AppError(UnitError.WrongStatus);
    const at = now();
    await this.units.update({ id }, { status: change.status });
    await this.statusChanges.insert({
      unitId: id,
      status: change.status,
      reason: change.reason,
      actorId: ctx.user.id,
      at,
    });
    await this.audit.record(ctx, {
      action: 'unit.status_changed',
      target: { type: 'unit', id },
      detail: `${UNIT_STATUS_NAMES[unit.status]} → ${UNIT_STATUS_NAMES[change.status]}：${change.reason}`,
    });
    if (change.status !== 'active') {
      const contacts = await this.contacts.findBy({ unitId: id });
      await this.departures.announce({
        unitId: id,
        userIds: contacts.map((contact) => contact.userId),
        reason: change.status === 'suspended' ? 'unit_suspended' : 'unit_removed',
      });
    }
    return true;
  }

  /**
   * Forgets every cached page built from units, in every replica. Call it after the change has
   * committed (a reader in between would cache the old rows again): features that make units
   * inside their own transaction (an approval) call it after theirs.
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
