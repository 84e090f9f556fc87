import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  ContactError,
  type ContactIdentity,
  ErrorCode,
  JOIN_REQUEST_STATE_MACHINE,
  JOIN_REQUEST_STATE_NAMES,
  type JoinRequest,
  type JoinRequestDecision,
  type JoinRequestList,
  type JoinRequestState,
  canTransition,
  maskPhone,
  MY_UNIT_PAGE,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UsersService } from '../users/users.service';
import { ContactsPolicy } from './contacts.policy';
import { ContactsService, colleagueName } from './contacts.service';
import { JoinThrottle } from './join-throttle';
import { UnitJoinRequestEntity } from './join-request.entity';
import { UnitContactEntity } from './unit-contact.entity';
import { UnitEntity } from './unit.entity';

/**
 * Join requests: a colleague asks to join a unit, proving it with the credit code; the primary
 * contact or staff decide, or the requester withdraws.
 */
@Injectable()
export class JoinRequestsService {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(UnitContactEntity) private readonly contacts: Repository<UnitContactEntity>,
    @InjectRepository(UnitJoinRequestEntity) private readonly requests: Repository<UnitJoinRequestEntity>,
    private readonly policy: ContactsPolicy,
    private readonly roster: ContactsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly joinThrottle: JoinThrottle,
  ) {}

  /**
   * A colleague asks to join, proving it with the unit's credit code. A wrong code, a unit that
   * does not exist and one that is not active are refused alike, and counted against the person
   * and the unit id; an attempt whose code matched is given back, and the unit's count never
   * refuses a matching code.
   */
  async requestToJoin(
    ctx: SignedInContext,
    unitId: number,
    body: ContactIdentity & { creditCode: string },
  ): Promise<JoinRequest> {
    await this.joinThrottle.reserve(ctx.user.id);
    try {
      const request = await this.fileJoinRequest(ctx, unitId, body);
      await this.joinThrottle.giveBack(ctx.user.id);
      return request;
    } catch (error) {
      if (!(error instanceof AppError && error.code === ContactError.CreditCodeMismatch)) {
        await this.joinThrottle.giveBack(ctx.user.id);
        throw error;
      }
      await this.joinThrottle.failedFor(unitId);
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
    await this.roster.refuseIfFull(unit);
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
    await this.roster.tellPrimaryContact(unitId, ctx.user.id, {
      purpose: 'join_request_received',
      title: '有同事申请加入单位',
      body: `${colleagueName(row.name, row.title)}申请成为${unit.name}的联系人，请在“我的单位”中同意或拒绝。`,
      page: MY_UNIT_PAGE,
      fields: { unitName: unit.name, name: row.name, at: row.createdAt },
    });
    return this.presentOne(row);
  }

  async listJoinRequests(
    ctx: SignedInContext,
    unitId: number,
    state: JoinRequestState | undefined,
  ): Promise<JoinRequestList> {
    await this.roster.unitFor(ctx, unitId, 'manage');
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

  /**
   * Approval adds the contact under the seat and one-unit rules; the request row is locked before
   * its state is read, so a second decision at once finds it decided. The requester is told by
   * WeChat once the decision has committed.
   */
  @RetryOnConflict()
  @Transactional()
  async decideJoinRequest(
    ctx: SignedInContext,
    unitId: number,
    requestId: number,
    decision: JoinRequestDecision['decision'],
  ): Promise<JoinRequest> {
    const { unit } = await this.roster.unitFor(ctx, unitId, 'manage');
    await this.roster.lockRoster(unitId);
    // The primary contact may have handed the role over while this waited for the lock.
    await this.roster.unitFor(ctx, unitId, 'manage');
    await lockRows(this.requests, [requestId]);
    const row = await this.requests.findOneBy({ id: requestId });
    if (!row || row.unitId !== unitId) throw new AppError(ErrorCode.NotFound);
    const state = decision === 'approve' ? 'approved' : 'declined';
    if (!canTransition(JOIN_REQUEST_STATE_MACHINE, row.state, state)) {
      throw new AppError(ContactError.JoinRequestDecided);
    }
    const at = now();
    row.state = state;
    row.openUserId = null;
    row.decidedAt = at;
    row.decidedBy = ctx.user.id;
    await this.requests.save(row);
    if (decision === 'approve') {
      await this.roster.admit(ctx, unitId, { userId: row.userId, name: row.name, title: row.title });
    }
    await this.audit.record(ctx, {
      action: `join_request.${row.state}`,
      target: { type: 'unit', id: unitId },
      detail: row.name,
    });
    const approved = row.state === 'approved';
    await this.notifications.notify(row.userId, {
      purpose: 'join_request_decision',
      title: approved ? '加入单位申请已通过' : '加入单位申请未通过',
      body: approved
        ? `您加入${unit.name}的申请已通过，可在“我的单位”中查看单位信息。`
        : `您加入${unit.name}的申请未通过。如有疑问，请联系单位主联系人。`,
      page: approved ? MY_UNIT_PAGE : null,
      fields: { unitName: unit.name, result: JOIN_REQUEST_STATE_NAMES[row.state], note: '', at },
    });
    return this.presentOne(row);
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
    if (!canTransition(JOIN_REQUEST_STATE_MACHINE, row.state, 'withdrawn')) {
      throw new AppError(ContactError.JoinRequestDecided);
    }
    row.state = 'withdrawn';
    row.openUserId = null;
    row.decidedAt = now();
    row.decidedBy = ctx.user.id;
    return this.presentOne(await this.requests.save(row));
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
