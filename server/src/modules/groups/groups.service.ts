import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  type CreateGroupRequest,
  ErrorCode,
  GROUP_CODE_MAX_DAYS,
  GROUP_CODE_WARN_HOURS,
  type Group,
  type GroupEntry,
  GroupError,
  type GroupList,
  type GroupRemoval,
  type GroupRemovalList,
  type GroupTodo,
  type GroupTodoList,
  type LevelCode,
  type UpdateGroupRequest,
  groupCodeFieldsSchema,
  groupNickname,
  levelByCode,
  maskPhone,
  WORKBENCH_PAGE,
} from '@itss/shared';
import { In, IsNull, LessThanOrEqual, Not, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { FILE_STORAGE, type FileStorage } from '../files/file-storage';
import { NotificationsService } from '../notifications/notifications.service';
import { type Departure, UnitDepartures } from '../units/departures';
import { type Membership, UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';
import type { CodeUpload } from './code-upload';
import {
  GroupCodeEntity,
  GroupRemovalEntity,
  GroupRevealEntity,
  GroupTodoEntity,
  WechatGroupEntity,
} from './group.entity';
import { GroupsPolicy } from './groups.policy';

const HOUR_MS = 3600_000;
const CODE_LIFETIME_MS = GROUP_CODE_MAX_DAYS * 24 * HOUR_MS;
/** A client's clock a little ahead of ours must not turn "7 days from now" into a refusal. */
const CLOCK_SLACK_MS = 60_000;
/** The lists staff read: every open item, and the most recent done ones. */
const LIST_LIMIT = 200;

const GROUP_NOT_FOUND = '会员微信群不存在';

/** Members read Beijing time. */
function beijingMinute(at: Date): string {
  return new Date(at.getTime() + 8 * HOUR_MS).toISOString().slice(0, 16).replace('T', ' ');
}

function rankOf(level: LevelCode): number {
  return levelByCode(level).rank;
}

/** The image a caller may see, and where its bytes are. */
export interface CodeImage {
  contentType: GroupCodeEntity['contentType'];
  size: number;
  bytes: Readable;
}

/** The one writer of the group tables; the QR images' bytes live in the FileStorage. */
@Injectable()
export class GroupsService implements OnModuleInit {
  private readonly logger = new Logger(GroupsService.name);

  constructor(
    @InjectRepository(WechatGroupEntity) private readonly groups: Repository<WechatGroupEntity>,
    @InjectRepository(GroupCodeEntity) private readonly codes: Repository<GroupCodeEntity>,
    @InjectRepository(GroupRevealEntity) private readonly reveals: Repository<GroupRevealEntity>,
    @InjectRepository(GroupTodoEntity) private readonly todos: Repository<GroupTodoEntity>,
    @InjectRepository(GroupRemovalEntity) private readonly removals: Repository<GroupRemovalEntity>,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly policy: GroupsPolicy,
    private readonly audit: AuditService,
    private readonly units: UnitsService,
    private readonly departures: UnitDepartures,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.audit.nameTargets('group', async (ids) => {
      const rows = await this.groups.findBy({ id: In(ids) });
      return new Map(rows.map((group) => [group.id, group.name]));
    });
    this.departures.listen((departure) => this.listForRemoval(departure));
  }

  // ——— groups (staff) ———

  async list(ctx: SignedInContext): Promise<GroupList> {
    authorize(this.policy, ctx, 'manage', undefined);
    const rows = await this.groups.find({ order: { archived: 'ASC', id: 'ASC' } });
    return { items: await this.present(rows) };
  }

  @RetryOnConflict()
  @Transactional()
  async create(ctx: SignedInContext, body: CreateGroupRequest): Promise<Group> {
    authorize(this.policy, ctx, 'manage', undefined);
    // Two creations of one name at once: the loser's rerun finds the winner's row here.
    if (await this.groups.existsBy({ name: body.name })) throw new AppError(GroupError.NameTaken);
    const now = new Date();
    const group = await this.groups.save(
      this.groups.create({
        name: body.name,
        minLevel: body.minLevel,
        note: body.note || null,
        archived: false,
        currentCodeId: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await this.audit.record(ctx, {
      action: 'group.created',
      target: { type: 'group', id: group.id },
      detail: `${group.name}（${levelByCode(group.minLevel).name}及以上）`,
    });
    return this.presentOne(group);
  }

  /** Changes what differs; a repeated edit answers the group and records nothing. */
  @RetryOnConflict()
  @Transactional()
  async update(ctx: SignedInContext, id: number, body: UpdateGroupRequest): Promise<Group> {
    authorize(this.policy, ctx, 'manage', undefined);
    await lockRows(this.groups, [id]);
    const group = await this.groups.findOneBy({ id });
    if (!group) throw new AppError(ErrorCode.NotFound, GROUP_NOT_FOUND);
    const changes: string[] = [];
    if (body.name !== undefined && body.name !== group.name) {
      if (await this.groups.existsBy({ name: body.name, id: Not(id) }))
        throw new AppError(GroupError.NameTaken);
      changes.push(`名称：${group.name} → ${body.name}`);
      group.name = body.name;
    }
    if (body.minLevel !== undefined && body.minLevel !== group.minLevel) {
      changes.push(`级别：${levelByCode(group.minLevel).name} → ${levelByCode(body.minLevel).name}`);
      group.minLevel = body.minLevel;
    }
    const note = body.note === undefined ? undefined : body.note || null;
    if (note !== undefined && note !== group.note) {
      changes.push('修改备注');
      group.note = note;
    }
    if (body.archived !== undefined && body.archived !== group.archived) {
      changes.push(body.archived ? '停用' : '重新启用');
      group.archived = body.archived;
    }
    if (changes.length > 0) {
      group.updatedAt = new Date();
      await this.groups.save(group);
      await this.audit.record(ctx, {
        action: 'group.updated',
        target: { type: 'group', id },
        detail: changes.join('；'),
      });
    }
    return this.presentOne(group);
  }

  // ——— the code (staff upload) ———

  /**
   * Replaces the group's QR image. Everything is checked before a byte is stored; the bytes go to
   * the storage before the transaction (no slow call inside it) and are deleted again if it fails,
   * and the replaced image's bytes are deleted after it commits.
   */
  async uploadCode(ctx: SignedInContext, id: number, read: () => Promise<CodeUpload>): Promise<Group> {
    authorize(this.policy, ctx, 'manage', undefined);
    if (!(await this.groups.existsBy({ id }))) throw new AppError(ErrorCode.NotFound, GROUP_NOT_FOUND);
    const upload = await read();
    const now = new Date();
    const expiresAt = expiryOf(upload.expiresAt, now);
    const key = randomBytes(24).toString('base64url');
    await this.storage.put(key, upload.bytes, upload.contentType);
    let saved: { group: Group; replacedKey: string | null };
    try {
      saved = await this.saveCode(ctx, id, { key, upload, expiresAt, now });
    } catch (error) {
      await this.forget(key);
      throw error;
    }
    if (saved.replacedKey) await this.forget(saved.replacedKey);
    return saved.group;
  }

  @RetryOnConflict()
  @Transactional()
  private async saveCode(
    ctx: SignedInContext,
    groupId: number,
    { key, upload, expiresAt, now }: { key: string; upload: CodeUpload; expiresAt: Date; now: Date },
  ): Promise<{ group: Group; replacedKey: string | null }> {
    await lockRows(this.groups, [groupId]);
    const group = await this.groups.findOneBy({ id: groupId });
    if (!group) throw new AppError(ErrorCode.NotFound, GROUP_NOT_FOUND);
    const previous = group.currentCodeId ? await this.codes.findOneBy({ id: group.currentCodeId }) : null;
    if (previous) await this.codes.update({ id: previous.id }, { storageKey: null, replacedAt: now });
    const code = await this.codes.save(
      this.codes.create({
        groupId,
        storageKey: key,
        contentType: upload.contentType,
        size: upload.bytes.length,
        uploadedBy: ctx.user.id,
        uploadedAt: now,
        expiresAt,
        warnedAt: null,
        replacedAt: null,
      }),
    );
    group.currentCodeId = code.id;
    group.updatedAt = now;
    await this.groups.save(group);
    // The renewal is what the warning asked for. Open add_member to-dos stay: a person told that
    // staff will add them is not told again to scan, so staff still add them (or tick it off once
    // the person is in).
    await this.todos.update(
      { openKey: expiringKey(groupId) },
      { openKey: null, doneAt: now, doneBy: ctx.user.id },
    );
    await this.audit.record(ctx, {
      action: 'group.code_uploaded',
      target: { type: 'group', id: groupId },
      detail: `有效期至 ${beijingMinute(expiresAt)}（北京时间）`,
    });
    return { group: await this.presentOne(group), replacedKey: previous?.storageKey ?? null };
  }

  private async forget(key: string): Promise<void> {
    await this.storage.delete(key).catch((cause: unknown) => {
      this.logger.error(`Could not delete the group code bytes ${key}: ${String(cause)}`);
    });
  }

  // ——— the way in (members) ———

  /**
   * For each group open to the caller's unit: its code when one is current (the person is recorded
   * as shown it), else the promise that staff will add them (and one open to-do that says so).
   */
  @RetryOnConflict()
  @Transactional()
  async entry(ctx: SignedInContext): Promise<GroupEntry> {
    authorize(this.policy, ctx, 'enter', undefined);
    const membership = await this.units.membershipOf(ctx.user.id);
    if (!membership) throw new AppError(GroupError.MembersOnly);
    if (membership.status !== 'active') throw new AppError(GroupError.UnitNotActive);
    const now = new Date();
    const nickname = groupNickname(membership.unitName, membership.contactName);
    const open = (await this.groups.find({ where: { archived: false }, order: { id: 'ASC' } })).filter(
      (group) => rankOf(group.minLevel) <= rankOf(membership.level),
    );
    const items: GroupEntry['items'] = [];
    for (const group of open) {
      const code = await this.currentCode(group, now);
      if (code) {
        await this.recordReveal(ctx, group, code, membership, nickname, now);
        items.push({
          groupId: group.id,
          name: group.name,
          status: 'code',
          nickname,
          expiresAt: code.expiresAt.toISOString(),
        });
      } else {
        await this.askStaffToAdd(ctx.user.id, group, membership, nickname, now);
        items.push({ groupId: group.id, name: group.name, status: 'staff_will_add', nickname });
      }
    }
    return { items };
  }

  /** The image, to staff, and to a person who may enter the group while its code is current; else 404. */
  async code(ctx: SignedInContext, id: number): Promise<CodeImage> {
    const code = this.policy.can(ctx, 'manage', undefined)
      ? await this.staffCode(id)
      : await this.revealCode(ctx, id);
    // A code replaced between the decision and the read: its bytes are gone, the new one is a reload away.
    const bytes = code?.storageKey ? await this.storage.get(code.storageKey) : null;
    if (!code || !bytes) throw new AppError(ErrorCode.NotFound, '群二维码已更新，请返回后重新打开');
    return { contentType: code.contentType, size: code.size, bytes };
  }

  private async staffCode(id: number): Promise<GroupCodeEntity | null> {
    const group = await this.groups.findOneBy({ id });
    return group?.currentCodeId ? this.codes.findOneBy({ id: group.currentCodeId }) : null;
  }

  @RetryOnConflict()
  @Transactional()
  private async revealCode(ctx: SignedInContext, id: number): Promise<GroupCodeEntity> {
    const membership = await this.units.membershipOf(ctx.user.id);
    const group = await this.groups.findOneBy({ id });
    const now = new Date();
    const code = group ? await this.currentCode(group, now) : null;
    const mayEnter =
      membership?.status === 'active' &&
      group !== null &&
      !group.archived &&
      rankOf(group.minLevel) <= rankOf(membership.level) &&
      code !== null;
    authorize(this.policy, ctx, 'readCode', { mayEnter }, { hide: true });
    if (!membership || !group || !code) throw new AppError(ErrorCode.NotFound);
    await this.recordReveal(
      ctx,
      group,
      code,
      membership,
      groupNickname(membership.unitName, membership.contactName),
      now,
    );
    return code;
  }

  /** The group's code if it has one that has not expired. */
  private async currentCode(group: WechatGroupEntity, now: Date): Promise<GroupCodeEntity | null> {
    if (!group.currentCodeId) return null;
    const code = await this.codes.findOneBy({ id: group.currentCodeId });
    return code?.storageKey && code.expiresAt > now ? code : null;
  }

  /**
   * Records that the person was shown the group's code (first and last time) and audits it once
   * per person and upload: a person reopening the page all week is one entry, a new code is another.
   */
  private async recordReveal(
    ctx: SignedInContext,
    group: WechatGroupEntity,
    code: GroupCodeEntity,
    membership: Membership,
    nickname: string,
    now: Date,
  ): Promise<void> {
    const who = {
      unitId: membership.unitId,
      name: membership.contactName,
      unitName: membership.unitName,
      nickname,
    };
    const existing = await this.reveals.findOneBy({ groupId: group.id, userId: ctx.user.id });
    let fresh: boolean;
    if (!existing) {
      // Two first reveals at once collide on (group, user); the loser's rerun takes the update path.
      await this.reveals.insert({
        groupId: group.id,
        userId: ctx.user.id,
        ...who,
        firstShownAt: now,
        lastShownAt: now,
        lastCodeId: code.id,
        addedByStaffAt: null,
        leftAt: null,
      });
      fresh = true;
    } else {
      // Guarded on "not yet shown this upload": of two reveals at once, one changes the row and audits.
      const { affected } = await this.reveals
        .createQueryBuilder()
        .update()
        .set({ lastCodeId: code.id, leftAt: null })
        .where('id = :id AND (last_code_id IS NULL OR last_code_id <> :codeId OR left_at IS NOT NULL)', {
          id: existing.id,
          codeId: code.id,
        })
        .execute();
      fresh = (affected ?? 0) > 0;
      await this.reveals.update(
        { id: existing.id },
        { ...who, firstShownAt: existing.firstShownAt ?? now, lastShownAt: now },
      );
    }
    if (fresh) {
      await this.audit.record(ctx, {
        action: 'group.code_revealed',
        target: { type: 'group', id: group.id },
        detail: `${nickname}（${membership.unitName}）`,
      });
    }
  }

  /** One open add_member to-do per group and person; none for someone staff already added. */
  private async askStaffToAdd(
    userId: number,
    group: WechatGroupEntity,
    membership: Membership,
    nickname: string,
    now: Date,
  ): Promise<void> {
    const openKey = addKey(group.id, userId);
    if (await this.todos.existsBy({ openKey })) return;
    const admitted = await this.reveals.findOneBy({ groupId: group.id, userId });
    if (admitted?.addedByStaffAt && !admitted.leftAt) return;
    // Two opens at once collide on the open key; the loser's rerun finds the winner's to-do above.
    await this.todos.insert({
      kind: 'add_member',
      groupId: group.id,
      userId,
      unitId: membership.unitId,
      name: membership.contactName,
      unitName: membership.unitName,
      nickname,
      openKey,
      createdAt: now,
      doneAt: null,
      doneBy: null,
    });
  }

  // ——— expiry warnings ———

  /**
   * Warns staff once per code that expires within GROUP_CODE_WARN_HOURS (or has expired unwarned):
   * a to-do, and a message to every staff member (a WeChat subscribe message where they hold a
   * credit). Safe on several replicas at once: the code's `warned_at` is set by one of them only.
   * Returns how many codes were warned about.
   */
  async checkExpiringCodes(now: Date = new Date()): Promise<number> {
    const horizon = new Date(now.getTime() + GROUP_CODE_WARN_HOURS * HOUR_MS);
    const due = await this.codes.findBy({
      warnedAt: IsNull(),
      replacedAt: IsNull(),
      expiresAt: LessThanOrEqual(horizon),
    });
    let warned = 0;
    for (const code of due) {
      const messageIds = await this.warn(code.id, now);
      if (messageIds === null) continue;
      warned += 1;
      await this.notifications.deliver(messageIds);
    }
    return warned;
  }

  /** The message ids to deliver, or null when another run warned first (or the group is not in use). */
  @RetryOnConflict()
  @Transactional()
  private async warn(codeId: number, now: Date): Promise<number[] | null> {
    const code = await this.codes.findOneBy({ id: codeId });
    const group = code ? await this.groups.findOneBy({ id: code.groupId }) : null;
    if (!code || !group || group.archived || group.currentCodeId !== code.id) return null;
    const { affected } = await this.codes.update({ id: codeId, warnedAt: IsNull() }, { warnedAt: now });
    if (!affected) return null;
    const openKey = expiringKey(group.id);
    if (!(await this.todos.existsBy({ openKey }))) {
      await this.todos.insert({
        kind: 'code_expiring',
        groupId: group.id,
        userId: null,
        unitId: null,
        name: null,
        unitName: null,
        nickname: null,
        openKey,
        createdAt: now,
        doneAt: null,
        doneBy: null,
      });
    }
    const when = beijingMinute(code.expiresAt);
    const body =
      code.expiresAt > now
        ? `「${group.name}」的群二维码将于 ${when}（北京时间）失效。请在微信中重新生成群二维码并上传，以免会员无法扫码入群。`
        : `「${group.name}」的群二维码已于 ${when}（北京时间）失效。请在微信中重新生成群二维码并上传；在此之前，申请入群的会员会出现在工作台的待办中。`;
    const staff = await this.users.idsWithAnyRole(['staff', 'admin']);
    const messageIds: number[] = [];
    for (const userId of staff) {
      messageIds.push(
        await this.notifications.notify(userId, {
          purpose: 'group_code_expiring',
          title: '群二维码即将失效',
          body,
          page: WORKBENCH_PAGE,
          fields: { groupName: group.name, expiresAt: code.expiresAt, note: '请重新上传群二维码' },
        }),
      );
    }
    return messageIds;
  }

  // ——— to-dos (staff) ———

  /** Expiring codes are looked at first, so a to-do shows even if the timer has not run yet. */
  async todoList(ctx: SignedInContext, done: boolean | undefined): Promise<GroupTodoList> {
    authorize(this.policy, ctx, 'manage', undefined);
    await this.checkExpiringCodes(new Date());
    const rows = await this.todos.find({
      where: done === undefined ? {} : { doneAt: done ? Not(IsNull()) : IsNull() },
      order: { id: 'DESC' },
      take: LIST_LIMIT,
    });
    return { items: await this.presentTodos(rows), open: await this.todos.countBy({ doneAt: IsNull() }) };
  }

  /** Ticks a to-do off; an add_member to-do done means the person is in the group, as if shown the code. */
  @RetryOnConflict()
  @Transactional()
  async completeTodo(ctx: SignedInContext, id: number): Promise<GroupTodo> {
    authorize(this.policy, ctx, 'manage', undefined);
    await lockRows(this.todos, [id]);
    const todo = await this.todos.findOneBy({ id });
    if (!todo) throw new AppError(ErrorCode.NotFound, '该待办不存在');
    if (todo.doneAt) throw new AppError(GroupError.AlreadyDone);
    const now = new Date();
    Object.assign(todo, { openKey: null, doneAt: now, doneBy: ctx.user.id });
    await this.todos.save(todo);
    if (todo.kind === 'add_member') await this.recordAddedByStaff(todo, now);
    await this.audit.record(ctx, {
      action: 'group.todo_done',
      target: { type: 'group', id: todo.groupId },
      detail: todo.kind === 'add_member' ? `已拉入群聊：${todo.nickname ?? ''}` : '已更新群二维码',
    });
    const [presented] = await this.presentTodos([todo]);
    if (!presented) throw new Error(`to-do ${id} could not be presented`);
    return presented;
  }

  private async recordAddedByStaff(todo: GroupTodoEntity, now: Date): Promise<void> {
    if (todo.userId === null || todo.unitId === null) return;
    const who = {
      unitId: todo.unitId,
      name: todo.name ?? '',
      unitName: todo.unitName ?? '',
      nickname: todo.nickname ?? '',
    };
    const existing = await this.reveals.findOneBy({ groupId: todo.groupId, userId: todo.userId });
    if (existing) {
      await this.reveals.update({ id: existing.id }, { ...who, addedByStaffAt: now, leftAt: null });
    } else {
      await this.reveals.insert({
        groupId: todo.groupId,
        userId: todo.userId,
        ...who,
        firstShownAt: null,
        lastShownAt: null,
        lastCodeId: null,
        addedByStaffAt: now,
        leftAt: null,
      });
    }
  }

  // ——— 待移出群聊 ———

  /**
   * The departure's listener, inside the transaction that made the change: everyone of it who was
   * let into a group (shown its code, or added by staff) is listed once for removal; their open
   * add_member to-dos are dropped, since no one should add them any more.
   */
  private async listForRemoval(departure: Departure): Promise<void> {
    const now = new Date();
    const admitted = await this.reveals.findBy({
      unitId: departure.unitId,
      userId: In(departure.userIds),
      leftAt: IsNull(),
    });
    for (const reveal of admitted) {
      // Guarded on "still in": a person is listed once however many departures name them.
      const { affected } = await this.reveals.update(
        { id: reveal.id, leftAt: IsNull() },
        { leftAt: now, lastCodeId: null },
      );
      if (!affected) continue;
      await this.removals.insert({
        groupId: reveal.groupId,
        userId: reveal.userId,
        unitId: reveal.unitId,
        name: reveal.name,
        unitName: reveal.unitName,
        nickname: reveal.nickname,
        reason: departure.reason,
        createdAt: now,
        doneAt: null,
        doneBy: null,
      });
    }
    await this.todos.delete({ kind: 'add_member', userId: In(departure.userIds), doneAt: IsNull() });
  }

  async removalList(ctx: SignedInContext, done: boolean | undefined): Promise<GroupRemovalList> {
    authorize(this.policy, ctx, 'manage', undefined);
    const rows = await this.removals.find({
      where: done === undefined ? {} : { doneAt: done ? Not(IsNull()) : IsNull() },
      order: { id: 'DESC' },
      take: LIST_LIMIT,
    });
    return {
      items: await this.presentRemovals(rows),
      open: await this.removals.countBy({ doneAt: IsNull() }),
    };
  }

  @RetryOnConflict()
  @Transactional()
  async completeRemoval(ctx: SignedInContext, id: number): Promise<GroupRemoval> {
    authorize(this.policy, ctx, 'manage', undefined);
    await lockRows(this.removals, [id]);
    const removal = await this.removals.findOneBy({ id });
    if (!removal) throw new AppError(ErrorCode.NotFound, '该移出事项不存在');
    if (removal.doneAt) throw new AppError(GroupError.AlreadyDone);
    Object.assign(removal, { doneAt: new Date(), doneBy: ctx.user.id });
    await this.removals.save(removal);
    await this.audit.record(ctx, {
      action: 'group.removal_done',
      target: { type: 'group', id: removal.groupId },
      detail: `已移出群聊：${removal.nickname}（${removal.unitName}）`,
    });
    const [presented] = await this.presentRemovals([removal]);
    if (!presented) throw new Error(`removal ${id} could not be presented`);
    return presented;
  }

  // ——— presenting ———

  private async presentOne(group: WechatGroupEntity): Promise<Group> {
    const [presented] = await this.present([group]);
    if (!presented) throw new Error(`group ${group.id} could not be presented`);
    return presented;
  }

  private async present(rows: WechatGroupEntity[]): Promise<Group[]> {
    const codeIds = rows.flatMap((group) => (group.currentCodeId ? [group.currentCodeId] : []));
    const codes = new Map(
      (codeIds.length ? await this.codes.findBy({ id: In(codeIds) }) : []).map((code) => [code.id, code]),
    );
    const counts = await this.revealedCounts(rows.map((group) => group.id));
    const now = new Date();
    return rows.map((group) => {
      const code = group.currentCodeId ? codes.get(group.currentCodeId) : undefined;
      return {
        id: group.id,
        name: group.name,
        minLevel: group.minLevel,
        note: group.note,
        archived: group.archived,
        code: code
          ? {
              uploadedAt: code.uploadedAt.toISOString(),
              expiresAt: code.expiresAt.toISOString(),
              expired: code.expiresAt <= now,
            }
          : null,
        revealedCount: counts.get(group.id) ?? 0,
      };
    });
  }

  /** People ever shown each group's code. */
  private async revealedCounts(groupIds: number[]): Promise<Map<number, number>> {
    if (groupIds.length === 0) return new Map();
    const rows = await this.reveals
      .createQueryBuilder('r')
      .select('r.group_id', 'groupId')
      .addSelect('COUNT(*)', 'people')
      .where({ groupId: In(groupIds), firstShownAt: Not(IsNull()) })
      .groupBy('r.group_id')
      .getRawMany<{ groupId: number | string; people: number | string }>();
    return new Map(rows.map((row) => [Number(row.groupId), Number(row.people)]));
  }

  private async groupNames(ids: number[]): Promise<Map<number, string>> {
    const rows = ids.length ? await this.groups.findBy({ id: In([...new Set(ids)]) }) : [];
    return new Map(rows.map((group) => [group.id, group.name]));
  }

  private async people(ids: (number | null)[]): Promise<Map<number, { name: string; phone: string | null }>> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    const rows = wanted.length ? await this.users.findByIds(wanted) : [];
    return new Map(rows.map((user) => [user.id, { name: user.displayName, phone: user.phone }]));
  }

  private async presentTodos(rows: GroupTodoEntity[]): Promise<GroupTodo[]> {
    const names = await this.groupNames(rows.map((todo) => todo.groupId));
    const people = await this.people(rows.flatMap((todo) => [todo.userId, todo.doneBy]));
    return rows.map((todo) => {
      const phone = todo.userId === null ? null : (people.get(todo.userId)?.phone ?? null);
      return {
        id: todo.id,
        kind: todo.kind,
        group: { id: todo.groupId, name: names.get(todo.groupId) ?? '' },
        person:
          todo.kind === 'add_member'
            ? {
                name: todo.name ?? '',
                unitName: todo.unitName ?? '',
                nickname: todo.nickname ?? '',
                phoneMasked: phone ? maskPhone(phone) : null,
              }
            : null,
        createdAt: todo.createdAt.toISOString(),
        doneAt: todo.doneAt?.toISOString() ?? null,
        doneBy: todo.doneBy === null ? null : (people.get(todo.doneBy)?.name ?? null),
      };
    });
  }

  private async presentRemovals(rows: GroupRemovalEntity[]): Promise<GroupRemoval[]> {
    const names = await this.groupNames(rows.map((removal) => removal.groupId));
    const people = await this.people(rows.map((removal) => removal.doneBy));
    return rows.map((removal) => ({
      id: removal.id,
      group: { id: removal.groupId, name: names.get(removal.groupId) ?? '' },
      name: removal.name,
      unitName: removal.unitName,
      nickname: removal.nickname,
      reason: removal.reason,
      createdAt: removal.createdAt.toISOString(),
      doneAt: removal.doneAt?.toISOString() ?? null,
      doneBy: removal.doneBy === null ? null : (people.get(removal.doneBy)?.name ?? null),
    }));
  }
}

function addKey(groupId: number, userId: number): string {
  return `add:${groupId}:${userId}`;
}

function expiringKey(groupId: number): string {
  return `expiring:${groupId}`;
}

/** The code's expiry: as sent, if it is ahead of now and at most 7 days away; by default 7 days from now. */
function expiryOf(sent: string | undefined, now: Date): Date {
  if (sent === undefined) return wholeSeconds(new Date(now.getTime() + CODE_LIFETIME_MS));
  const parsed = groupCodeFieldsSchema.safeParse({ expiresAt: sent });
  if (!parsed.success || !parsed.data.expiresAt) {
    throw new AppError(ErrorCode.BadRequest, '二维码有效期的格式不正确，请重新选择日期和时间');
  }
  const at = new Date(parsed.data.expiresAt);
  if (at <= now || at.getTime() > now.getTime() + CODE_LIFETIME_MS + CLOCK_SLACK_MS) {
    throw new AppError(GroupError.CodeExpiryOutOfRange);
  }
  return wholeSeconds(at);
}

/** MariaDB keeps whole seconds: the answer to an upload says what is stored, on either database. */
function wholeSeconds(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 1000) * 1000);
}
