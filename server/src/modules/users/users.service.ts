import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { type Me, type Role, StaffError, isMainlandMobile, maskPhone, UserErrorMessage } from '@itss/shared';
import { In, IsNull, Not, Or, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { MeContributions } from '../../common/me-contributions';
import { Abilities, authorize } from '../../common/policy';
import type { RequestContext, SignedInContext } from '../../common/request-context';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { WechatClient } from '../../wechat/wechat.client';
import { AuditService } from '../audit/audit.service';
import { UserEntity, UserRoleEntity } from './user.entity';
import { PhoneThrottle } from './phone-throttle';
import { UsersPolicy } from './users.policy';

export const DEFAULT_DISPLAY_NAME = '微信用户';

/** The one writer of `users` and `user_roles`: other features ask it, never the tables. */
@Injectable()
export class UsersService implements OnModuleInit {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(UserRoleEntity) private readonly roles: Repository<UserRoleEntity>,
    private readonly policy: UsersPolicy,
    private readonly abilities: Abilities,
    private readonly contributions: MeContributions,
    private readonly audit: AuditService,
    private readonly wechat: WechatClient,
    private readonly phoneThrottle: PhoneThrottle,
  ) {}

  onModuleInit(): void {
    this.audit.nameTargets('user', async (ids) => {
      const people = await this.users.findBy({ id: In(ids) });
      return new Map(people.map((user) => [user.id, user.displayName]));
    });
  }

  findById(id: number): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findByOpenid(openid: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ openid });
  }

  findByIds(ids: number[]): Promise<UserEntity[]> {
    return ids.length ? this.users.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /**
   * The account of this openid, made on first sight: by a login, by the operator granting staff
   * before the person's first login, or by the development seed.
   */
  async findOrCreateByOpenid(
    openid: string,
    fields: { unionid?: string | null; displayName?: string; seenAt?: Date } = {},
  ): Promise<UserEntity> {
    const found = await this.users.findOneBy({ openid });
    if (found) {
      if (!fields.seenAt && !fields.unionid) return found;
      if (fields.seenAt) found.lastSeenAt = fields.seenAt;
      if (fields.unionid) found.unionid = fields.unionid;
      return this.users.save(found);
    }
    return this.users.save(
      this.users.create({
        openid,
        unionid: fields.unionid ?? null,
        displayName: fields.displayName ?? DEFAULT_DISPLAY_NAME,
        phone: null,
        createdAt: fields.seenAt ?? new Date(),
        lastSeenAt: fields.seenAt ?? null,
      }),
    );
  }

  async touch(userId: number, seenAt: Date): Promise<void> {
    await this.users.update({ id: userId }, { lastSeenAt: seenAt });
  }

  async rolesOf(userId: number): Promise<Role[]> {
    const rows = await this.roles.find({ where: { userId }, order: { role: 'ASC' } });
    return rows.map((row) => row.role);
  }

  async rolesOfMany(userIds: number[]): Promise<Map<number, Role[]>> {
    const rows = userIds.length
      ? await this.roles.find({ where: { userId: In(userIds) }, order: { role: 'ASC' } })
      : [];
    const byUser = new Map<number, Role[]>();
    for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.role]);
    return byUser;
  }

  async idsWithAnyRole(roles: Role[]): Promise<number[]> {
    const rows = await this.roles.find({ where: { role: In(roles) } });
    return [...new Set(rows.map((row) => row.userId))];
  }

  /**
   * Adds the roles the person lacks; returns those added (none when all were held already, so a
   * repeated grant changes and records nothing). Role changes on one person run one after the other:
   * each locks the person's users row before reading the roles it decides on.
   */
  @RetryOnConflict()
  @Transactional()
  async addRoles(userId: number, wanted: Role[], grantedBy: number | null): Promise<Role[]> {
    await lockRows(this.users, [userId]);
    const had = await this.rolesOf(userId);
    const added = wanted.filter((role) => !had.includes(role));
    if (added.length > 0) {
      await this.roles.insert(added.map((role) => ({ userId, role, grantedAt: new Date(), grantedBy })));
    }
    return added;
  }

  /**
   * Removes those of the roles the person holds; returns those removed. Refuses (409
   * STAFF_LAST_ADMIN) to take the admin role from the last admin. Every admin's row is locked with
   * the person's, so two revokes of the last two admins cannot both see the other one still there.
   */
  @RetryOnConflict()
  @Transactional()
  async removeRoles(userId: number, unwanted: Role[]): Promise<Role[]> {
    const admins = unwanted.includes('admin') ? await this.idsWithAnyRole(['admin']) : [];
    await lockRows(this.users, [userId, ...admins]);
    // Read after the lock: what the previous holder committed, not what was there before it.
    const roles = await this.rolesOfMany([userId, ...admins]);
    const removed = (roles.get(userId) ?? []).filter((role) => unwanted.includes(role));
    // Only locked admins count: an admin granted meanwhile is not locked and could go right after.
    const othersRemain = admins.some((id) => id !== userId && roles.get(id)?.includes('admin'));
    if (removed.includes('admin') && !othersRemain) throw new AppError(StaffError.LastAdmin);
    if (removed.length > 0) await this.roles.delete({ userId, role: In(removed) });
    return removed;
  }

  /** The person as the app sees them; relations (their unit) come from the features that own them. */
  async toMe(actor: RequestContext & { user: UserEntity }): Promise<Me> {
    const { user, roles } = actor;
    return {
      id: user.id,
      displayName: user.displayName,
      phoneMasked: user.phone ? maskPhone(user.phone) : null,
      roles,
      unit: null,
      can: this.abilities.of(actor),
      ...(await this.contributions.of(actor)),
    };
  }

  me(ctx: SignedInContext): Promise<Me> {
    authorize(this.policy, ctx, 'readProfile', ctx.user);
    return this.toMe(ctx);
  }

  /**
   * Binds the phone WeChat vouches for. The WeChat call is paid per use, so it happens here, when a
   * person asks, never on login, and only within the person's throttle.
   */
  async bindPhone(ctx: SignedInContext, code: string): Promise<Me> {
    authorize(this.policy, ctx, 'bindPhone', ctx.user);
    await this.phoneThrottle.reserve(ctx.user.id);
    const phone = await this.wechat.getPhoneNumber(code);
    const number =
      phone.countryCode === '86' ? phone.purePhoneNumber : `+${phone.countryCode}${phone.purePhoneNumber}`;
    await this.savePhone(ctx, number);
    return this.toMe({ ...ctx, user: { ...ctx.user, phone: number } });
  }

  /**
   * Apart from the WeChat call, so no transaction stays open while WeChat answers. Binding the
   * number already bound succeeds and records nothing: the guarded update changes no row then, also
   * when several bindings of one number run at once.
   */
  @RetryOnConflict()
  @Transactional()
  private async savePhone(ctx: SignedInContext, number: string): Promise<void> {
    const { affected } = await this.users.update(
      { id: ctx.user.id, phone: Or(IsNull(), Not(number)) },
      { phone: number },
    );
    if (!affected) return;
    await this.audit.record(ctx, {
      action: 'user.phone_bound',
      target: { type: 'user', id: ctx.user.id },
      detail: maskPhone(number),
    });
  }

  /** The person an operator names by phone (bound) or openid. */
  async findByOpenidOrPhone(key: string): Promise<UserEntity> {
    if (isMainlandMobile(key)) {
      const matches = await this.users.find({ where: { phone: key }, take: 2 });
      if (matches.length > 1) {
        throw new AppError(UserErrorMessage.PhoneShared);
      }
      if (matches[0]) return matches[0];
      throw new AppError(UserErrorMessage.NoUserWithPhone);
    }
    const user = await this.users.findOneBy({ openid: key });
    if (!user) throw new AppError(UserErrorMessage.NoUserWithOpenid);
    return user;
  }
}
