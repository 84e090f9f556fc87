import { Injectable } from '@nestjs/common';
import { ErrorCode, type Me, type Role, maskPhone } from '@itss/shared';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AppError } from '../../common/app-error';
import type { SignedInContext } from '../../common/request-context';
import { AuditService } from '../audit/audit.service';
import { WechatClient } from '../../wechat/wechat.client';
import { UserEntity, UserRoleEntity } from './user.entity';

export const DEFAULT_DISPLAY_NAME = '微信用户';

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly wechat: WechatClient,
  ) {}

  async rolesOf(userId: number, manager: EntityManager = this.dataSource.manager): Promise<Role[]> {
    const rows = await manager
      .getRepository(UserRoleEntity)
      .find({ where: { userId }, order: { role: 'ASC' } });
    return rows.map((row) => row.role);
  }

  async rolesOfMany(userIds: number[]): Promise<Map<number, Role[]>> {
    const rows = userIds.length
      ? await this.dataSource.getRepository(UserRoleEntity).find({ where: { userId: In(userIds) } })
      : [];
    const byUser = new Map<number, Role[]>();
    for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.role]);
    return byUser;
  }

  toMe(user: UserEntity, roles: Role[]): Me {
    const staff = roles.includes('staff') || roles.includes('admin');
    return {
      id: user.id,
      displayName: user.displayName,
      phoneMasked: user.phone ? maskPhone(user.phone) : null,
      roles,
      unit: null,
      can: { openStaffConsole: staff, manageStaff: roles.includes('admin'), readAuditLog: staff },
    };
  }

  me(ctx: SignedInContext): Me {
    return this.toMe(ctx.user, ctx.roles);
  }

  /**
   * Binds the phone WeChat vouches for. The WeChat call is paid per use, so it happens here, when a
   * person asks, and never on login.
   */
  async bindPhone(ctx: SignedInContext, code: string): Promise<Me> {
    const phone = await this.wechat.getPhoneNumber(code);
    const number =
      phone.countryCode === '86' ? phone.purePhoneNumber : `+${phone.countryCode}${phone.purePhoneNumber}`;
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(UserEntity).update({ id: ctx.user.id }, { phone: number });
      await this.audit.record(manager, ctx, {
        action: 'user.phone_bound',
        target: `user:${ctx.user.id}`,
        detail: maskPhone(number),
      });
    });
    return this.toMe({ ...ctx.user, phone: number }, ctx.roles);
  }

  async findByOpenidOrPhone(
    key: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<UserEntity> {
    const repository = manager.getRepository(UserEntity);
    if (/^1\d{10}$/.test(key)) {
      const matches = await repository.find({ where: { phone: key }, take: 2 });
      if (matches.length > 1) {
        throw new AppError(ErrorCode.Conflict, '该手机号绑定了多个微信账号，请改用 openid 指定');
      }
      if (matches[0]) return matches[0];
      throw new AppError(ErrorCode.NotFound, '没有绑定该手机号的用户：请对方先登录小程序并绑定手机号');
    }
    const user = await repository.findOneBy({ openid: key });
    if (!user) throw new AppError(ErrorCode.NotFound, '没有该 openid 的用户：请对方先登录一次小程序');
    return user;
  }
}
