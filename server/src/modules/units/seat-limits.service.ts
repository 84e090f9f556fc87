import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { DEFAULT_SEAT_LIMITS, LEVEL_CODES, type LevelCode, type SeatLimits, levelByCode } from '@itss/shared';
import type { Repository } from 'typeorm';
import { authorize } from '../../common/policy';
import { now } from '../../common/time';
import type { SignedInContext } from '../../common/request-context';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { ContactsPolicy } from './contacts.policy';
import { SeatLimitEntity } from './seat-limit.entity';

const NO_RELATION = { isContact: false, isPrimary: false };

/** The number of contacts a unit may have per level: the handbook's start until staff change it. */
@Injectable()
export class SeatLimitsService {
  constructor(
    @InjectRepository(SeatLimitEntity) private readonly rows: Repository<SeatLimitEntity>,
    private readonly audit: AuditService,
    private readonly policy: ContactsPolicy,
  ) {}

  async limits(): Promise<Record<LevelCode, number>> {
    const limits = { ...DEFAULT_SEAT_LIMITS };
    for (const row of await this.rows.find()) limits[row.level] = row.seats;
    return limits;
  }

  async limitFor(level: LevelCode): Promise<number> {
    return (await this.rows.findOneBy({ level }))?.seats ?? DEFAULT_SEAT_LIMITS[level];
  }

  async get(ctx: SignedInContext): Promise<SeatLimits> {
    authorize(this.policy, ctx, 'setSeatLimits', NO_RELATION);
    return { limits: await this.limits() };
  }

  /**
   * Sets every level's limit. A unit above its new limit keeps its contacts and takes no new one.
   * The rows are locked before they are compared, so of simultaneous changes each sees the one
   * before it, and the log holds each change once.
   */
  @RetryOnConflict()
  @Transactional()
  async set(ctx: SignedInContext, wanted: SeatLimits): Promise<SeatLimits> {
    authorize(this.policy, ctx, 'setSeatLimits', NO_RELATION);
    const at = now();
    // Every level gets its row first: a lock on a row that does not exist protects nothing. Two
    // first changes at once collide on the level's unique key and the loser reruns.
    const existing = await this.rows.find();
    for (const level of LEVEL_CODES.filter((code) => !existing.some((row) => row.level === code))) {
      await this.rows.insert({ level, seats: DEFAULT_SEAT_LIMITS[level], updatedAt: at, updatedBy: null });
    }
    await lockRows(
      this.rows,
      (await this.rows.find()).map((row) => row.id),
    );
    const changes: string[] = [];
    for (const row of await this.rows.find({ order: { id: 'ASC' } })) {
      const seats = wanted.limits[row.level];
      if (row.seats === seats) continue;
      changes.push(`${levelByCode(row.level).name} ${row.seats}→${seats}`);
      await this.rows.update({ id: row.id }, { seats, updatedAt: at, updatedBy: ctx.user.id });
    }
    if (changes.length > 0) {
      await this.audit.record(ctx, { action: 'unit.seat_limits_changed', detail: changes.join('，') });
    }
    return { limits: await this.limits() };
  }
}
