import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SharedState } from '../state/shared-state';

/** When a job runs: every `everyMs` from the epoch, or once a day at `dailyAt` (HH:MM, Beijing). */
export type JobSchedule = { everyMs: number } | { dailyAt: string };

export interface JobDefinition {
  /** Unique; names the job's slots in SharedState and its lines in the log. */
  name: string;
  schedule: JobSchedule;
  /**
   * The work of one run. It must be idempotent: a slot whose holder died mid-run is not run again,
   * and the next slot (or a test) may repeat what a run already did, so a run decides on what the
   * database holds now and sends nothing twice.
   */
  run(now: Date): Promise<unknown>;
}

const DAY_MS = 24 * 60 * 60_000;
/** Beijing keeps no daylight saving: its midnight is always 16:00 UTC of the day before. */
const BEIJING_OFFSET_MS = 8 * 60 * 60_000;

interface Slots {
  periodMs: number;
  /** Where slots start within the period, from the epoch. */
  offsetMs: number;
}

function slotsOf(job: JobDefinition): Slots {
  const { schedule } = job;
  if ('everyMs' in schedule) {
    if (!Number.isInteger(schedule.everyMs) || schedule.everyMs < 1000) {
      throw new RangeError(`job ${job.name}: everyMs must be a whole number of at least 1000`);
    }
    return { periodMs: schedule.everyMs, offsetMs: 0 };
  }
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(schedule.dailyAt);
  if (!match) throw new RangeError(`job ${job.name}: dailyAt must be HH:MM, got ${schedule.dailyAt}`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return { periodMs: DAY_MS, offsetMs: (minutes * 60_000 - BEIJING_OFFSET_MS + DAY_MS) % DAY_MS };
}

/** The start of the slot that holds `at`. */
function slotStart({ periodMs, offsetMs }: Slots, at: number): number {
  return Math.floor((at - offsetMs) / periodMs) * periodMs + offsetMs;
}

interface Scheduled {
  job: JobDefinition;
  slots: Slots;
  timer: NodeJS.Timeout | null;
  /** The run under way in this process, if any: one at a time, awaited on shutdown. */
  running: Promise<void> | null;
}

export interface JobSchedulerOptions {
  /** Start the timers at bootstrap. Off in tests, which run jobs with `runNow` at the `now` they choose. */
  timers: boolean;
}

/**
 * The server's one scheduled-job mechanism. Features declare their jobs with `register` from their
 * own `onModuleInit`; the timers start once every module is initialised. Each process keeps a
 * timer per job (unref'd: a pending run never keeps a stopping process alive) and runs a job once
 * per slot, one run at a time.
 *
 * Every replica's timer fires for every slot; the first to claim the slot in SharedState
 * (`jobs:<name>:<slot start>`, an atomic SET NX with a TTL of two periods) runs it and the others
 * skip it. With REDIS_URL that makes each slot run on one replica only; in memory it is the same
 * code over a store only this process sees. A claim is never released: a holder that dies mid-run
 * loses that slot, and the next slot's run catches up, which is why every job is idempotent.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private readonly jobs = new Map<string, Scheduled>();
  private started = false;

  constructor(
    private readonly state: SharedState,
    private readonly options: JobSchedulerOptions,
  ) {}

  register(job: JobDefinition): void {
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} is registered twice`);
    const scheduled: Scheduled = { job, slots: slotsOf(job), timer: null, running: null };
    this.jobs.set(job.name, scheduled);
    if (this.started) this.arm(scheduled);
  }

  onApplicationBootstrap(): void {
    if (!this.options.timers) return;
    this.started = true;
    for (const scheduled of this.jobs.values()) this.arm(scheduled);
  }

  /** Stops every timer and lets runs under way finish before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.started = false;
    for (const scheduled of this.jobs.values()) {
      if (scheduled.timer) clearTimeout(scheduled.timer);
      scheduled.timer = null;
    }
    await Promise.all([...this.jobs.values()].map((scheduled) => scheduled.running ?? Promise.resolve()));
  }

  /**
   * Runs a job's work at the given `now`, here and at once, claiming no slot and sharing no
   * one-at-a-time guard: for tests that move the clock, and for two runs at once to show the job's
   * own idempotence. Failures reach the caller.
   */
  async runNow(name: string, now: Date): Promise<void> {
    const scheduled = this.jobs.get(name);
    if (!scheduled) throw new Error(`no job ${name}`);
    await scheduled.job.run(now);
  }

  /** The names registered, for tests and the log. */
  names(): string[] {
    return [...this.jobs.keys()];
  }

  private arm(scheduled: Scheduled): void {
    const next = slotStart(scheduled.slots, Date.now()) + scheduled.slots.periodMs;
    scheduled.timer = setTimeout(() => this.fire(scheduled, next), next - Date.now());
    scheduled.timer.unref();
  }

  private fire(scheduled: Scheduled, slot: number): void {
    if (!this.started) return;
    this.arm(scheduled);
    if (scheduled.running) {
      this.logger.warn(`job ${scheduled.job.name}: the previous run is still going; slot skipped`);
      return;
    }
    scheduled.running = this.claimAndRun(scheduled, slot).finally(() => (scheduled.running = null));
  }

  private async claimAndRun({ job, slots }: Scheduled, slot: number): Promise<void> {
    try {
      const claim = await this.state.acquire(`jobs:${job.name}:${slot}`, slots.periodMs * 2);
      if (claim === null) return;
      await job.run(new Date());
    } catch (error) {
      this.logger.error(
        `job ${job.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }
}
