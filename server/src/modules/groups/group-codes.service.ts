import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  GROUP_CODE_MAX_DAYS,
  GROUP_CODE_WARN_HOURS,
  type Group,
  GroupError,
  GroupErrorMessage,
  groupCodeFieldsSchema,
  WORKBENCH_PAGE,
} from '@itss/shared';
import { IsNull, LessThanOrEqual, type Repository } from 'typeorm';
import { afterCommit } from '../../common/after-commit';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { beijingDateTime, wholeSeconds } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { JobScheduler } from '../../jobs/job-scheduler';
import { AuditService } from '../audit/audit.service';
import { FILE_STORAGE, type FileStorage } from '../files/file-storage';
import { NotificationsService } from '../notifications/notifications.service';
import { UsersService } from '../users/users.service';
import type { CodeUpload } from './code-upload';
import { GroupCodeEntity, GroupTodoEntity, WechatGroupEntity } from './group.entity';
import { GroupsPolicy } from './groups.policy';
import { GroupsService } from './groups.service';

const HOUR_MS = 3600_000;
const CODE_LIFETIME_MS = GROUP_CODE_MAX_DAYS * 24 * HOUR_MS;
/** A client's clock a little ahead of ours must not turn "7 days from now" into a refusal. */
const CLOCK_SLACK_MS = 60_000;

/** Often enough that a warning a day ahead is never late by much; cheap, since it reads one index. */
export const CODE_WATCH_INTERVAL_MS = 5 * 60_000;

/** The open-key of a group's one "renew the code" to-do. */
function expiringKey(groupId: number): string {
  return `expiring:${groupId}`;
}

/**
 * The groups' QR images: staff upload them (the bytes in the FileStorage), and are warned, once per
 * image, before one expires.
 */
@Injectable()
export class GroupCodesService implements OnModuleInit {
  private readonly logger = new Logger(GroupCodesService.name);

  constructor(
    @InjectRepository(WechatGroupEntity) private readonly groups: Repository<WechatGroupEntity>,
    @InjectRepository(GroupCodeEntity) private readonly codes: Repository<GroupCodeEntity>,
    @InjectRepository(GroupTodoEntity) private readonly todos: Repository<GroupTodoEntity>,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly policy: GroupsPolicy,
    private readonly audit: AuditService,
    private readonly groupsService: GroupsService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobScheduler,
  ) {}

  /** Looks for codes about to expire every few minutes; a code is warned about once whichever replica runs. */
  onModuleInit(): void {
    this.jobs.register({
      name: 'groups.code-expiry',
      schedule: { everyMs: CODE_WATCH_INTERVAL_MS },
      run: (now) => this.checkExpiringCodes(now),
    });
  }

  /**
   * Replaces the group's QR image. Everything is checked before a byte is stored; the bytes go to
   * the storage before the transaction (no slow call inside it) and are deleted again if it fails,
   * and the replaced image's bytes are deleted after it commits.
   */
  async uploadCode(ctx: SignedInContext, id: number, read: () => Promise<CodeUpload>): Promise<Group> {
    authorize(this.policy, ctx, 'manage', undefined);
    if (!(await this.groups.existsBy({ id }))) throw new AppError(GroupErrorMessage.GroupNotFound);
    const upload = await read();
    const now = new Date();
    const expiresAt = expiryOf(upload.expiresAt, now);
    const key = randomBytes(24).toString('base64url');
    await this.storage.put(key, upload.bytes, upload.contentType);
    try {
      return await this.saveCode(ctx, id, { key, upload, expiresAt, now });
    } catch (error) {
      await this.forget(key);
      throw error;
    }
  }

  @RetryOnConflict()
  @Transactional()
  private async saveCode(
    ctx: SignedInContext,
    groupId: number,
    { key, upload, expiresAt, now }: { key: string; upload: CodeUpload; expiresAt: Date; now: Date },
  ): Promise<Group> {
    await lockRows(this.groups, [groupId]);
    const group = await this.groups.findOneBy({ id: groupId });
    if (!group) throw new AppError(GroupErrorMessage.GroupNotFound);
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
      detail: `有效期至 ${beijingDateTime(expiresAt)}（北京时间）`,
    });
    const replacedKey = previous?.storageKey;
    if (replacedKey) await afterCommit(() => this.forget(replacedKey));
    return this.groupsService.presentOne(group);
  }

  private async forget(key: string): Promise<void> {
    await this.storage.delete(key).catch((cause: unknown) => {
      this.logger.error(`Could not delete the group code bytes ${key}: ${String(cause)}`);
    });
  }

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
    for (const code of due) if (await this.warn(code.id, now)) warned += 1;
    return warned;
  }

  /**
   * Whether this run warned about the code: not when another run warned first, or the group is not
   * in use. The messages go out once the warning has committed.
   */
  @RetryOnConflict()
  @Transactional()
  private async warn(codeId: number, now: Date): Promise<boolean> {
    const code = await this.codes.findOneBy({ id: codeId });
    const group = code ? await this.groups.findOneBy({ id: code.groupId }) : null;
    if (!code || !group || group.archived || group.currentCodeId !== code.id) return false;
    const { affected } = await this.codes.update({ id: codeId, warnedAt: IsNull() }, { warnedAt: now });
    if (!affected) return false;
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
    const when = beijingDateTime(code.expiresAt);
    const body =
      code.expiresAt > now
        ? `「${group.name}」的群二维码将于 ${when}（北京时间）失效。请在微信中重新生成群二维码并上传，以免会员无法扫码入群。`
        : `「${group.name}」的群二维码已于 ${when}（北京时间）失效。请在微信中重新生成群二维码并上传；在此之前，申请入群的会员会出现在工作台的待办中。`;
    const staff = await this.users.idsWithAnyRole(['staff', 'admin']);
    for (const userId of staff) {
      await this.notifications.notify(userId, {
        purpose: 'group_code_expiring',
        title: '群二维码即将失效',
        body,
        page: WORKBENCH_PAGE,
        fields: { groupName: group.name, expiresAt: code.expiresAt, note: '请重新上传群二维码' },
      });
    }
    return true;
  }
}

/** The code's expiry: as sent, if it is ahead of now and at most 7 days away; by default 7 days from now. */
function expiryOf(sent: string | undefined, now: Date): Date {
  if (sent === undefined) return wholeSeconds(new Date(now.getTime() + CODE_LIFETIME_MS));
  const parsed = groupCodeFieldsSchema.safeParse({ expiresAt: sent });
  if (!parsed.success || !parsed.data.expiresAt) throw new AppError(GroupErrorMessage.CodeExpiryMalformed);
  const at = new Date(parsed.data.expiresAt);
  if (at <= now || at.getTime() > now.getTime() + CODE_LIFETIME_MS + CLOCK_SLACK_MS) {
    throw new AppError(GroupError.CodeExpiryOutOfRange);
  }
  return wholeSeconds(at);
}
