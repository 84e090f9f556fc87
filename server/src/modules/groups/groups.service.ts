import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  type CreateGroupRequest,
  type Group,
  GroupError,
  GroupErrorMessage,
  type GroupList,
  type UpdateGroupRequest,
  levelByCode,
} from '@itss/shared';
import { In, IsNull, Not, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { GroupCodeEntity, GroupRevealEntity, WechatGroupEntity } from './group.entity';
import { GroupsPolicy } from './groups.policy';

/** The groups themselves, as staff keep them: name, lowest level let in, note, in use or not. */
@Injectable()
export class GroupsService implements OnModuleInit {
  constructor(
    @InjectRepository(WechatGroupEntity) private readonly groups: Repository<WechatGroupEntity>,
    @InjectRepository(GroupCodeEntity) private readonly codes: Repository<GroupCodeEntity>,
    @InjectRepository(GroupRevealEntity) private readonly reveals: Repository<GroupRevealEntity>,
    private readonly policy: GroupsPolicy,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.audit.nameTargets('group', async (ids) => {
      const rows = await this.groups.findBy({ id: In(ids) });
      return new Map(rows.map((group) => [group.id, group.name]));
    });
  }

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
    if (!group) throw new AppError(GroupErrorMessage.GroupNotFound);
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

  /** Group names by id, in one read, for the task lists. */
  async namesOf(ids: number[]): Promise<Map<number, string>> {
    const rows = ids.length ? await this.groups.findBy({ id: In([...new Set(ids)]) }) : [];
    return new Map(rows.map((group) => [group.id, group.name]));
  }

  async presentOne(group: WechatGroupEntity): Promise<Group> {
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
}
