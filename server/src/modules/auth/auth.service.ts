import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, type LoginResponse } from '@itss/shared';
import { DataSource, IsNull } from 'typeorm';
import { AppError } from '../../common/app-error';
import type { RequestContext } from '../../common/request-context';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { WechatClient } from '../../wechat/wechat.client';
import { AuditService } from '../audit/audit.service';
import { UserEntity } from '../users/user.entity';
import { DEFAULT_DISPLAY_NAME, UsersService } from '../users/users.service';
import { LoginThrottle } from './login-throttle';
import { SessionEntity } from './session.entity';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 7 * DAY_MS;
export const SESSION_ABSOLUTE_MS = 30 * DAY_MS;
/** Writing last_seen_at on every request would turn each read into a write; once a minute is enough. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly wechat: WechatClient,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** wx.login code → WeChat → user and session. Any failure writes nothing and counts against the address. */
  async loginWithCode(ctx: RequestContext, code: string | undefined): Promise<LoginResponse> {
    if (this.throttle.isBlocked(ctx.ip)) {
      throw new AppError(ErrorCode.RateLimited, '登录失败次数过多，请一分钟后再试');
    }
    try {
      if (!code) throw new AppError(ErrorCode.WechatCodeInvalid, '缺少微信登录凭证，请重新进入小程序');
      const session = await this.wechat.code2Session(code);
      return await this.startSession(ctx, session.openid, session.unionid ?? null);
    } catch (error) {
      this.throttle.recordFailure(ctx.ip);
      throw error;
    }
  }

  /** Cloud hosting: WeChat's gateway has already authenticated the caller and passes the openid. */
  async loginWithTrustedOpenid(ctx: RequestContext, openid: string): Promise<LoginResponse> {
    return this.startSession(ctx, openid, null);
  }

  private async startSession(
    ctx: RequestContext,
    openid: string,
    unionid: string | null,
  ): Promise<LoginResponse> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
    const user = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(UserEntity);
      let found = await repository.findOneBy({ openid });
      if (!found) {
        found = repository.create({
          openid,
          unionid,
          displayName: DEFAULT_DISPLAY_NAME,
          phone: null,
          createdAt: now,
        });
      }
      found.lastSeenAt = now;
      if (unionid) found.unionid = unionid;
      const saved = await repository.save(found);
      await manager.getRepository(SessionEntity).insert({
        tokenHash: hashToken(token),
        userId: saved.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        revokedAt: null,
      });
      await this.audit.record(
        manager,
        { ...ctx, user: saved },
        { action: 'auth.login', target: `user:${saved.id}` },
      );
      return saved;
    });
    const roles = await this.users.rolesOf(user.id);
    return { token, expiresAt: expiresAt.toISOString(), user: this.users.toMe(user, roles) };
  }

  /** The caller behind a bearer token, or why not. */
  async authenticate(token: string, ip: string): Promise<RequestContext> {
    const sessions = this.dataSource.getRepository(SessionEntity);
    const session = await sessions.findOneBy({ tokenHash: hashToken(token) });
    if (!session) throw new AppError(ErrorCode.Unauthenticated, '登录凭证无效，请重新登录');
    const now = Date.now();
    if (
      session.revokedAt ||
      session.expiresAt.getTime() <= now ||
      session.lastSeenAt.getTime() + SESSION_IDLE_MS <= now
    ) {
      throw new AppError(ErrorCode.SessionExpired);
    }
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: session.userId });
    if (!user) throw new AppError(ErrorCode.SessionExpired);
    if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      const seen = new Date(now);
      await sessions.update({ id: session.id }, { lastSeenAt: seen });
      await this.dataSource.getRepository(UserEntity).update({ id: user.id }, { lastSeenAt: seen });
    }
    return { user, roles: await this.users.rolesOf(user.id), sessionId: session.id, ip };
  }

  /** The caller by WeChat cloud hosting's x-wx-openid header; only ever called in that mode. */
  async authenticateTrustedOpenid(openid: string, ip: string): Promise<RequestContext> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ openid });
    if (!user) throw new AppError(ErrorCode.Unauthenticated, '请先登录');
    return { user, roles: await this.users.rolesOf(user.id), sessionId: null, ip };
  }

  get cloudHosting(): boolean {
    return this.config.wechat.cloudHosting;
  }

  async logout(ctx: RequestContext): Promise<void> {
    if (ctx.sessionId === null) return;
    const sessionId = ctx.sessionId;
    await this.dataSource.transaction(async (manager) => {
      await manager
        .getRepository(SessionEntity)
        .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.audit.record(manager, ctx, { action: 'auth.logout', target: `user:${ctx.user?.id ?? ''}` });
    });
  }
}
