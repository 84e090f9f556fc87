import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { DesktopLoginError, type DeviceSession, type DeviceSessionList } from '@itss/shared';
import { IsNull, MoreThan, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import type { SignedInContext } from '../../common/request-context';
import { RetryOnConflict } from '../../database/conflicts';
import { AuditService } from '../audit/audit.service';
import { sessionIsLive } from './auth.service';
import { MINIAPP_NAME, UNKNOWN_BROWSER, UNKNOWN_PLACE } from './device';
import { SessionEntity } from './session.entity';

/** A person with more open sessions than this has stale ones; the newest are the ones they look for. */
const LIST_LIMIT = 100;

/** 我的 → 登录设备: a person's own open sessions, each of which they may end. */
@Injectable()
export class DeviceSessionsService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: SignedInContext): Promise<DeviceSessionList> {
    const now = Date.now();
    const rows = await this.sessions.find({
      where: { userId: ctx.user.id, revokedAt: IsNull(), expiresAt: MoreThan(new Date(now)) },
      order: { lastSeenAt: 'DESC', id: 'DESC' },
      take: LIST_LIMIT,
    });
    return {
      items: rows.filter((row) => sessionIsLive(row, now)).map((row) => this.toDeviceSession(ctx, row)),
    };
  }

  /**
   * Ends one of the caller's sessions; its next request is answered 401. Another person's session,
   * or one already ended, is not found: its id tells the caller nothing.
   */
  @RetryOnConflict()
  @Transactional()
  async revoke(ctx: SignedInContext, id: number): Promise<void> {
    const session = await this.sessions.findOneBy({ id, userId: ctx.user.id, revokedAt: IsNull() });
    if (!session || !sessionIsLive(session, Date.now()))
      throw new AppError(DesktopLoginError.SessionNotFound);
    const { affected } = await this.sessions.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!affected) throw new AppError(DesktopLoginError.SessionNotFound);
    const device = this.toDeviceSession(ctx, session);
    await this.audit.record(ctx, {
      action: 'auth.session_revoked',
      target: { type: 'user', id: ctx.user.id },
      detail: `${device.browser}，${device.place}`,
    });
  }

  private toDeviceSession(ctx: SignedInContext, row: SessionEntity): DeviceSession {
    return {
      id: row.id,
      kind: row.kind,
      browser: row.browser ?? (row.kind === 'miniapp' ? MINIAPP_NAME : UNKNOWN_BROWSER),
      place: row.place ?? UNKNOWN_PLACE,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      current: row.id === ctx.sessionId,
    };
  }
}
