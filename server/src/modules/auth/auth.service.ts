import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  AuthError,
  AuthErrorMessage,
  type DeviceSessionKind,
  ErrorCode,
  type LoginResponse,
  openidSchema,
} from '@itss/shared';
import type { FastifyRequest } from 'fastify';
import { IsNull, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import type { RequestContext } from '../../common/request-context';
import { RetryOnConflict } from '../../database/conflicts';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { WechatClient } from '../../wechat/wechat.client';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../users/users.service';
import { type DeviceDescription, describeDevice } from './device';
import { LoginThrottle } from './login-throttle';
import { SessionEntity } from './session.entity';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
export const SESSION_IDLE_MS = 7 * DAY_MS;
export const SESSION_ABSOLUTE_MS = 30 * DAY_MS;

/**
 * How long a session lives without use (idle) and at most (absolute). A desktop is often shared or
 * left open in an office, and its session was granted from a phone: a working day idle, a week in all.
 */
export const SESSION_LIFETIMES: Record<DeviceSessionKind, { idleMs: number; absoluteMs: number }> = {
  miniapp: { idleMs: SESSION_IDLE_MS, absoluteMs: SESSION_ABSOLUTE_MS },
  desktop: { idleMs: 8 * HOUR_MS, absoluteMs: 7 * DAY_MS },
};

/** Whether a session can still be used at `at`. */
export function sessionIsLive(session: SessionEntity, at: number): boolean {
  const { idleMs } = SESSION_LIFETIMES[session.kind];
  return !session.revokedAt && session.expiresAt.getTime() > at && session.lastSeenAt.getTime() + idleMs > at;
}
/** Writing last_seen_at on every request would turn each read into a write; once a minute is enough. */
const TOUCH_INTERVAL_MS = 60_000;
/** Set by WeChat cloud hosting's gateway on every request it forwards. */
export const CLOUD_OPENID_HEADER = 'x-wx-openid';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The one writer of `sessions` with DeviceSessionsService: logins (and handed-over desktop tickets)
 * start them, logout and role changes end them.
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly wechat: WechatClient,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The openid WeChat cloud hosting vouches for, or null. The header counts only in cloud-hosting
   * mode, where WeChat's gateway sets it; anywhere else a client could forge it, so it is ignored.
   */
  trustedOpenid(request: FastifyRequest): string | null {
    const openid = openidSchema.safeParse(request.headers[CLOUD_OPENID_HEADER]);
    return this.config.wechat.cloudHosting && openid.success ? openid.data : null;
  }

  /**
   * wx.login code → WeChat → user and session. The attempt is counted against the address before
   * WeChat is asked; any failure writes nothing and keeps counting, a success gives it back.
   */
  async loginWithCode(
    ctx: RequestContext,
    code: string | undefined,
    userAgent: string | undefined,
  ): Promise<LoginResponse> {
    await this.throttle.reserve(ctx.ip);
    if (!code) throw new AppError(AuthErrorMessage.CodeMissing);
    const session = await this.wechat.code2Session(code);
    const device = describeDevice('miniapp', userAgent, ctx.ip);
    const response = await this.startSession(ctx, session.openid, session.unionid ?? null, device);
    await this.throttle.succeeded(ctx.ip);
    return response;
  }

  /** Cloud hosting: WeChat's gateway has already authenticated the caller and passes the openid. */
  loginWithTrustedOpenid(
    ctx: RequestContext,
    openid: string,
    userAgent: string | undefined,
  ): Promise<LoginResponse> {
    return this.startSession(ctx, openid, null, describeDevice('miniapp', userAgent, ctx.ip));
  }

  /** Four first logins of one person at once make one account: a duplicate openid reruns the unit. */
  @RetryOnConflict()
  @Transactional()
  private async startSession(
    ctx: RequestContext,
    openid: string,
    unionid: string | null,
    device: DeviceDescription,
  ): Promise<LoginResponse> {
    const now = new Date();
    const user = await this.users.findOrCreateByOpenid(openid, { unionid, seenAt: now });
    const { token, expiresAt } = await this.openSession(user.id, 'miniapp', device, now);
    const roles = await this.users.rolesOf(user.id);
    const signedIn = { ...ctx, user, roles };
    await this.audit.record(signedIn, { action: 'auth.login', target: { type: 'user', id: user.id } });
    return { token, expiresAt: expiresAt.toISOString(), user: await this.users.toMe(signedIn) };
  }

  /**
   * Starts a session of `kind` for a person: the token is returned once and only its hash is kept.
   * Runs in the caller's transaction (a login, a desktop ticket handed over).
   */
  async openSession(
    userId: number,
    kind: DeviceSessionKind,
    device: DeviceDescription,
    now: Date = new Date(),
  ): Promise<{ token: string; expiresAt: Date; sessionId: number }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_LIFETIMES[kind].absoluteMs);
    const { identifiers } = await this.sessions.insert({
      tokenHash: hashToken(token),
      userId,
      kind,
      browser: device.browser,
      ip: device.ip,
      place: device.place,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      revokedAt: null,
    });
    return { token, expiresAt, sessionId: Number(identifiers[0]?.id) };
  }

  /** The caller behind a bearer token, or why not. */
  async authenticate(token: string, ip: string): Promise<RequestContext> {
    const session = await this.sessions.findOneBy({ tokenHash: hashToken(token) });
    if (!session) throw new AppError(AuthErrorMessage.SessionInvalid);
    const now = Date.now();
    if (!sessionIsLive(session, now)) throw new AppError(AuthError.SessionExpired);
    const user = await this.users.findById(session.userId);
    if (!user) throw new AppError(AuthError.SessionExpired);
    if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      const seen = new Date(now);
      await this.sessions.update({ id: session.id }, { lastSeenAt: seen });
      await this.users.touch(user.id, seen);
    }
    return { user, roles: await this.users.rolesOf(user.id), sessionId: session.id, ip };
  }

  /** The caller by WeChat cloud hosting's x-wx-openid header; only ever called in that mode. */
  async authenticateTrustedOpenid(openid: string, ip: string): Promise<RequestContext> {
    const user = await this.users.findByOpenid(openid);
    if (!user) throw new AppError(ErrorCode.Unauthenticated);
    return { user, roles: await this.users.rolesOf(user.id), sessionId: null, ip };
  }

  /** Only the logout that ends the session is recorded; the same logout again changes nothing. */
  @RetryOnConflict()
  @Transactional()
  async logout(ctx: RequestContext): Promise<void> {
    if (ctx.sessionId === null || !ctx.user) return;
    const { affected } = await this.sessions.update(
      { id: ctx.sessionId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    if (!affected) return;
    await this.audit.record(ctx, { action: 'auth.logout', target: { type: 'user', id: ctx.user.id } });
  }

  /** Ends every open session of a person, e.g. when their roles change: they log in again. */
  async revokeSessionsOf(userId: number): Promise<void> {
    await this.sessions.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
