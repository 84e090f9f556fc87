import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { RegistrationError, type surveyAnswerSchema } from '@itss/shared';
import { IsNull, Not, type Repository } from 'typeorm';
import type { z } from 'zod';
import { AppError } from '../../common/app-error';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { AttendancePolicy } from './attendance.policy';
import { RegistrationEntity } from './registration.entity';

export type SurveyAnswerParsed = z.output<typeof surveyAnswerSchema>;

/** The satisfaction survey: an attendee rates the event once, 1–5 with an optional comment. */
@Injectable()
export class SurveysService {
  constructor(
    @InjectRepository(RegistrationEntity) private readonly registrations: Repository<RegistrationEntity>,
    private readonly policy: AttendancePolicy,
  ) {}

  /**
   * The registration's owner answers (anyone else: 404, as for the registration), once they were
   * checked in; a second answer, or one of someone not checked in, is 409. Decided by the guarded
   * update, so of two answers sent at once one is kept.
   */
  @RetryOnConflict()
  @Transactional()
  async answer(ctx: SignedInContext, registrationId: number, answer: SurveyAnswerParsed): Promise<void> {
    const registration = await this.registrations.findOneBy({ id: registrationId });
    const relation = { isOwner: registration?.userId === ctx.user.id, isRegistrant: false };
    if (!registration || !this.policy.can(ctx, 'answer_survey', relation)) {
      throw new AppError(RegistrationError.NotFound);
    }
    const at = now();
    const { affected } = await this.registrations.update(
      { id: registrationId, state: 'confirmed', checkedInAt: Not(IsNull()), surveyedAt: IsNull() },
      { surveyRating: answer.rating, surveyComment: answer.comment || null, surveyedAt: at, updatedAt: at },
    );
    if (!affected) throw new AppError(RegistrationError.SurveyClosed);
  }
}
