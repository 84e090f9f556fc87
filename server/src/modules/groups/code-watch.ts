import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { GroupCodesService } from './group-codes.service';

/** Often enough that a warning a day ahead is never late by much; cheap, since it reads one index. */
export const CODE_WATCH_INTERVAL_MS = 5 * 60_000;

/**
 * Looks for group codes about to expire every few minutes while the server runs. Each replica runs
 * its own; the service warns once per code whichever gets there first.
 */
@Injectable()
export class GroupCodeWatch implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(GroupCodeWatch.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private busy = false;

  constructor(private readonly groups: GroupCodesService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), CODE_WATCH_INTERVAL_MS);
    // A pending check must not keep a stopping process alive; shutdown waits for a running one.
    this.timer.unref();
  }

  /** Stops the timer and lets a check under way finish before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One check at a time per process: a slow database does not pile checks up. */
  private tick(): void {
    if (this.busy) return;
    this.busy = true;
    this.running = this.groups
      .checkExpiringCodes(new Date())
      .catch((error: unknown) => {
        this.logger.error(
          `Checking group codes failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .finally(() => (this.busy = false));
  }
}
