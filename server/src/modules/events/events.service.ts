import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  EVENT_KIND_NAMES,
  EVENT_STATE_MACHINE,
  canTransition,
  type EventDetail,
  EventError,
  type EventPage,
  type eventCancelSchema,
  type eventListQuerySchema,
  eventCoverUrl,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import type { z } from 'zod';
import { AppError } from '../../common/app-error';
import { decodeCursor, keysetPage } from '../../common/keyset';
import { authorize } from '../../common/policy';
import { type RequestContext, type SignedInContext, isStaff } from '../../common/request-context';
import { beijingDate, now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { FilesService } from '../files/files.service';
import { UnitsService } from '../units/units.service';
import { callerOf } from './event-callers';
import { EVENT_COVER_OWNER } from './event-covers';
import { eventStateOf, presentDetail, presentSummary } from './event-presenter';
import {
  type EventCreateParsed,
  type EventUpdateParsed,
  checkEvent,
  createColumns,
  updatedColumns,
} from './event-rules';
import { EventSessionEntity } from './event-session.entity';
import { EventSessionsEditor } from './event-sessions-editor';
import { EventEntity } from './event.entity';
import { EventsPolicy } from './events.policy';
import { RegistrationEntity } from './registration.entity';
import { RegistrationsService } from './registrations.service';

export type EventListQueryParsed = z.output<typeof eventListQuerySchema>;
export type EventCancelParsed = z.output<typeof eventCancelSchema>;

/** Instants both databases keep: DATETIME before 1000 or after 9999 is not a time MariaDB compares. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(9999, 0, 1);
const storable = (at: number): boolean => at >= EARLIEST && at < LATEST;

const isListKey = (key: unknown): key is [string, number] =>
  Array.isArray(key) &&
  key.length === 2 &&
  typeof key[0] === 'string' &&
  storable(Date.parse(key[0])) &&
  typeof key[1] === 'number' &&
  Number.isSafeInteger(key[1]) &&
  key[1] > 0;

/** Beijing midnight of a `YYYY-MM-DD` day. */
const beijingMidnight = (day: string): Date =>
  new Date(Math.min(Math.max(Date.parse(`${day}T00:00:00+08:00`), EARLIEST), LATEST));

/**
 * Events as staff run them (create, edit, publish, cancel) and everyone reads them: a teaser list
 * of published events and one event with the caller's window, price and registrations.
 */
@Injectable()
export class EventsService implements OnModuleInit {
  constructor(
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(EventSessionEntity) private readonly sessions: Repository<EventSessionEntity>,
    @InjectRepository(RegistrationEntity) private readonly registrations: Repository<RegistrationEntity>,
    private readonly sessionsEditor: EventSessionsEditor,
    private readonly registrationsService: RegistrationsService,
    private readonly units: UnitsService,
    private readonly files: FilesService,
    private readonly audit: AuditService,
    private readonly policy: EventsPolicy,
  ) {}

  onModuleInit(): void {
    this.audit.nameTargets('event', async (ids) => {
      const rows = ids.length ? await this.events.findBy({ id: In(ids) }) : [];
      return new Map(rows.map((row) => [row.id, `${EVENT_KIND_NAMES[row.kind]}：${row.title}`]));
    });
  }

  /** Events ending on or after `from`, soonest-ending first; drafts to staff only. */
  async list(ctx: RequestContext, query: EventListQueryParsed): Promise<EventPage> {
    const staff = isStaff(ctx);
    const at = now();
    const qb = this.events.createQueryBuilder('event');
    const state = staff ? query.state : query.state === 'draft' ? undefined : query.state;
    if (state === 'closed' || state === 'published') {
      qb.andWhere("event.state = 'published'").andWhere(
        state === 'closed' ? 'event.closesAt <= :at' : 'event.closesAt > :at',
        { at },
      );
    } else if (state) {
      qb.andWhere('event.state = :state', { state });
    } else if (!staff) {
      qb.andWhere("event.state IN ('published', 'cancelled')");
    }
    if (query.kind) qb.andWhere('event.kind = :kind', { kind: query.kind });
    const from = beijingMidnight(query.from ?? beijingDate(at));
    qb.andWhere('event.endsAt >= :from', { from });
    if (query.cursor !== undefined) {
      const [endsAt, id] = decodeCursor(query.cursor, isListKey);
      qb.andWhere('(event.endsAt > :endsAt OR (event.endsAt = :endsAt AND event.id > :id))', {
        endsAt: new Date(endsAt),
        id,
      });
    }
    const rows = await qb
      .orderBy('event.endsAt', 'ASC')
      .addOrderBy('event.id', 'ASC')
      .take(query.limit + 1)
      .getMany();
    const { page, nextCursor } = keysetPage(rows, query.limit, (last) => [
      last.endsAt.toISOString(),
      last.id,
    ]);
    const sessions = await this.sessionsOf(page.map((row) => row.id));
    return {
      items: page.map((row) => presentSummary(row, sessions.get(row.id) ?? [], coverUrl(row), at)),
      nextCursor,
    };
  }

  /** One event for the caller: a draft is staff's alone (anyone else 404). */
  async get(ctx: RequestContext, id: number): Promise<EventDetail> {
    const row = await this.events.findOneBy({ id });
    if (!row || (row.state === 'draft' && !isStaff(ctx))) throw new AppError(EventError.NotFound);
    return this.detail(ctx, row);
  }

  @RetryOnConflict()
  @Transactional()
  async create(ctx: SignedInContext, input: EventCreateParsed): Promise<EventDetail> {
    authorize(this.policy, ctx, 'manage', undefined);
    const columns = createColumns(input);
    checkEvent(columns, input.sessions);
    const at = now();
    const row = await this.events.save(
      this.events.create({
        ...columns,
        state: 'draft',
        cancelReason: null,
        createdBy: ctx.user.id,
        createdAt: at,
        updatedAt: at,
        publishedAt: null,
        cancelledAt: null,
      }),
    );
    await this.claimCover(ctx, row.id, columns.coverFileId);
    await this.sessionsEditor.replace(row.id, input.sessions, at);
    await this.audit.record(ctx, {
      action: 'event.created',
      target: { type: 'event', id: row.id },
      detail: `${EVENT_KIND_NAMES[row.kind]}：${row.title}`,
    });
    return this.detail(ctx, row);
  }

  /**
   * Staff edit an event that is not cancelled. Its sessions, when sent, are the whole list: see
   * EventSessionsEditor for capacities below the seats held and seats offered on a raise.
   */
  @RetryOnConflict()
  @Transactional()
  async update(ctx: SignedInContext, id: number, input: EventUpdateParsed): Promise<EventDetail> {
    authorize(this.policy, ctx, 'manage', undefined);
    const row = await this.locked(id);
    if (row.state === 'cancelled') throw new AppError(EventError.WrongState);
    const columns = updatedColumns(row, input);
    const current = (await this.sessionsOf([id])).get(id) ?? [];
    checkEvent(
      columns,
      input.sessions ??
        current.map((session) => ({
          ...session,
          startsAt: session.startsAt.toISOString(),
          endsAt: session.endsAt.toISOString(),
        })),
    );
    const at = now();
    if (columns.coverFileId !== row.coverFileId) await this.claimCover(ctx, id, columns.coverFileId);
    await this.events.update({ id }, { ...columns, updatedAt: at });
    if (input.sessions) await this.sessionsEditor.replace(id, input.sessions, at);
    await this.audit.record(ctx, {
      action: 'event.updated',
      target: { type: 'event', id },
      detail: columns.title,
    });
    return this.detail(ctx, await this.events.findOneByOrFail({ id }));
  }

  @RetryOnConflict()
  @Transactional()
  async publish(ctx: SignedInContext, id: number): Promise<EventDetail> {
    authorize(this.policy, ctx, 'manage', undefined);
    const row = await this.locked(id);
    if (!canTransition(EVENT_STATE_MACHINE, row.state, 'published'))
      throw new AppError(EventError.WrongState);
    const at = now();
    await this.events.update({ id }, { state: 'published', publishedAt: at, updatedAt: at });
    await this.audit.record(ctx, {
      action: 'event.published',
      target: { type: 'event', id },
      detail: row.title,
    });
    return this.detail(ctx, await this.events.findOneByOrFail({ id }));
  }

  /**
   * Staff cancel a published (or closed) event: every registration is cancelled, paid seats are
   * refunded, and everyone who registered — the waiting list too — is told why.
   */
  @RetryOnConflict()
  @Transactional()
  async cancel(ctx: SignedInContext, id: number, input: EventCancelParsed): Promise<EventDetail> {
    authorize(this.policy, ctx, 'manage', undefined);
    const row = await this.locked(id);
    const at = now();
    if (!canTransition(EVENT_STATE_MACHINE, eventStateOf(row, at), 'cancelled')) {
      throw new AppError(EventError.WrongState);
    }
    await this.events.update(
      { id },
      { state: 'cancelled', cancelReason: input.reason, cancelledAt: at, updatedAt: at },
    );
    const told = await this.registrationsService.cancelAllOfEvent(ctx, row, input.reason, at);
    await this.audit.record(ctx, {
      action: 'event.cancelled',
      target: { type: 'event', id },
      detail: `${row.title}：${input.reason}；通知 ${told} 人`,
    });
    return this.detail(ctx, await this.events.findOneByOrFail({ id }));
  }

  private async locked(id: number): Promise<EventEntity> {
    if (!(await this.events.existsBy({ id }))) throw new AppError(EventError.NotFound);
    await lockRows(this.events, [id]);
    return this.events.findOneByOrFail({ id });
  }

  private async claimCover(ctx: SignedInContext, eventId: number, fileId: number | null): Promise<void> {
    if (fileId === null) return;
    const claimed = await this.files.claim(ctx, fileId, { type: EVENT_COVER_OWNER, id: eventId });
    if (!claimed?.contentType.startsWith('image/')) throw new AppError(EventError.CoverUnusable);
  }

  private async sessionsOf(eventIds: number[]): Promise<Map<number, EventSessionEntity[]>> {
    const rows = eventIds.length
      ? await this.sessions.find({ where: { eventId: In(eventIds) }, order: { position: 'ASC', id: 'ASC' } })
      : [];
    const byEvent = new Map<number, EventSessionEntity[]>();
    for (const row of rows) byEvent.set(row.eventId, [...(byEvent.get(row.eventId) ?? []), row]);
    return byEvent;
  }

  private async detail(ctx: RequestContext, row: EventEntity): Promise<EventDetail> {
    const sessions = (await this.sessionsOf([row.id])).get(row.id) ?? [];
    const waiting = await this.registrations
      .createQueryBuilder('registration')
      .select('registration.sessionId', 'sessionId')
      .addSelect('COUNT(*)', 'count')
      .where("registration.eventId = :eventId AND registration.state = 'waitlisted'", { eventId: row.id })
      .groupBy('registration.sessionId')
      .getRawMany<{ sessionId: number | string; count: number | string }>();
    const mine = ctx.user
      ? await this.registrations.find({
          select: { id: true },
          where: { eventId: row.id, liveUserId: ctx.user.id },
          order: { id: 'ASC' },
        })
      : [];
    return presentDetail(
      row,
      sessions,
      new Map(waiting.map((entry) => [Number(entry.sessionId), Number(entry.count)])),
      await callerOf(this.units, ctx),
      { coverUrl: coverUrl(row), myRegistrationIds: mine.map((entry) => entry.id), at: now() },
    );
  }
}

function coverUrl(row: EventEntity): string | null {
  return row.coverFileId === null ? null : eventCoverUrl(row.coverFileId);
}
