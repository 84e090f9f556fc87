import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '../../jobs/job-scheduler';
import { PaymentsService } from '../payments/payments.service';
import { DuesReminders } from './reminders.service';

/** WeChat Pay orders are valid for minutes; one left unsettled is settled or closed within this. */
export const SETTLE_STALE_EVERY_MS = 5 * 60_000;

/** The dues feature's scheduled work, declared with the server's one scheduler. */
@Injectable()
export class DuesJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly reminders: DuesReminders,
    private readonly payments: PaymentsService,
  ) {}

  onModuleInit(): void {
    // In the morning, Beijing time: a reminder is a message people read at work.
    this.jobs.register({
      name: 'dues.reminders',
      schedule: { dailyAt: '09:00' },
      run: (now) => this.reminders.sendDue(now),
    });
    this.jobs.register({
      name: 'dues.settle-stale-payments',
      schedule: { everyMs: SETTLE_STALE_EVERY_MS },
      run: (now) => this.payments.settleStale(now),
    });
  }
}
