import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  ErrorCode,
  type LevelCode,
  type LevelRequest,
  type LevelRequestListResponse,
  type LevelRequestPage,
  StandingError,
  UPGRADE_PAGE,
  levelByCode,
  levelChangeDirection,
  type levelRequestCreateSchema,
  type levelRequestDecisionSchema,
  type levelRequestQuerySchema,
  upgradeDifferenceFen,
} from '@itss/shared';
import { In, IsNull, type Repository } from 'typeorm';
import type { z } from 'zod';
import { AppError } from '../../common/app-error';
import { decodeCursor, isPositiveId, keysetPage } from '../../common/keyset';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { beijingDate, now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { DuesService } from '../dues/dues.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { UnitEntity } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';
import { ArrearsService } from './arrears.service';
import { LevelRequestEntity } from './level-request.entity';
import { presentRequests } from './level-request-presenter';
import { LevelRequestsPolicy } from './level-requests.policy';
import type { StandingRelation } from './standing.policy';
import { UnitLevelChangeEntity } from './unit-level-change.entity';

export type LevelRequestCreateParsed = z.output<typeof levelRequestCreateSchema>;
export type LevelRequestDecisionParsed = z.output<typeof levelRequestDecisionSchema>;
export type LevelRequestQueryParsed = z.output<typeof levelRequestQuerySchema>;

/** The reason the other president requests are refused with when one is approved. */
export const SEAT_FILLED_REASON = '分会会长单位已确定为其他单位（会长单位只设一家），本申请未获批准';

const levelName = (code: LevelCode): string => levelByCode(code).name;

/**
 * Level changes, one step at a time, asked for by a unit's primary contact and decided by staff.
 * An approved upgrade takes effect at once (the level, its history, and the current year's
 * difference as a second bill of the year); an approved downgrade changes nothing this year and
 * takes effect when next year's bills are opened (see `applyDueDowngrades`).
 *
 * At most one 会长单位: approving a president request locks every open president request first
 * (their ids, ascending), so two approvals of two such requests take the same locks and run one
 * after the other; the second finds its request refused by the first, or the seat held.
 */
@Injectable()
export class LevelRequestsService implements OnModuleInit {
  constructor(
    @InjectRepository(LevelRequestEntity) private readonly requests: Repository<LevelRequestEntity>,
    @InjectRepository(UnitLevelChangeEntity) private readonly history: Repository<UnitLevelChangeEntity>,
    private readonly unitsService: UnitsService,
    private readonly arrears: ArrearsService,
    private readonly dues: DuesService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly policy: LevelRequestsPolicy,
  ) {}

  onModuleInit(): void {
    this.dues.beforeOpeningYear((year) => this.applyDueDowngrades(year));
    this.audit.nameTargets('level_request', async (ids) => {
      const rows = ids.length ? await this.requests.findBy({ id: In(ids) }) : [];
      const names = await this.unitsService.namesOf(rows.map((row) => row.unitId));
      return new Map(
        rows.map((row) => [
          row.id,
          `${names.get(row.unitId) ?? '单位'} ${levelName(row.fromLevel)}→${levelName(row.toLevel)}`,
        ]),
      );
    });
  }

  /** The caller's place in the unit: a person is the contact of at most one unit. */
  async relationTo(ctx: SignedInContext, unitId: number): Promise<StandingRelation> {
    const membership = await this.unitsService.membershipOf(ctx.user.id);
    const isContact = membership?.unitId === unitId;
    return { isContact, isPrimary: isContact && membership.isPrimary };
  }

  /** The unit's requests, newest first: its contacts and staff; anyone else 404. */
  async listOfUnit(ctx: SignedInContext, unitId: number): Promise<LevelRequestListResponse> {
    const relation = await this.relationTo(ctx, unitId);
    authorize(this.policy, ctx, 'see', relation, { hide: true });
    if (!(await this.unitsService.exists(unitId))) throw new AppError(ErrorCode.NotFound);
    const rows = await this.requests.find({ where: { unitId }, order: { id: 'DESC' } });
    return { items: await this.present(rows) };
  }

  /** Staff: every unit's requests, newest first, by state; keyset on the id. */
  async list(ctx: SignedInContext, query: LevelRequestQueryParsed): Promise<LevelRequestPage> {
    authorize(this.policy, ctx, 'decide', undefined);
    const qb = this.requests.createQueryBuilder('request');
    if (query.state) qb.andWhere('request.state = :state', { state: query.state });
    if (query.cursor !== undefined) {
      qb.andWhere('request.id < :before', { before: decodeCursor(query.cursor, isPositiveId) });
    }
    const rows = await qb
      .orderBy('request.id', 'DESC')
      .take(query.limit + 1)
      .getMany();
    const { page, nextCursor } = keysetPage(rows, query.limit, (last) => last.id);
    return { items: await this.present(page), nextCursor };
  }

  /** The unit's open request, if any. */
  async openOf(unitId: number): Promise<LevelRequestEntity | null> {
    return this.requests.findOneBy({ openUnitId: unitId });
  }

  /** An approved downgrade not yet in force. */
  async scheduledOf(unitId: number): Promise<LevelRequestEntity | null> {
    return this.requests.findOneBy({
      unitId,
      direction: 'downgrade',
      state: 'approved',
      appliedAt: IsNull(),
    });
  }

  /** The 会长单位 (not removed), if any. */
  presidentUnit(): Promise<UnitEntity | null> {
    return this.unitsService.holderOf('president');
  }

  async openPresidentRequests(): Promise<number> {
    return this.requests.countBy({ toLevel: 'president', state: 'open' });
  }

  /**
   * The unit's primary contact asks for the adjacent level. The unit's row is locked, so two
   * requests of one unit run one after the other; the unique key on `open_unit_id` refuses a second
   * open request even so.
   */
  @RetryOnConflict()
  @Transactional()
  async create(ctx: SignedInContext, unitId: number, input: LevelRequestCreateParsed): Promise<LevelRequest> {
    const relation = await this.relationTo(ctx, unitId);
    authorize(this.policy, ctx, 'see', relation, { hide: true });
    if (!(await this.unitsService.exists(unitId))) throw new AppError(ErrorCode.NotFound);
    if (!this.policy.can(ctx, 'request', relation)) throw new AppError(StandingError.NotPrimaryContact);
    const unit = await this.unitsService.lockAndFind(unitId);
    if (!unit) throw new AppError(ErrorCode.NotFound);
    if (unit.status !== 'active') throw new AppError(StandingError.UnitNotActive);
    if (input.toLevel === unit.level) throw new AppError(StandingError.SameLevel);
    const direction = levelChangeDirection(unit.level, input.toLevel);
    if (direction === null) throw new AppError(StandingError.SkipLevel);
    if (await this.openOf(unitId)) throw new AppError(StandingError.RequestAlreadyOpen);
    if (await this.scheduledOf(unitId)) throw new AppError(StandingError.DowngradeScheduled);
    if ((await this.arrears.unpaidOf(unitId)).years.length > 0) throw new AppError(StandingError.InArrears);
    if (input.toLevel === 'president' && (await this.presidentUnit())) {
      throw new AppError(StandingError.PresidentSeatTaken);
    }
    const at = now();
    const year = Number(beijingDate(at).slice(0, 4));
    const row = await this.requests.save(
      this.requests.create({
        unitId,
        openUnitId: unitId,
        fromLevel: unit.level,
        toLevel: input.toLevel,
        direction,
        state: 'open',
        reason: input.reason,
        requestedBy: ctx.user.id,
        createdAt: at,
        decidedAt: null,
        decidedBy: null,
        decisionReason: null,
        effectiveYear: direction === 'upgrade' ? year : year + 1,
        differenceBillId: null,
        appliedAt: null,
      }),
    );
    await this.audit.record(ctx, {
      action: 'level_request.created',
      target: { type: 'level_request', id: row.id },
      detail: `${unit.name}：${levelName(unit.level)} → ${levelName(input.toLevel)}；${input.reason}`,
    });
    return this.presentOne(row);
  }

  /** The primary contact withdraws the unit's open request. */
  @RetryOnConflict()
  @Transactional()
  async withdraw(ctx: SignedInContext, id: number): Promise<LevelRequest> {
    const found = await this.requests.findOneBy({ id });
    const relation = found
      ? await this.relationTo(ctx, found.unitId)
      : { isContact: false, isPrimary: false };
    authorize(this.policy, ctx, 'see', relation, { hide: true });
    if (!found) throw new AppError(ErrorCode.NotFound);
    if (!this.policy.can(ctx, 'request', relation)) throw new AppError(StandingError.NotPrimaryContact);
    await lockRows(this.requests, [id]);
    const request = await this.requests.findOneByOrFail({ id });
    if (request.state === 'withdrawn') return this.presentOne(request);
    if (request.state !== 'open') throw new AppError(StandingError.RequestNotOpen);
    const at = now();
    Object.assign(request, { state: 'withdrawn', openUnitId: null, decidedAt: at, decidedBy: ctx.user.id });
    await this.requests.update(
      { id },
      { state: 'withdrawn', openUnitId: null, decidedAt: at, decidedBy: ctx.user.id },
    );
    await this.audit.record(ctx, {
      action: 'level_request.withdrawn',
      target: { type: 'level_request', id },
      detail: `${levelName(request.fromLevel)} → ${levelName(request.toLevel)}`,
    });
    return this.presentOne(request);
  }

  /**
   * Staff approve or reject an open request. See the class's note on the president seat. An
   * upgrade approved changes the level at once, keeps its history and bills the current year's
   * difference; approving a president request refuses every other open one.
   */
  @RetryOnConflict()
  @Transactional()
  async decide(ctx: SignedInContext, id: number, input: LevelRequestDecisionParsed): Promise<LevelRequest> {
    authorize(this.policy, ctx, 'decide', undefined);
    const found = await this.requests.findOneBy({ id });
    if (!found) throw new AppError(ErrorCode.NotFound);
    const forSeat =
      input.decision === 'approve' && found.toLevel === 'president' && found.direction === 'upgrade';
    const seatRivals = forSeat
      ? (
          await this.requests.find({ select: { id: true }, where: { toLevel: 'president', state: 'open' } })
        ).map((row) => row.id)
      : [];
    await lockRows(this.requests, [id, ...seatRivals]);
    const request = await this.requests.findOneByOrFail({ id });
    if (request.state !== 'open') throw new AppError(StandingError.RequestNotOpen);
    const at = now();
    if (input.decision === 'reject') {
      const reason = input.reason ?? '';
      await this.close(ctx, request, 'rejected', reason, at);
      return this.presentOne(request);
    }
    const unit = await this.unitsService.lockAndFind(request.unitId);
    if (!unit) throw new AppError(ErrorCode.NotFound);
    if (unit.status !== 'active') throw new AppError(StandingError.UnitNotActive);
    if (forSeat) {
      const holder = await this.presidentUnit();
      if (holder && holder.id !== unit.id) throw new AppError(StandingError.PresidentSeatTaken);
    }
    const today = beijingDate(at);
    const year = Number(today.slice(0, 4));
    if (request.direction === 'upgrade') {
      if (unit.level !== request.fromLevel) throw new AppError(StandingError.RequestNotOpen);
      await this.unitsService.changeLevel(unit.id, request.toLevel);
      await this.history.insert({
        unitId: unit.id,
        fromLevel: request.fromLevel,
        toLevel: request.toLevel,
        levelRequestId: request.id,
        actorId: ctx.user.id,
        at,
      });
      const fees = await this.dues.feesFor(year);
      const amountFen = upgradeDifferenceFen(
        fees[request.fromLevel],
        fees[request.toLevel],
        Number(today.slice(5, 7)),
      );
      const bill =
        amountFen > 0
          ? await this.dues.openDifferenceBill(ctx, unit.id, request.id, request.toLevel, amountFen)
          : null;
      request.effectiveYear = year;
      request.differenceBillId = bill?.id ?? null;
    } else {
      request.effectiveYear = year + 1;
    }
    await this.close(ctx, request, 'approved', input.reason ?? null, at);
    if (forSeat) {
      const rivals = await this.requests.findBy({ id: In(seatRivals), state: 'open' });
      for (const rival of rivals) await this.close(ctx, rival, 'rejected', SEAT_FILLED_REASON, at);
    }
    return this.presentOne(request);
  }

  /** Decides the (locked, open) request, records it and tells the unit's contacts. */
  private async close(
    ctx: SignedInContext,
    request: LevelRequestEntity,
    state: 'approved' | 'rejected',
    reason: string | null,
    at: Date,
  ): Promise<void> {
    Object.assign(request, {
      state,
      openUnitId: null,
      decidedAt: at,
      decidedBy: ctx.user.id,
      decisionReason: reason || null,
    });
    await this.requests.update(
      { id: request.id },
      {
        state,
        openUnitId: null,
        decidedAt: at,
        decidedBy: ctx.user.id,
        decisionReason: request.decisionReason,
        effectiveYear: request.effectiveYear,
        differenceBillId: request.differenceBillId,
      },
    );
    const unitName = (await this.unitsService.namesOf([request.unitId])).get(request.unitId) ?? '';
    const change = `${levelName(request.fromLevel)} → ${levelName(request.toLevel)}`;
    await this.audit.record(ctx, {
      action: 'level_request.decided',
      target: { type: 'level_request', id: request.id },
      detail: `${unitName}：${change}，${state === 'approved' ? '批准' : '不批准'}${reason ? `：${reason}` : ''}`,
    });
    const approved = state === 'approved';
    const effect = !approved
      ? `原因：${reason ?? ''}`
      : request.direction === 'upgrade'
        ? `新级别即日生效${request.differenceBillId ? '，本年度升级差额会费账单已生成，请在“会费”中查看并缴纳' : ''}。`
        : `新级别自 ${request.effectiveYear} 年度起生效，本年度不变。`;
    for (const userId of await this.unitsService.contactUserIds(request.unitId)) {
      await this.notifications.notify(userId, {
        purpose: 'level_request_decision',
        title: approved ? '级别变更申请已批准' : '级别变更申请未通过',
        body: `${unitName}申请${change}${approved ? '已获批准' : '未获批准'}。${effect}`,
        page: `${UPGRADE_PAGE}?unitId=${request.unitId}`,
        fields: {
          unitName,
          result: approved ? '已批准' : '未通过',
          note: approved ? change : (reason ?? ''),
          at,
        },
      });
    }
  }

  /**
   * Puts into force every approved downgrade whose year is `year` or earlier, in the transaction
   * that opens that year's bills (BillOpening calls it first), so the year's bill is at the lower
   * level. Chosen over a Jan 1 job: the level and the bill then change together, whatever day staff
   * (or the job, on its configured day) open the year, and a year never opened changes nothing.
   */
  async applyDueDowngrades(year: number): Promise<void> {
    const due = await this.requests
      .createQueryBuilder('request')
      .where('request.direction = :down', { down: 'downgrade' })
      .andWhere('request.state = :approved', { approved: 'approved' })
      .andWhere('request.effectiveYear <= :year', { year })
      .andWhere('request.appliedAt IS NULL')
      .orderBy('request.id', 'ASC')
      .getMany();
    const at = now();
    for (const request of due) {
      const unit = await this.unitsService.find(request.unitId);
      if (unit && unit.status !== 'removed' && unit.level === request.fromLevel) {
        await this.unitsService.changeLevel(unit.id, request.toLevel);
        await this.history.insert({
          unitId: unit.id,
          fromLevel: request.fromLevel,
          toLevel: request.toLevel,
          levelRequestId: request.id,
          actorId: null,
          at,
        });
      }
      await this.requests.update({ id: request.id }, { appliedAt: at });
    }
  }

  async presentOne(row: LevelRequestEntity): Promise<LevelRequest> {
    const [one] = await this.present([row]);
    if (!one) throw new Error('level request not presented');
    return one;
  }
  present(rows: readonly LevelRequestEntity[]): Promise<LevelRequest[]> {
    return presentRequests(rows, this.unitsService, this.users);
  }
}
