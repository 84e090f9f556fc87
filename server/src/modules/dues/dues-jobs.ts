import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SYSTEM } from '../../common/request-context';
import { beijingDate } from '../../common/time';
import { JobScheduler } from '../../jobs/job-scheduler';
import { PaymentsService } from '../payments/payments.service';
import { DuesSettingsService } from './dues-settings.service';
import { DuesService } from './dues.service';
import { DuesReminders } from './reminders.service';

/** WeChat Pay orders are valid for minutes; one left unsettled is settled or closed within this. */
export const SETTLE_STALE_EVERY_MS = 5 * 60_000;
/**
 * Days from the configured open date on which the job still opens the year's bills: a server down
 * on the day itself catches up, and a unit staff record later in the year is billed by staff's
 * button, not silently by a job months on.
 */
export const OPEN_WINDOW_DAYS = 7;

const DAY_MS = 24 * 60 * 60_000;

/** Whether `today` (YYYY-MM-DD) falls on the open date (MM-DD) of its year or within the window after it. */
export function inOpenWindow(today: string, openMonthDay: string): boolean {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const [openMonth, openDay] = openMonthDay.split('-').map(Number) as [number, number];
  const days = (Date.UTC(year, month - 1, day) - Date.UTC(year, openMonth - 1, openDay)) / DAY_MS;
  return days >= 0 && days <= OPEN_WINDOW_DAYS;
}

/** The dues feature's scheduled work, declared with the server's one scheduler. */
@Injectable()
export class DuesJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly dues: DuesService,
    private readonly settings: DuesSettingsService,
    private readonly reminders: DuesReminders,
    private readonly payments: PaymentsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'dues.open-year-bills',
      schedule: { dailyAt: '00:10' },
      run: (now) => this.openYearBills(now),
    });
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

  /** Opens this year's bills on the configured date (idempotent: bills already open are counted, not made). */
  private async openYearBills(now: Date): Promise<{ opened: number; existing: number } | null> {
    const today = beijingDate(now);
    const { openMonthDay } = await this.settings.current();
    if (!inOpenWindow(today, openMonthDay)) return null;
    return this.dues.openYearBills(SYSTEM, Number(today.slice(0, 4)));
  }
}
