import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  ErrorCode,
  UNIT_STATUS_MACHINE,
  UNIT_STATUS_NAMES,
  type Unit,
  UnitError,
  type UnitListResponse,
  type UnitSummary,
  canTransition,
  createUnitRequestSchema,
  unitStatusChangeRequestSchema,
} from '@itss/shared';
import type { Repository } from 'typeorm';
import type { z } from 'zod';
import { afterCommit } from '../../common/after-commit';
import { AppError } from '../../common/app-error';
import { decodeCursor, isPositiveId, keysetPage } from '../../common/keyset';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { UnitDepartures } from './departures';
import { type UnitFilters, applyUnitFilters } from './unit-search';
import { UnitContactEntity } from './unit-contact.entity';
import { UnitStatusChangeEntity } from './unit-status-change.entity';
import { UnitEntity } from './unit.entity';
import { STATUS_REASON, UnitsService } from './units.service';
import { UnitsPolicy } from './units.policy';

export type CreateUnitRequestParsed = z.output<typeof createUnitRequestSchema>;
export type UnitStatusChangeParsed = z.output<typeof unitStatusChangeRequestSchema>;

/**
 * Staff's side of the member list: the list itself, a unit recorded by hand (one that joined
 * before this system), and its status. The directory forgets its cached pages after each commit.
 */
@Injectable()
export class UnitAdminService {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(UnitContactEntity) private readonly contacts: Repository<UnitContactEntity>,
    @InjectRepository(UnitStatusChangeEntity)
    private readonly statusChanges: Repository<UnitStatusChangeEntity>,
    private readonly unitsService: UnitsService,
    private readonly audit: AuditService,
    private readonly policy: UnitsPolicy,
    private readonly departures: UnitDepartures,
  ) {}

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
    const { page, nextCursor } = keysetPage(rows, query.limit, (last) => last.id);
    return { items: await this.summaries(page), nextCursor };
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
   * A credit code on record is refused whatever its status; two requests with one code at once
   * collide on the unique index, and the loser's rerun finds the winner's unit and is refused.
   */
  @RetryOnConflict()
  @Transactional()
  async create(ctx: SignedInContext, body: CreateUnitRequestParsed): Promise<Unit> {
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
    await afterCommit(() => this.unitsService.directoryChanged());
    return this.unitsService.get(ctx, unit.id);
  }

  /**
   * Suspends, restores or removes a unit; the same status again changes and records nothing. The
   * row lock makes two changes of one unit run one after the other, each deciding on what the
   * other committed. Suspension and removal tell the features built on membership (group entry)
   * who no longer speaks for a member, in this transaction: the consequence lands with the change.
   */
  @RetryOnConflict()
  @Transactional()
  async changeStatus(ctx: SignedInContext, id: number, change: UnitStatusChangeParsed): Promise<Unit> {
    authorize(this.policy, ctx, 'manage', undefined);
    await lockRows(this.units, [id]);
    const unit = await this.units.findOneBy({ id });
    if (!unit) throw new AppError(ErrorCode.NotFound);
    if (unit.status === change.status) return this.unitsService.get(ctx, id);
    if (!canTransition(UNIT_STATUS_MACHINE, unit.status, change.status)) {
      throw new AppError(UnitError.WrongStatus);
    }
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
    await afterCommit(() => this.unitsService.directoryChanged());
    return this.unitsService.get(ctx, id);
  }
}
