import {
  EventError,
  type LevelCode,
  RegistrationError,
  RegistrationErrorMessage,
  levelByCode,
  opensAtFor,
} from '@itss/shared';
import { AppError } from '../../common/app-error';
import { beijingDateTime } from '../../common/time';
import type { EventEntity } from './event.entity';

/**
 * Whether a unit of `level` may book seats of the event at `at`, as a registration of its primary
 * contact would be let in: published, not closed, the audience reaching the level, the window
 * open for it. Throws the contract's error otherwise.
 */
export function assertBookable(event: EventEntity, level: LevelCode, at: Date): void {
  if (event.state === 'draft') throw new AppError(EventError.NotFound);
  if (event.state === 'cancelled') throw new AppError(RegistrationError.EventCancelled);
  if (at.getTime() >= event.closesAt.getTime()) throw new AppError(RegistrationError.Closed);
  if (event.audience === 'committee' && levelByCode(level).rank < levelByCode('committee').rank) {
    throw new AppError(RegistrationError.NotEligible);
  }
  const opensAt = opensAtFor(
    {
      memberOpensAt: event.memberOpensAt.toISOString(),
      levelOpensAt: event.levelOpensAt,
      publicOpensAt: event.publicOpensAt?.toISOString() ?? null,
    },
    level,
  );
  if (opensAt && at.getTime() < Date.parse(opensAt)) {
    throw new AppError(RegistrationErrorMessage.NotOpenYetAt(beijingDateTime(new Date(opensAt))), [
      { path: 'opensAt', message: opensAt },
    ]);
  }
}
