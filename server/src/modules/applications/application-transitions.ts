import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type ApplicationState, OPEN_APPLICATION_STATES } from '@itss/shared';
import type { Repository } from 'typeorm';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { ApplicationEntity, ApplicationHistoryEntity } from './application.entity';

/**
 * Every change of an application's state, by the applicant or by staff, keeps its history entry
 * and its audit entry with it. Callers have locked the row and checked the move against
 * APPLICATION_STATE_MACHINE.
 */
@Injectable()
export class ApplicationTransitions {
  constructor(
    @InjectRepository(ApplicationEntity) private readonly applications: Repository<ApplicationEntity>,
    @InjectRepository(ApplicationHistoryEntity)
    private readonly history: Repository<ApplicationHistoryEntity>,
    private readonly audit: AuditService,
  ) {}

  /** Moves the (locked) row to `state`, keeping the history entry and the audit entry with it. */
  async transition(
    ctx: SignedInContext,
    row: ApplicationEntity,
    state: ApplicationState,
    role: 'applicant' | 'staff',
    note: string | null,
    at = now(),
  ): Promise<ApplicationEntity> {
    row.state = state;
    row.openCreditCode = OPEN_APPLICATION_STATES.includes(state) ? row.creditCode : null;
    row.updatedAt = at;
    const saved = await this.applications.save(row);
    await this.recordTransition(ctx, saved, role, note, at);
    return saved;
  }

  async recordTransition(
    ctx: SignedInContext,
    row: ApplicationEntity,
    role: 'applicant' | 'staff',
    note: string | null,
    at: Date,
  ): Promise<void> {
    await this.history.insert({
      applicationId: row.id,
      state: row.state,
      at,
      actorId: ctx.user.id,
      actorRole: role,
      note,
    });
    await this.audit.record(ctx, {
      action: `application.${row.state}`,
      target: { type: 'application', id: row.id },
      detail: note ? `${row.unitName}：${note}` : row.unitName,
    });
  }
}
