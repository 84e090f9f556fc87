import { Injectable } from '@nestjs/common';
import { ErrorCode, type Role, type StaffListResponse, type StaffMember, maskPhone } from '@itss/shared';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { AppError } from '../../common/app-error';
import type { SignedInContext } from '../../common/request-context';
import { AuditService } from '../audit/audit.service';
import { SessionEntity } from '../auth/session.entity';
import { UserEntity, UserRoleEntity } from '../users/user.entity';
import { DEFAULT_DISPLAY_NAME, UsersService } from '../users/users.service';

/** Who grants: a signed-in admin, or the operator at the command line. */
type Grantor = SignedInContext | 'cli';

@Injectable()
export class StaffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<StaffListResponse> {
    const roleRows = await this.dataSource
      .getRepository(UserRoleEntity)
      .find({ where: { role: In(['staff', 'admin']) } });
    return { items: await this.describe([...new Set(roleRows.map((row) => row.userId))]) };
  }

  private async describe(ids: number[]): Promise<StaffMember[]> {
    const people = ids.length ? await this.dataSource.getRepository(UserEntity).findBy({ id: In(ids) }) : [];
    const roles = await this.users.rolesOfMany(ids);
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

  /** Grants staff (and admin when asked). Changing roles ends the person's sessions: they log in again. */
  async grant(by: Grantor, target: { userId?: number; key?: string }, admin: boolean): Promise<StaffMember> {
    const granted = await this.dataSource.transaction(async (manager) => {
      const user = await this.resolveTarget(manager, target, by === 'cli');
      const wanted: Role[] = admin ? ['staff', 'admin'] : ['staff'];
      const had = await this.users.rolesOf(user.id, manager);
      const added = wanted.filter((role) => !had.includes(role));
      if (added.length === 0) return user;
      await manager.getRepository(UserRoleEntity).insert(
        added.map((role) => ({
          userId: user.id,
          role,
          grantedAt: new Date(),
          grantedBy: by === 'cli' ? null : by.user.id,
        })),
      );
      await this.revokeSessions(manager, user.id);
      await this.audit.record(manager, by, {
        action: 'role.granted',
        target: `user:${user.id}`,
        detail: added.join(','),
      });
      return user;
    });
    const [member] = await this.describe([granted.id]);
    if (!member) throw new Error(`user ${granted.id} vanished after the grant`);
    return member;
  }

  async revoke(by: Grantor, target: { userId?: number; key?: string }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await this.resolveTarget(manager, target, false);
      if (by !== 'cli' && by.user.id === user.id) {
        throw new AppError(ErrorCode.Conflict, '不能撤销自己的权限，请由其他管理员操作');
      }
      const had = await this.users.rolesOf(user.id, manager);
      const removed = had.filter((role) => role === 'staff' || role === 'admin');
      if (removed.length === 0) return;
      await manager.getRepository(UserRoleEntity).delete({ userId: user.id, role: In(removed) });
      await this.revokeSessions(manager, user.id);
      await this.audit.record(manager, by, {
        action: 'role.revoked',
        target: `user:${user.id}`,
        detail: removed.join(','),
      });
    });
  }

  private async resolveTarget(
    manager: EntityManager,
    target: { userId?: number; key?: string },
    createByOpenid: boolean,
  ): Promise<UserEntity> {
    if (target.userId !== undefined) {
      const user = await manager.getRepository(UserEntity).findOneBy({ id: target.userId });
      if (!user) throw new AppError(ErrorCode.NotFound, '用户不存在');
      return user;
    }
    const key = target.key ?? '';
    if (createByOpenid && !/^1\d{10}$/.test(key)) {
      // The operator bootstraps the first admin before that person ever logged in: their first
      // login then finds the account by openid, roles already in place.
      const existing = await manager.getRepository(UserEntity).findOneBy({ openid: key });
      if (existing) return existing;
      return manager.getRepository(UserEntity).save({
        openid: key,
        unionid: null,
        displayName: DEFAULT_DISPLAY_NAME,
        phone: null,
        createdAt: new Date(),
        lastSeenAt: null,
      });
    }
    return this.users.findByOpenidOrPhone(key, manager);
  }

  private async revokeSessions(manager: EntityManager, userId: number): Promise<void> {
    await manager
      .getRepository(SessionEntity)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
