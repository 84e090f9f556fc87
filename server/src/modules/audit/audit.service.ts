import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuditListResponse, AuditTarget } from '@itss/shared';
import { type Repository } from 'typeorm';
import { pageById } from '../../common/keyset';
import { authorize } from '../../common/policy';
import { type Actor, CLI, type RequestContext, SYSTEM } from '../../common/request-context';
import { AuditEntity } from './audit.entity';
import { AuditPolicy } from './audit.policy';

export interface AuditRecord {
  /** One of the actions a feature declared with `defineAuditActions` in the shared contract. */
  action: string;
  target?: AuditTarget | null;
  detail?: string | null;
}

/** Names the targets of one type, e.g. people by user id, for a page of entries. */
export type TargetNamer = (ids: number[]) => Promise<Map<number, string>>;

/** The stored form of a target: one column, `type:id`, written and read only here. */
function encodeTarget(target: AuditTarget): string {
  return `${target.type}:${target.id}`;
}

function decodeTarget(stored: string | null): AuditTarget | null {
  if (!stored) return null;
  const separator = stored.lastIndexOf(':');
  const id = Number(stored.slice(separator + 1));
  return separator > 0 && Number.isInteger(id) ? { type: stored.slice(0, separator), id } : null;
}

@Injectable()
export class AuditService {
  private readonly namers = new Map<string, TargetNamer>();

  constructor(
    @InjectRepository(AuditEntity) private readonly entries: Repository<AuditEntity>,
    private readonly policy: AuditPolicy,
  ) {}

  /**
   * Features that own a kind of target tell the log how to name it; the log depends on no feature.
   * Called from the owning module's initialisation.
   */
  nameTargets(type: string, namer: TargetNamer): void {
    this.namers.set(type, namer);
  }

  /** Joins the caller's transaction: an action and its audit entry land together or not at all. */
  async record(actor: Actor | typeof SYSTEM, entry: AuditRecord): Promise<void> {
    const who =
      actor === CLI
        ? { actorId: null, actorName: '命令行', ip: null }
        : actor === SYSTEM
          ? { actorId: null, actorName: '系统', ip: null }
          : { actorId: actor.user?.id ?? null, actorName: actor.user?.displayName ?? '访客', ip: actor.ip };
    await this.entries.insert({
      at: new Date(),
      ...who,
      action: entry.action,
      target: entry.target ? encodeTarget(entry.target) : null,
      detail: entry.detail ?? null,
    });
  }

  /** Newest first; the keyset is the id, so a page costs one indexed range read. */
  async list(
    actor: RequestContext,
    { limit, cursor }: { limit: number; cursor?: string },
  ): Promise<AuditListResponse> {
    authorize(this.policy, actor, 'read', undefined);
    const { page: entries, nextCursor } = await pageById(this.entries, {}, { cursor, limit });
    const page = entries.map((row) => ({ row, target: decodeTarget(row.target) }));
    const names = await this.namesOf(page.map(({ target }) => target));
    return {
      items: page.map(({ row, target }) => ({
        id: row.id,
        at: row.at.toISOString(),
        action: row.action,
        actor: { id: row.actorId, displayName: row.actorName },
        target,
        targetName: target ? (names.get(encodeTarget(target)) ?? null) : null,
        detail: row.detail,
        ip: row.ip,
      })),
      nextCursor,
    };
  }

  /**
   * The entries about one record, oldest first, for the record's own history (a bill's). The
   * owning feature has already decided the caller may see the record.
   */
  async forTarget(
    target: AuditTarget,
    limit = 200,
  ): Promise<{ at: Date; action: string; actorName: string; detail: string | null }[]> {
    const rows = await this.entries.find({
      where: { target: encodeTarget(target) },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((row) => ({
      at: row.at,
      action: row.action,
      actorName: row.actorName,
      detail: row.detail,
    }));
  }

  /** One query per target type on the page, keyed by the encoded target. */
  private async namesOf(targets: (AuditTarget | null)[]): Promise<Map<string, string>> {
    const idsByType = new Map<string, Set<number>>();
    for (const target of targets) {
      if (target) idsByType.set(target.type, (idsByType.get(target.type) ?? new Set()).add(target.id));
    }
    const names = new Map<string, string>();
    for (const [type, ids] of idsByType) {
      const namer = this.namers.get(type);
      if (!namer) continue;
      for (const [id, name] of await namer([...ids])) names.set(encodeTarget({ type, id }), name);
    }
    return names;
  }
}
