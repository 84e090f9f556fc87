import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { ContactError, ErrorCode, type Unit } from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { type Notification, NotificationsService } from '../notifications/notifications.service';
import { type ContactRelation, ContactsPolicy } from './contacts.policy';
import { UnitDepartures } from './departures';
import { UnitJoinRequestEntity } from './join-request.entity';
import { UnitRosterEntity } from './seat-limit.entity';
import { SeatLimitsService } from './seat-limits.service';
import { UnitContactEntity } from './unit-contact.entity';
import { UnitEntity } from './unit.entity';
import { UnitsService } from './units.service';

/** A colleague as the primary contact reads them: the name they gave, and their title if any. */
export function colleagueName(name: string, title: string | null | undefined): string {
  return title ? `${name}（${title}）` : name;
}

/** A person becoming a contact: who, and the name and title they gave. */
export interface Newcomer {
  userId: number;
  name: string;
  title: string | null;
}

/**
 * The roster: who speaks for a unit. Contacts are added here (by invite or approved request),
 * removed or leave, and hand the primary role over. Every change to a unit's contacts locks the
 * unit's roster row first, so the seat count, "a person is a contact of one unit" and "exactly one
 * primary contact" are decided on what the previous change committed.
 */
@Injectable()
export class ContactsService {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(UnitContactEntity) private readonly contacts: Repository<UnitContactEntity>,
    @InjectRepository(UnitJoinRequestEntity) private readonly requests: Repository<UnitJoinRequestEntity>,
    @InjectRepository(UnitRosterEntity) private readonly rosters: Repository<UnitRosterEntity>,
    private readonly policy: ContactsPolicy,
    private readonly seatLimits: SeatLimitsService,
    private readonly unitsService: UnitsService,
    private readonly audit: AuditService,
    private readonly departures: UnitDepartures,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Tells the unit's primary contact about a colleague who joined or asked to, in the caller's
   * transaction; no one when the unit has no primary contact or the colleague just became it.
   */
  async tellPrimaryContact(unitId: number, colleagueId: number, notification: Notification): Promise<void> {
    const primary = await this.contacts.findOneBy({ unitId, isPrimary: true });
    if (primary && primary.userId !== colleagueId) {
      await this.notifications.notify(primary.userId, notification);
    }
  }

  /**
   * The primary contact or staff remove a contact; a contact removes themself (leaves). The primary
   * contact stays until they hand the role over. Whoever was shown a group's code is announced, in
   * this transaction, for staff to take out of the group.
   */
  @RetryOnConflict()
  @Transactional()
  async removeContact(ctx: SignedInContext, unitId: number, userId: number): Promise<void> {
    const { unit } = await this.unitFor(ctx, unitId, 'see');
    await this.lockRoster(unitId);
    const { relation } = await this.unitFor(ctx, unitId, 'see');
    const leaving = userId === ctx.user.id && relation.isContact;
    authorize(this.policy, ctx, leaving ? 'leave' : 'manage', relation);
    const contact = await this.contacts.findOneBy({ unitId, userId });
    if (!contact) throw new AppError(ContactError.NotAContact);
    if (contact.isPrimary) throw new AppError(ContactError.PrimaryCannotLeave);
    await this.contacts.delete({ id: contact.id });
    await this.rosters.update({ id: unitId }, { changedAt: now() });
    await this.audit.record(ctx, {
      action: leaving ? 'contact.left' : 'contact.removed',
      target: { type: 'unit', id: unitId },
      detail: `${contact.name}（${unit.name}）`,
    });
    await this.departures.announce({ unitId, userIds: [userId], reason: 'contact_left' });
  }

  /**
   * Hands the primary role to another contact of the unit, under the roster lock, so exactly one
   * contact is primary whatever runs at once: of two hand-overs by the primary contact, the second
   * finds the caller no longer primary. Answers the unit as the caller now sees it.
   */
  @RetryOnConflict()
  @Transactional()
  async handOver(ctx: SignedInContext, unitId: number, userId: number): Promise<Unit> {
    await this.unitFor(ctx, unitId, 'manage');
    await this.lockRoster(unitId);
    await this.unitFor(ctx, unitId, 'manage');
    const roster = await this.contacts.findBy({ unitId });
    const next = roster.find((contact) => contact.userId === userId);
    if (!next) throw new AppError(ContactError.NotAContact);
    if (next.isPrimary) return this.unitsService.get(ctx, unitId);
    const previous = roster.filter((contact) => contact.isPrimary);
    if (previous.length > 0) {
      await this.contacts.update({ id: In(previous.map((contact) => contact.id)) }, { isPrimary: false });
    }
    await this.contacts.update({ id: next.id }, { isPrimary: true });
    await this.rosters.update({ id: unitId }, { changedAt: now() });
    await this.audit.record(ctx, {
      action: 'contact.primary_handed_over',
      target: { type: 'unit', id: unitId },
      detail: `${previous.map((contact) => contact.name).join('、') || '无'} → ${next.name}`,
    });
    return this.unitsService.get(ctx, unitId);
  }

  /**
   * The unit and the caller's place in it, refused for `action`: 404 to anyone who may not learn it
   * exists, 403 to a contact who may see it but not do this.
   */
  async unitFor(
    ctx: SignedInContext,
    unitId: number,
    action: 'see' | 'manage',
  ): Promise<{ unit: UnitEntity; relation: ContactRelation }> {
    const unit = await this.units.findOneBy({ id: unitId });
    const mine = unit ? await this.contacts.findOneBy({ userId: ctx.user.id }) : null;
    const isContact = mine?.unitId === unitId;
    const relation = { isContact, isPrimary: isContact && mine.isPrimary };
    authorize(this.policy, ctx, 'see', relation, { hide: true });
    if (!unit) throw new AppError(ErrorCode.NotFound);
    if (action === 'manage') authorize(this.policy, ctx, 'manage', relation);
    return { unit, relation };
  }

  /** Makes the unit's roster row on first use, then locks it until the transaction ends. */
  async lockRoster(unitId: number): Promise<void> {
    // A concurrent first use collides on the key; the rerun finds the row and waits on its lock.
    if (!(await this.rosters.existsBy({ id: unitId }))) {
      await this.rosters.insert({ id: unitId, changedAt: now() });
    }
    await lockRows(this.rosters, [unitId]);
  }

  /** A seat check without the lock: to refuse early what the locked check would refuse later. */
  async refuseIfFull(unit: UnitEntity): Promise<void> {
    const used = await this.contacts.countBy({ unitId: unit.id });
    if (used >= (await this.seatLimits.limitFor(unit.level))) throw new AppError(ContactError.SeatsFull);
  }

  /**
   * Adds a contact under the roster lock: a person is a contact of one unit (the unique user_id
   * decides between two units at once), an active unit only, within its seats; the first contact
   * of a unit that has none becomes its primary contact. Any join request the person still has
   * open is withdrawn with it.
   */
  async admit(ctx: SignedInContext, unitId: number, newcomer: Newcomer): Promise<UnitEntity> {
    await this.lockRoster(unitId);
    // The unit row too, after the roster (a status change takes it alone, so no cycle): a suspension
    // committing at this moment is either seen here or waits until this contact is in, and then
    // announces them with the others.
    await lockRows(this.units, [unitId]);
    const unit = await this.units.findOneByOrFail({ id: unitId });
    if (await this.contacts.existsBy({ userId: newcomer.userId })) {
      throw new AppError(ContactError.AlreadyContact);
    }
    if (unit.status !== 'active') throw new AppError(ContactError.UnitNotActive);
    const roster = await this.contacts.findBy({ unitId });
    if (roster.length >= (await this.seatLimits.limitFor(unit.level))) {
      throw new AppError(ContactError.SeatsFull);
    }
    const at = now();
    await this.contacts.insert({
      unitId,
      userId: newcomer.userId,
      name: newcomer.name,
      title: newcomer.title,
      isPrimary: !roster.some((contact) => contact.isPrimary),
      createdAt: at,
    });
    await this.rosters.update({ id: unitId }, { changedAt: at });
    // A request the person still has open (they joined through an invite meanwhile) is moot.
    await this.requests.update(
      { openUserId: newcomer.userId },
      { state: 'withdrawn', openUserId: null, decidedAt: at, decidedBy: newcomer.userId },
    );
    await this.audit.record(ctx, {
      action: 'contact.joined',
      target: { type: 'unit', id: unitId },
      detail: `${newcomer.name}（${unit.name}）`,
    });
    return unit;
  }
}
