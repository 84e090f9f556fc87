import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  ErrorCode,
  type GroupEntry,
  GroupError,
  GroupErrorMessage,
  type LevelCode,
  groupNickname,
  levelByCode,
} from '@itss/shared';
import type { Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { RetryOnConflict } from '../../database/conflicts';
import { AuditService } from '../audit/audit.service';
import { FILE_STORAGE, type FileStorage } from '../files/file-storage';
import { type Membership, UnitsService } from '../units/units.service';
import { GroupCodeEntity, GroupRevealEntity, GroupTodoEntity, WechatGroupEntity } from './group.entity';
import { GroupsPolicy } from './groups.policy';

function rankOf(level: LevelCode): number {
  return levelByCode(level).rank;
}

/** The open-key of a person's one "add me" to-do for a group. */
function addKey(groupId: number, userId: number): string {
  return `add:${groupId}:${userId}`;
}

/** The image a caller may see, and where its bytes are. */
export interface CodeImage {
  contentType: GroupCodeEntity['contentType'];
  size: number;
  bytes: Readable;
}

/**
 * The way in, for contacts of member units: which groups are open to them, each group's current
 * code (recorded as shown) or the promise that staff will add them.
 */
@Injectable()
export class GroupEntryService {
  constructor(
    @InjectRepository(WechatGroupEntity) private readonly groups: Repository<WechatGroupEntity>,
    @InjectRepository(GroupCodeEntity) private readonly codes: Repository<GroupCodeEntity>,
    @InjectRepository(GroupRevealEntity) private readonly reveals: Repository<GroupRevealEntity>,
    @InjectRepository(GroupTodoEntity) private readonly todos: Repository<GroupTodoEntity>,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly policy: GroupsPolicy,
    private readonly audit: AuditService,
    private readonly units: UnitsService,
  ) {}

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
    if (!code || !bytes) throw new AppError(GroupErrorMessage.CodeReplaced);
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
}
