import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import {
  type Role,
  type StaffListResponse,
  type StaffMember,
  isMainlandMobile,
  maskPhone,
  StaffErrorMessage,
} from '@itss/shared';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import { type Actor, CLI, type SignedInContext } from '../../common/request-context';
import { RetryOnConflict } from '../../database/conflicts';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import type { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { StaffPolicy } from './staff.policy';

/** Who is being named: by user id from the console, by openid or phone from the command line. */
export interface StaffTarget {
  userId?: number;
  key?: string;
}

/** Owns no table: staff is a role of a person (users) whose change ends their sessions (auth). */
@Injectable()
export class StaffService {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly policy: StaffPolicy,
  ) {}

  async list(ctx: SignedInContext): Promise<StaffListResponse> {
    authorize(this.policy, ctx, 'list', undefined);
    return { items: await this.describe(await this.users.idsWithAnyRole(['staff', 'admin'])) };
  }

  private async describe(ids: number[]): Promise<StaffMember[]> {
    const [people, roles] = await Promise.all([this.users.findByIds(ids), this.users.rolesOfMany(ids)]);
    return people
      .sort((a, b) => a.id - b.id)
      .map((user) => ({
        id: user.id,
        displayName: user.displayName,
        phoneMasked: user.phone ? maskPhone(user.phone) : null,
        roles: (roles.get(user.id) ?? []).sort(),
        lastSeenAt: user.lastSeenAt?.toISOString() ?? null,
      }));
  }

  /**
   * Grants staff (and admin when asked). Changing roles ends the person's sessions: they log in
   * again. A grant of roles already held answers the same and changes and records nothing.
   */
  @RetryOnConflict()
  @Transactional()
  async grant(by: Actor, target: StaffTarget, admin: boolean): Promise<StaffMember> {
    if (by !== CLI) authorize(this.policy, by, 'grant', undefined);
    const user = await this.resolveTarget(target, by === CLI);
    const wanted: Role[] = admin ? ['staff', 'admin'] : ['staff'];
    const added = await this.users.addRoles(user.id, wanted, by === CLI ? null : (by.user?.id ?? null));
    if (added.length > 0) {
      await this.auth.revokeSessionsOf(user.id);
      await this.audit.record(by, {
        action: 'role.granted',
        target: { type: 'user', id: user.id },
        detail: added.join(','),
      });
    }
    const [member] = await this.describe([user.id]);
    if (!member) throw new Error(`user ${user.id} vanished during the grant`);
    return member;
  }

  /** Revokes staff and admin; a revoke of nothing held changes and records nothing. Never the last admin. */
  @RetryOnConflict()
  @Transactional()
  async revoke(by: Actor, target: StaffTarget): Promise<void> {
    if (by !== CLI) authorize(this.policy, by, 'revoke', undefined);
    const user = await this.resolveTarget(target, false);
    if (by !== CLI && by.user?.id === user.id) {
      throw new AppError(StaffErrorMessage.CannotRevokeSelf);
    }
    const removed = await this.users.removeRoles(user.id, ['staff', 'admin']);
    if (removed.length === 0) return;
    await this.auth.revokeSessionsOf(user.id);
    await this.audit.record(by, {
      action: 'role.revoked',
      target: { type: 'user', id: user.id },
      detail: removed.join(','),
    });
  }

  private async resolveTarget(target: StaffTarget, createByOpenid: boolean): Promise<UserEntity> {
    if (target.userId !== undefined) {
      const user = await this.users.findById(target.userId);
      if (!user) throw new AppError(StaffErrorMessage.UserNotFound);
      return user;
    }
    const key = target.key ?? '';
    // The operator bootstraps the first admin before that person ever logged in: their first
    // login then finds the account by openid, roles already in place.
    if (createByOpenid && !isMainlandMobile(key)) return this.users.findOrCreateByOpenid(key);
    return this.users.findByOpenidOrPhone(key);
  }
}
