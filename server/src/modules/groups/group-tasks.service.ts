import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  GROUP_TASK_STATE_MACHINE,
  GroupError,
  GroupErrorMessage,
  type GroupRemoval,
  type GroupRemovalList,
  type GroupTaskState,
  type GroupTodo,
  type GroupTodoList,
  canTransition,
  maskPhone,
} from '@itss/shared';
import { In, IsNull, Not, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { type Departure, UnitDepartures } from '../units/departures';
import { UsersService } from '../users/users.service';
import { GroupCodesService } from './group-codes.service';
import { GroupRemovalEntity, GroupRevealEntity, GroupTodoEntity } from './group.entity';
import { GroupsPolicy } from './groups.policy';
import { GroupsService } from './groups.service';

/** The lists staff read: every open item, and the most recent done ones. */
const LIST_LIMIT = 200;

function stateOf(task: { doneAt: Date | null }): GroupTaskState {
  return task.doneAt ? 'done' : 'open';
}

/**
 * Staff's tasks: to-dos (add a person to a group, renew an expiring code) and 待移出群聊, the people
 * to take out of a group once they no longer speak for a member unit.
 */
@Injectable()
export class GroupTasksService implements OnModuleInit {
  constructor(
    @InjectRepository(GroupRevealEntity) private readonly reveals: Repository<GroupRevealEntity>,
    @InjectRepository(GroupTodoEntity) private readonly todos: Repository<GroupTodoEntity>,
    @InjectRepository(GroupRemovalEntity) private readonly removals: Repository<GroupRemovalEntity>,
    private readonly policy: GroupsPolicy,
    private readonly audit: AuditService,
    private readonly groups: GroupsService,
    private readonly codes: GroupCodesService,
    private readonly departures: UnitDepartures,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.departures.listen((departure) => this.listForRemoval(departure));
  }

  // ——— to-dos ———

  /** Expiring codes are looked at first, so a to-do shows even if the timer has not run yet. */
  async todoList(ctx: SignedInContext, done: boolean | undefined): Promise<GroupTodoList> {
    authorize(this.policy, ctx, 'manage', undefined);
    await this.codes.checkExpiringCodes(new Date());
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
    if (!todo) throw new AppError(GroupErrorMessage.TodoNotFound);
    if (!canTransition(GROUP_TASK_STATE_MACHINE, stateOf(todo), 'done'))
      throw new AppError(GroupError.AlreadyDone);
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
    if (!removal) throw new AppError(GroupErrorMessage.RemovalNotFound);
    if (!canTransition(GROUP_TASK_STATE_MACHINE, stateOf(removal), 'done')) {
      throw new AppError(GroupError.AlreadyDone);
    }
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

  private async people(ids: (number | null)[]): Promise<Map<number, { name: string; phone: string | null }>> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    const rows = wanted.length ? await this.users.findByIds(wanted) : [];
    return new Map(rows.map((user) => [user.id, { name: user.displayName, phone: user.phone }]));
  }

  private async presentTodos(rows: GroupTodoEntity[]): Promise<GroupTodo[]> {
    const names = await this.groups.namesOf(rows.map((todo) => todo.groupId));
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
    const names = await this.groups.namesOf(rows.map((removal) => removal.groupId));
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
