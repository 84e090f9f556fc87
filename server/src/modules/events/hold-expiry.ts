import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { In, LessThanOrEqual, type Repository } from 'typeorm';
import { RetryOnConflict } from '../../database/conflicts';
import { RegistrationPayments } from './registration-payments';
import { RegistrationEntity } from './registration.entity';
import { Seats } from './seats';

/** Holds that ran out, taken per run of the job: each is a short transaction of its own. */
const EXPIRY_BATCH = 200;

/**
 * The job's work: offers and payment holds past `holdExpiresAt` are cancelled and their seats
 * passed on to the waiting list; an open WeChat Pay order for the seat is closed, and a payment
 * that beats the close is refunded (RegistrationPayments).
 */
@Injectable()
export class HoldExpiry {
  private readonly logger = new Logger(HoldExpiry.name);

  constructor(
    @InjectRepository(RegistrationEntity) private readonly registrations: Repository<RegistrationEntity>,
    private readonly seats: Seats,
    private readonly money: RegistrationPayments,
  ) {}

  async expireHolds(at: Date): Promise<{ expired: number }> {
    const due = await this.registrations.find({
      select: { id: true },
      where: { state: In(['offered', 'awaiting_payment']), holdExpiresAt: LessThanOrEqual(at) },
      order: { id: 'ASC' },
      take: EXPIRY_BATCH,
    });
    let expired = 0;
    for (const { id } of due) {
      try {
        if (await this.expireOne(id, at)) expired++;
      } catch (error) {
        this.logger.error(`Hold of registration ${id} could not expire: ${String(error)}`);
      }
    }
    return { expired };
  }

  /** Under the session's lock the hold is read again: a payment or a confirmation may have come first. */
  @RetryOnConflict()
  @Transactional()
  private async expireOne(id: number, at: Date): Promise<boolean> {
    const found = await this.registrations.findOneBy({ id });
    if (!found) return false;
    await this.seats.lock([found.sessionId]);
    const row = await this.registrations.findOneByOrFail({ id });
    const held = row.state === 'offered' || row.state === 'awaiting_payment';
    if (!held || row.holdExpiresAt === null || row.holdExpiresAt.getTime() > at.getTime()) return false;
    await this.seats.cancel(row, at);
    await this.money.closeOrdersAfterCommit([row]);
    return true;
  }
}
