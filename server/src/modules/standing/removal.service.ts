import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  ErrorCode,
  REMOVAL_GROUND_NAMES,
  StandingError,
  type UnitRemoval,
  type unitRemovalRequestSchema,
} from '@itss/shared';
import type { Repository } from 'typeorm';
import type { z } from 'zod';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import { type SignedInContext, isStaff } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { AuditService } from '../audit/audit.service';
import { FilesService } from '../files/files.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitAdminService } from '../units/unit-admin.service';
import { UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';
import { ArrearsPolicy } from './arrears.policy';
import { ArrearsService, isProposed } from './arrears.service';
import { presentRemoval } from './removal-presenter';
import { UnitRemovalEntity } from './unit-removal.entity';

export type UnitRemovalParsed = z.output<typeof unitRemovalRequestSchema>;

/** The owner type of a removal's decision document among the files. */
const FILE_OWNER = 'unit_removal';
/** The status history keeps 200 characters of a reason; the removal record keeps it all. */
const STATUS_REASON_MAX = 200;

/**
 * Removal (除名) as a recorded decision: the unit becomes `removed` through the units feature's own
 * status change (its status history, the departures that take its contacts out of member features
 * and put their groups on the removal list, the directory), with the decision's record, the audit
 * entry and the contacts' 消息, all in one transaction. Its bills stay as they are: arrears stay on
 * record.
 */
@Injectable()
export class RemovalService implements OnModuleInit {
  constructor(
    @InjectRepository(UnitRemovalEntity) private readonly removals: Repository<UnitRemovalEntity>,
    private readonly arrears: ArrearsService,
    private readonly unitAdmin: UnitAdminService,
    private readonly unitsService: UnitsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly files: FilesService,
    private readonly users: UsersService,
    private readonly policy: ArrearsPolicy,
  ) {}

  onModuleInit(): void {
    // The decision's document is staff's to read, as the removal record is.
    this.files.allowReaders(FILE_OWNER, (actor) => Promise.resolve(isStaff(actor)));
  }

  /**
   * The unit's row is locked first, then its bills: a payment (which locks its bill) either commits
   * before this reads the bills, and a unit it took under two unpaid years is refused on the unpaid
   * ground (409 NotProposed), or waits until the removal has committed and is then recorded on the
   * removed unit's bill. Either way a serial order explains the outcome.
   */
  @RetryOnConflict()
  @Transactional()
  async remove(ctx: SignedInContext, unitId: number, input: UnitRemovalParsed): Promise<UnitRemoval> {
    authorize(this.policy, ctx, 'remove', undefined);
    const unit = await this.unitsService.lockAndFind(unitId);
    if (!unit) throw new AppError(ErrorCode.NotFound);
    if (unit.status === 'removed') throw new AppError(StandingError.AlreadyRemoved);
    const unpaid = await this.arrears.lockedUnpaidOf(unitId);
    if (input.ground === 'unpaid_two_years' && !isProposed(unpaid, unit.status)) {
      throw new AppError(StandingError.NotProposed);
    }
    const groundName = REMOVAL_GROUND_NAMES[input.ground];
    const statusReason = `${input.body}决定除名（${groundName}）：${input.reason}`;
    const contacts = await this.unitsService.contactUserIds(unitId);
    await this.unitAdmin.changeStatus(ctx, unitId, {
      status: 'removed',
      reason: statusReason.slice(0, STATUS_REASON_MAX),
    });
    const at = now();
    const row = await this.removals.save(
      this.removals.create({
        unitId,
        ground: input.ground,
        body: input.body,
        decidedOn: input.decidedOn,
        documentNumber: input.documentNumber || null,
        reason: input.reason,
        fileId: input.fileId ?? null,
        unpaidYears: unpaid.years.join(','),
        recordedBy: ctx.user.id,
        recordedAt: at,
      }),
    );
    if (input.fileId !== undefined) {
      const claimed = await this.files.claim(ctx, input.fileId, { type: FILE_OWNER, id: row.id });
      if (!claimed) throw new AppError(StandingError.FileUnusable);
    }
    await this.audit.record(ctx, {
      action: 'unit.removed',
      target: { type: 'unit', id: unitId },
      detail:
        `${unit.name}：${input.body} ${input.decidedOn} 决定除名${input.documentNumber ? `（${input.documentNumber}）` : ''}，` +
        `依据：${groundName}；${input.reason}` +
        (unpaid.years.length ? `；未缴年度 ${unpaid.years.join('、')}` : ''),
    });
    for (const userId of contacts) {
      await this.notifications.notify(userId, {
        purpose: 'unit_removed',
        title: '会员单位已被除名',
        body:
          `${unit.name}经${input.body}于 ${input.decidedOn} 决定除名，依据：${groundName}。原因：${input.reason}` +
          `。会员权益自即日起停止；如需重新入会，请重新提交入会申请。如有疑问请联系分会会员服务部。`,
        page: null,
        fields: { unitName: unit.name, status: '已除名', note: groundName, at },
      });
    }
    return presentRemoval(row, this.users);
  }
}
