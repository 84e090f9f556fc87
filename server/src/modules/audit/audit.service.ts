import { Injectable } from '@nestjs/common';
import type { AuditAction, AuditListResponse } from '@itss/shared';
import { DataSource, type EntityManager, In, LessThan } from 'typeorm';
import type { RequestContext } from '../../common/request-context';
import { UserEntity } from '../users/user.entity';
import { AuditEntity } from './audit.entity';

export interface AuditRecord {
  action: AuditAction;
  target?: string | null;
  detail?: string | null;
}

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Written with the caller's transaction, so an action and its audit entry land together or not at all. */
  async record(manager: EntityManager, ctx: RequestContext | 'cli', entry: AuditRecord): Promise<void> {
    const actor =
      ctx === 'cli'
        ? { actorId: null, actorName: '命令行', ip: null }
        : { actorId: ctx.user?.id ?? null, actorName: ctx.user?.displayName ?? '访客', ip: ctx.ip };
    await manager.getRepository(AuditEntity).insert({
      at: new Date(),
      ...actor,
      action: entry.action,
      target: entry.target ?? null,
      detail: entry.detail ?? null,
    });
  }

  async list(limit: number, before?: number): Promise<AuditListResponse> {
    const rows = await this.dataSource.getRepository(AuditEntity).find({
      where: before ? { id: LessThan(before) } : {},
      order: { id: 'DESC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    const names = await this.namesOfTargets(page);
    return {
      items: page.map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        action: row.action,
        actor: { id: row.actorId, displayName: row.actorName },
        target: row.target,
        targetName: names.get(row.target ?? '') ?? null,
        detail: row.detail,
        ip: row.ip,
      })),
      nextBefore: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
    };
  }

  /** One query for the people a page of entries points to, keyed by target (`user:<id>`). */
  private async namesOfTargets(rows: AuditEntity[]): Promise<Map<string, string>> {
    const ids = [
      ...new Set(rows.map((row) => /^user:(\d+)$/.exec(row.target ?? '')?.[1]).filter((id) => id)),
    ].map(Number);
    if (ids.length === 0) return new Map();
    const users = await this.dataSource.getRepository(UserEntity).findBy({ id: In(ids) });
    return new Map(users.map((user) => [`user:${user.id}`, user.displayName]));
  }
}
