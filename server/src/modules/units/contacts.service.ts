import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  ContactError,
  type ContactIdentity,
  ErrorCode,
  INVITE_TTL_DAYS,
  type Invite,
  type InvitePreview,
  JOIN_REQUEST_STATE_NAMES,
  type JoinRequest,
  type JoinRequestDecision,
  type JoinRequestList,
  type JoinRequestState,
  type JoinedUnit,
  type Unit,
  maskPhone,
  MY_UNIT_PAGE,
  INVITE_PAGE,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UsersService } from '../users/users.service';
import { type ContactRelation, ContactsPolicy } from './contacts.policy';
import { UnitDepartures } from './departures';
import { UnitInviteEntity } from './invite.entity';
import { JoinThrottle } from './join-throttle';
import { UnitJoinRequestEntity } from './join-request.entity';
import { UnitRosterEntity } from './seat-limit.entity';
import { SeatLimitsService } from './seat-limits.service';
import { UnitContactEntity } from './unit-contact.entity';
import { UnitEntity } from './unit.entity';
import { UnitsService } from './units.service';

/** Now, in the whole seconds a MariaDB DATETIME keeps, so answers show what later reads show. */
function now(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

const DAY_MS = 24 * 60 * 60_000;
/** Who invited, to the invitee, when staff did: staff are not named to members. */
const STAFF_NAME = '会员服务部';
const invitePage = (token: string): string => `${INVITE_PAGE}?token=${token}`;

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A person becoming a contact: who, and the name and title they gave. */
interface Newcomer {
  userId: number;
  name: string;
  title: string | null;
}

/**
 * The people of a unit: invites, join requests, removal and hand-over. Every change to a unit's
 * contacts locks the unit's roster row first, so the seat count, "a person is a contact of one
 * unit" and "exactly one primary contact" are decided on what the previous change committed.
 */
@Injectable()
export class ContactsService {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(UnitContactEntity) private readonly contacts: Repository<UnitContactEntity>,
    @InjectRepository(UnitInviteEntity) private readonly invites: Repository<UnitInviteEntity>,
    @InjectRepository(UnitJoinRequestEntity) private readonly requests: Repository<UnitJoinRequestEntity>,
    @InjectRepository(UnitRosterEntity) private readonly rosters: Repository<UnitRosterEntity>,
    private readonly policy: ContactsPolicy,
    private readonly seatLimits: SeatLimitsService,
    private readonly unitsService: UnitsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly departures: UnitDepartures,
    private readonly joinThrottle: JoinThrottle,
  ) {}

  // ——— invites ———

  /** A single-use token for a share card; only its hash is kept. */
  @RetryOnConflict()
  @Transactional()
  async createInvite(ctx: SignedInContext, unitId: number): Promise<Invite> {
    const { unit, relation } = await this.unitFor(ctx, unitId, 'manage');
    if (unit.status !== 'active') throw new AppError(ContactError.UnitNotActive);
    await this.refuseIfFull(unit);
    const token = randomBytes(32).toString('base64url');
    const at = now();
    const expiresAt = new Date(at.getTime() + INVITE_TTL_DAYS * DAY_MS);
    const inviter = relation.isContact ? await this.contacts.findOneBy({ userId: ctx.user.id }) : null;
    await this.invites.insert({
      unitId,
      tokenHash: hashOf(token),
      createdBy: ctx.user.id,
      invitedByName: inviter?.name ?? STAFF_NAME,
      expiresAt,
      usedAt: null,
      usedBy: null,
      createdAt: at,
    });
    await this.audit.record(ctx, {
      action: 'contact.invited',
      target: { type: 'unit', id: unitId },
      detail: unit.name,
    });
    return { token, expiresAt: expiresAt.toISOString(), path: invitePage(token) };
  }

  async previewInvite(_ctx: SignedInContext, token: string): Promise<InvitePreview> {
    const invite = await this.invites.findOneBy({ tokenHash: hashOf(token) });
    this.refuseIfUnusable(invite);
    const unit = await this.units.findOneByOrFail({ id: invite.unitId });
    return {
      unit: { id: unit.id, name: unit.name },
      invitedBy: invite.invitedByName,
      expiresAt: invite.expiresAt.toISOString(),
    };
  }

  /**
   * Makes the caller a contact of the invite's unit and spends the invite, in one transaction. The
   * invite row is locked before it is read: of two acceptances at once, the second finds it used.
   */
  @RetryOnConflict()
  @Transactional()
  async acceptInvite(ctx: SignedInContext, token: string, identity: ContactIdentity): Promise<JoinedUnit> {
    const found = await this.invites.findOneBy({ tokenHash: hashOf(token) });
    if (!found) throw new AppError(ContactError.InviteNotFound);
    await lockRows(this.invites, [found.id]);
    const invite = await this.invites.findOneBy({ id: found.id });
    this.refuseIfUnusable(invite);
    const unit = await this.admit(ctx, invite.unitId, {
      userId: ctx.user.id,
      name: identity.name,
      title: identity.title || null,
    });
    await this.invites.update({ id: invite.id }, { usedAt: now(), usedBy: ctx.user.id });
    return { unit: { id: unit.id, name: unit.name } };
  }

  private refuseIfUnusable(invite: UnitInviteEntity | null): asserts invite is UnitInviteEntity {
    if (!invite) throw new AppError(ContactError.InviteNotFound);
    if (invite.usedAt) throw new AppError(ContactError.InviteUsed);
    if (invite.expiresAt.getTime() <= Date.now()) throw new AppError(ContactError.InviteExpired);
  }

  // ——— join requests ———

  /**
   * A colleague asks to join, proving it with the unit's credit code. A wrong code, a unit that
   * does not exist and one that is not active are refused alike, and counted against the person
   * and the unit id; an attempt whose code matched is given back.
   */
  async requestToJoin(
    ctx: SignedInContext,
    unitId: number,
    body: ContactIdentity & { creditCode: string },
  ): Promise<JoinRequest> {
    await this.joinThrottle.reserve(ctx.user.id, unitId);
    try {
      const request = await this.fileJoinRequest(ctx, unitId, body);
      await this.joinThrottle.giveBack(ctx.user.id, unitId);
      return request;
    } catch (error) {
      if (!(error instanceof AppError && error.code === ContactError.CreditCodeMismatch)) {
        await this.joinThrottle.giveBack(ctx.user.id, unitId);
      }
      throw error;
    }
  }

  @RetryOnConflict()
  @Transactional()
  private async fileJoinRequest(
    ctx: SignedInContext,
    unitId: number,
    body: ContactIdentity & { creditCode: string },
  ): Promise<JoinRequest> {
    if (await this.contacts.existsBy({ userId: ctx.user.id }))
      throw new AppError(ContactError.AlreadyContact);
    if (await this.requests.existsBy({ openUserId: ctx.user.id })) {
      throw new AppError(ContactError.JoinRequestOpen);
    }
    const unit = await this.units.findOneBy({ id: unitId });
    if (!unit || unit.status !== 'active' || unit.creditCode !== body.creditCode) {
      throw new AppError(ContactError.CreditCodeMismatch);
    }
    // Said now rather than after the primary contact's approval fails the same way.
    await this.refuseIfFull(unit);
    // Two requests at once collide on open_user_id; the loser's rerun finds the winner's and is refused.
    const row = this.requests.create({
      unitId,
      userId: ctx.user.id,
      openUserId: ctx.user.id,
      name: body.name,
      title: body.title || null,
      state: 'pending',
      createdAt: now(),
      decidedAt: null,
      decidedBy: null,
    });
    await this.requests.insert(row);
    return this.presentOne(row);
  }

  async listJoinRequests(
    ctx: SignedInContext,
    unitId: number,
    state: JoinRequestState | undefined,
  ): Promise<JoinRequestList> {
    await this.unitFor(ctx, unitId, 'manage');
    const rows = await this.requests.find({
      where: { unitId, ...(state && { state }) },
      order: { id: 'DESC' },
    });
    return { items: await this.present(rows) };
  }

  async myJoinRequests(ctx: SignedInContext): Promise<JoinRequestList> {
    const rows = await this.requests.find({ where: { userId: ctx.user.id }, order: { id: 'DESC' } });
    return { items: await this.present(rows) };
  }

  /** The decision, then the requester told: the WeChat message goes out after the commit. */
  async decideJoinRequest(
    ctx: SignedInContext,
    unitId: number,
    requestId: number,
    decision: JoinRequestDecision['decision'],
  ): Promise<JoinRequest> {
    const { request, messageId } = await this.decideAndRecord(ctx, unitId, requestId, decision);
    await this.notifications.deliver([messageId]);
    return request;
  }

  /**
   * Approval adds the contact under the seat and one-unit rules; the request row is locked before
   * its state is read, so a second decision at once finds it decided.
   */
  @RetryOnConflict()
  @Transactional()
  private async decideAndRecord(
    ctx: SignedInContext,
    unitId: number,
    requestId: number,
    decision: JoinRequestDecision['decision'],
  ): Promise<{ request: JoinRequest; messageId: number }> {
    const { unit } = await this.unitFor(ctx, unitId, 'manage');
    await this.lockRoster(unitId);
    // The primary contact may have handed the role over while this waited for the lock.
    await this.unitFor(ctx, unitId, 'manage');
    await lockRows(this.requests, [requestId]);
    const row = await this.requests.findOneBy({ id: requestId });
    if (!row || row.unitId !== unitId) throw new AppError(ErrorCode.NotFound);
    if (row.state !== 'pending') throw new AppError(ContactError.JoinRequestDecided);
    const at = now();
    row.state = decision === 'approve' ? 'approved' : 'declined';
    row.openUserId = null;
    row.decidedAt = at;
    row.decidedBy = ctx.user.id;
    await this.requests.save(row);
    if (decision === 'approve') {
      await this.admit(ctx, unitId, { userId: row.userId, name: row.name, title: row.title });
    }
    await this.audit.record(ctx, {
      action: `join_request.${row.state}`,
      target: { type: 'unit', id: unitId },
      detail: row.name,
    });
    const approved = row.state === 'approved';
    const messageId = await this.notifications.notify(row.userId, {
      purpose: 'join_request_decision',
      title: approved ? '加入单位申请已通过' : '加入单位申请未通过',
      body: approved
        ? `您加入${unit.name}的申请已通过，可在“我的单位”中查看单位信息。`
        : `您加入${unit.name}的申请未通过。如有疑问，请联系单位主联系人。`,
      page: approved ? MY_UNIT_PAGE : null,
      fields: { unitName: unit.name, result: JOIN_REQUEST_STATE_NAMES[row.state], note: '', at },
    });
    return { request: await this.presentOne(row), messageId };
  }

  /** The requester takes back a pending request; withdrawing twice changes nothing. */
  @RetryOnConflict()
  @Transactional()
  async withdrawJoinRequest(ctx: SignedInContext, id: number): Promise<JoinRequest> {
    await lockRows(this.requests, [id]);
    const row = await this.requests.findOneBy({ id });
    authorize(
      this.policy,
      ctx,
      'withdraw',
      { isContact: false, isPrimary: false, isRequester: row?.userId === ctx.user.id },
      { hide: true },
    );
    if (!row) throw new AppError(ErrorCode.NotFound);
    if (row.state === 'withdrawn') return this.presentOne(row);
    if (row.state !== 'pending') throw new AppError(ContactError.JoinRequestDecided);
    row.state = 'withdrawn';
    row.openUserId = null;
    row.decidedAt = now();
    row.decidedBy = ctx.user.id;
    return this.presentOne(await this.requests.save(row));
  }

  // ——— contacts ———

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

  /** Hands the primary role to another contact of the unit; the unit as the caller now sees it. */
  async handOver(ctx: SignedInContext, unitId: number, userId: number): Promise<Unit> {
    await this.moveThePrimaryRole(ctx, unitId, userId);
    return this.unitsService.get(ctx, unitId);
  }

  /**
   * Under the roster lock, so exactly one contact is primary whatever runs at once: of two
   * hand-overs by the primary contact, the second finds the caller no longer primary.
   */
  @RetryOnConflict()
  @Transactional()
  private async moveThePrimaryRole(ctx: SignedInContext, unitId: number, userId: number): Promise<void> {
    await this.unitFor(ctx, unitId, 'manage');
    await this.lockRoster(unitId);
    await this.unitFor(ctx, unitId, 'manage');
    const roster = await this.contacts.findBy({ unitId });
    const next = roster.find((contact) => contact.userId === userId);
    if (!next) throw new AppError(ContactError.NotAContact);
    if (next.isPrimary) return;
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
  }

  // ——— shared steps ———

  /**
   * The unit and the caller's place in it, refused for `action`: 404 to anyone who may not learn it
   * exists, 403 to a contact who may see it but not do this.
   */
  private async unitFor(
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
  private async lockRoster(unitId: number): Promise<void> {
    // A concurrent first use collides on the key; the rerun finds the row and waits on its lock.
    if (!(await this.rosters.existsBy({ id: unitId }))) {
      await this.rosters.insert({ id: unitId, changedAt: now() });
    }
    await lockRows(this.rosters, [unitId]);
  }

  /** A seat check without the lock: to refuse early what the locked check would refuse later. */
  private async refuseIfFull(unit: UnitEntity): Promise<void> {
    const used = await this.contacts.countBy({ unitId: unit.id });
    if (used >= (await this.seatLimits.limitFor(unit.level))) throw new AppError(ContactError.SeatsFull);
  }

  /**
   * Adds a contact under the roster lock: a person is a contact of one unit (the unique user_id
   * decides between two units at once), an active unit only, within its seats; the first contact
   * of a unit that has none becomes its primary contact. Any join request the person still has
   * open is withdrawn with it.
   */
  private async admit(ctx: SignedInContext, unitId: number, newcomer: Newcomer): Promise<UnitEntity> {
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

  private async presentOne(row: UnitJoinRequestEntity): Promise<JoinRequest> {
    const [request] = await this.present([row]);
    if (!request) throw new Error(`join request ${row.id} could not be presented`);
    return request;
  }

  private async present(rows: UnitJoinRequestEntity[]): Promise<JoinRequest[]> {
    if (rows.length === 0) return [];
    const units = new Map(
      (await this.units.findBy({ id: In([...new Set(rows.map((row) => row.unitId))]) })).map((unit) => [
        unit.id,
        unit.name,
      ]),
    );
    const phones = new Map(
      (await this.users.findByIds([...new Set(rows.map((row) => row.userId))])).map((user) => [
        user.id,
        user.phone,
      ]),
    );
    return rows.map((row) => {
      const phone = phones.get(row.userId);
      return {
        id: row.id,
        unit: { id: row.unitId, name: units.get(row.unitId) ?? '' },
        name: row.name,
        title: row.title,
        phoneMasked: phone ? maskPhone(phone) : null,
        state: row.state,
        createdAt: row.createdAt.toISOString(),
        decidedAt: row.decidedAt?.toISOString() ?? null,
      };
    });
  }
}
