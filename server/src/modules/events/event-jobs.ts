import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '../../jobs/job-scheduler';
import { HoldExpiry } from './hold-expiry';

/** Offers and payment holds are checked this often: a seat waits at most this long past its hold. */
export const EXPIRE_HOLDS_EVERY_MS = 60_000;

/** The events feature's scheduled work, declared with the server's one scheduler. */
@Injectable()
export class EventJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly holds: HoldExpiry,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'events.expire-holds',
      schedule: { everyMs: EXPIRE_HOLDS_EVERY_MS },
      run: (now) => this.holds.expireHolds(now),
    });
  }
}
