import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  type CreateDesktopLoginResponse,
  DESKTOP_LOGIN_PAGE,
  DESKTOP_LOGIN_TICKET_TTL_MS,
  type DesktopLoginDetails,
  DesktopLoginError,
  type DesktopLoginState,
  desktopLoginCodeUrl,
} from '@itss/shared';
import { LessThan, MoreThan, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { type RequestContext, type SignedInContext, isStaff } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { SharedState } from '../../state/shared-state';
import { Throttle } from '../../state/throttle';
import { WechatClient } from '../../wechat/wechat.client';
import type { WechatImage } from '../../wechat/wechat-http';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { describeDevice } from '../auth/device';
import { UsersService } from '../users/users.service';
import { DesktopLoginEntity } from './desktop-login.entity';
import { type DesktopLoginAction, DesktopLoginsPolicy } from './desktop-logins.policy';

/** Tickets a sign-in page refreshes every two minutes; twenty a minute leaves room for an office behind one address. */
const CREATE_LIMIT = { limit: 20, windowMs: 60_000 };
/**
 * A ticket confirmed in its last second is still handed over at the desktop's next poll (every ~2 s,
 * or later if the browser throttles a background tab).
 */
export const DELIVERY_GRACE_MS = 60_000;
/** Rows are kept a day after expiry, for support questions about a recent attempt, then deleted. */
const KEEP_MS = 24 * 60 * 60 * 1000;

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * Signing in to the desktop 工作台 from a phone: the desktop asks for a ticket (public), a staff
 * member's phone opens it and confirms, and the desktop collects its own session once with the poll
 * token only it holds. Every step is one conditional UPDATE of the ticket's row, so concurrent
 * phones or polls on any replica cannot both win.
 */
@Injectable()
export class DesktopLoginsService {
  constructor(
    @InjectRepository(DesktopLoginEntity) private readonly logins: Repository<DesktopLoginEntity>,
    private readonly policy: DesktopLoginsPolicy,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly wechat: WechatClient,
    private readonly state: SharedState,
    private readonly throttle: Throttle,
  ) {}

  async create(ctx: RequestContext, userAgent: string | undefined): Promise<CreateDesktopLoginResponse> {
    await this.throttle.take({ key: `desktop-logins:create:${ctx.ip}`, ...CREATE_LIMIT });
    const createdAt = now();
    await this.logins.delete({ expiresAt: LessThan(new Date(createdAt.getTime() - KEEP_MS)) });
    const ticket = randomBytes(16).toString('base64url');
    const pollToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(createdAt.getTime() + DESKTOP_LOGIN_TICKET_TTL_MS);
    const device = describeDevice('desktop', userAgent, ctx.ip);
    await this.logins.insert({
      ticket,
      pollTokenHash: sha256(pollToken).toString('hex'),
      status: 'pending',
      ...device,
      createdAt,
      expiresAt,
      scannedBy: null,
      scannedAt: null,
      confirmedAt: null,
      sessionId: null,
    });
    return { ticket, pollToken, imageUrl: desktopLoginCodeUrl(ticket), expiresAt: expiresAt.toISOString() };
  }

  /** The mini-program code of a ticket still open, asked of WeChat once and then served from shared state. */
  async code(ticket: string): Promise<WechatImage> {
    const row = await this.logins.findOneBy({ ticket });
    if (!row) throw new AppError(DesktopLoginError.TicketNotFound);
    if (row.status !== 'pending' && row.status !== 'scanned')
      throw new AppError(DesktopLoginError.TicketUsed);
    const left = row.expiresAt.getTime() - Date.now();
    if (left <= 0) throw new AppError(DesktopLoginError.TicketExpired);
    const key = `desktop-logins:code:${ticket}`;
    const cached = await this.state.get(key);
    if (cached) {
      const [contentType = 'image/png', data = ''] = cached.split(' ');
      return { contentType, bytes: Buffer.from(data, 'base64') };
    }
    const image = await this.wechat.getUnlimitedCode(ticket, DESKTOP_LOGIN_PAGE);
    await this.state.set(key, `${image.contentType} ${image.bytes.toString('base64')}`, left);
    return image;
  }

  /**
   * Where the ticket is. Only the holder of its poll token collects the session, and only once:
   * the same poll again, or any poll after, reads `expired`. Anyone else learns the state alone.
   */
  async poll(ctx: RequestContext, ticket: string, pollToken: string | undefined): Promise<DesktopLoginState> {
    const row = await this.logins.findOneBy({ ticket });
    if (!row) throw new AppError(DesktopLoginError.TicketNotFound);
    const at = Date.now();
    switch (row.status) {
      case 'pending':
      case 'scanned':
        return row.expiresAt.getTime() > at
          ? { state: row.status, expiresAt: row.expiresAt.toISOString() }
          : { state: 'expired' };
      case 'confirmed':
        if (row.expiresAt.getTime() + DELIVERY_GRACE_MS <= at) return { state: 'expired' };
        return this.holds(row, pollToken) ? this.deliver(ctx, row) : { state: 'confirmed' };
      case 'delivered':
      case 'cancelled':
        // Spent: the desktop shows a fresh code, as for one that ran out of time.
        return { state: 'expired' };
    }
  }

  /** The phone opened the code: the ticket is this staff member's to confirm or cancel. */
  async scan(ctx: SignedInContext, ticket: string): Promise<DesktopLoginDetails> {
    this.authorizeStaff(ctx, 'scan');
    const at = now();
    await this.logins.update(
      { ticket, status: 'pending', expiresAt: MoreThan(at) },
      { status: 'scanned', scannedBy: ctx.user.id, scannedAt: at },
    );
    const row = await this.logins.findOneBy({ ticket });
    // Opening the page again on the same phone shows the same ticket.
    if (!row || row.status !== 'scanned' || row.scannedBy !== ctx.user.id || row.expiresAt <= at) {
      throw this.refusal(ctx, row);
    }
    return {
      ticket,
      browser: row.browser,
      place: row.place,
      requestedAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
    };
  }

  /**
   * Lets the desktop in as the caller. One of two conditional updates moves the row (scanned by this
   * caller, or still pending: confirmed without the scan step); of two phones at once, one wins.
   */
  async confirm(ctx: SignedInContext, ticket: string): Promise<void> {
    this.authorizeStaff(ctx, 'confirm');
    const at = now();
    const fromScan = await this.logins.update(
      { ticket, status: 'scanned', scannedBy: ctx.user.id, expiresAt: MoreThan(at) },
      { status: 'confirmed', confirmedAt: at },
    );
    if (fromScan.affected) return;
    const fromPending = await this.logins.update(
      { ticket, status: 'pending', expiresAt: MoreThan(at) },
      { status: 'confirmed', scannedBy: ctx.user.id, scannedAt: at, confirmedAt: at },
    );
    if (fromPending.affected) return;
    throw this.refusal(ctx, await this.logins.findOneBy({ ticket }));
  }

  /** 取消 on the phone: the desktop's code stops working (it reads `expired` and shows a fresh one). */
  async cancel(ctx: SignedInContext, ticket: string): Promise<void> {
    this.authorizeStaff(ctx, 'cancel');
    const at = now();
    const scanned = await this.logins.update(
      { ticket, status: 'scanned', scannedBy: ctx.user.id },
      { status: 'cancelled' },
    );
    if (scanned.affected) return;
    const pending = await this.logins.update(
      { ticket, status: 'pending' },
      { status: 'cancelled', scannedBy: ctx.user.id, scannedAt: at },
    );
    if (pending.affected) return;
    const row = await this.logins.findOneBy({ ticket });
    // Cancelling twice is cancelling.
    if (row?.status === 'cancelled' && row.scannedBy === ctx.user.id) return;
    throw this.refusal(ctx, row);
  }

  /**
   * Hands the confirmed ticket's session to the desktop: the row moves to `delivered` and the session
   * is made in the same transaction, so two polls at once make one session. A confirmer who lost the
   * staff role meanwhile lets nobody in; the ticket is spent all the same.
   */
  @RetryOnConflict()
  @Transactional()
  private async deliver(ctx: RequestContext, row: DesktopLoginEntity): Promise<DesktopLoginState> {
    const { affected } = await this.logins.update(
      { id: row.id, status: 'confirmed' },
      { status: 'delivered' },
    );
    if (!affected || row.scannedBy === null) return { state: 'expired' };
    const user = await this.users.findById(row.scannedBy);
    const roles = user ? await this.users.rolesOf(user.id) : [];
    if (!user || !isStaff({ ...ctx, roles })) return { state: 'expired' };
    const device = { browser: row.browser, ip: row.ip, place: row.place };
    const session = await this.auth.openSession(user.id, 'desktop', device);
    await this.logins.update({ id: row.id }, { sessionId: session.sessionId });
    const signedIn = { user, roles, sessionId: session.sessionId, ip: ctx.ip };
    await this.audit.record(signedIn, {
      action: 'auth.desktop_login',
      target: { type: 'user', id: user.id },
      detail: `${row.browser}，${row.place}`,
    });
    return {
      state: 'confirmed',
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      user: await this.users.toMe(signedIn),
    };
  }

  private holds(row: DesktopLoginEntity, pollToken: string | undefined): boolean {
    if (!pollToken) return false;
    return timingSafeEqual(sha256(pollToken), Buffer.from(row.pollTokenHash, 'hex'));
  }

  /** Checked before the ticket is read: a non-staff caller learns nothing about it and changes nothing. */
  private authorizeStaff(ctx: RequestContext, action: DesktopLoginAction): void {
    if (!this.policy.can(ctx, action)) throw new AppError(DesktopLoginError.NotStaff);
  }

  /** Why a phone's step on a ticket did not apply: gone, someone else's, spent, or too late. */
  private refusal(ctx: SignedInContext, row: DesktopLoginEntity | null): AppError {
    if (!row) return new AppError(DesktopLoginError.TicketNotFound);
    if (row.scannedBy !== null && row.scannedBy !== ctx.user.id)
      return new AppError(DesktopLoginError.ScannedByOther);
    if (row.status !== 'pending' && row.status !== 'scanned')
      return new AppError(DesktopLoginError.TicketUsed);
    return new AppError(DesktopLoginError.TicketExpired);
  }
}
