import { ConsoleLogger } from '@nestjs/common';
import { ConfigError } from '../config/config';
import { DatabaseStartupError } from '../database/open-database';
import { StateStartupError } from '../state/redis-shared-state';

/** A reason not to start that the operator can act on: reported in one line, without a stack. */
export function isStartupRefusal(error: unknown): error is Error {
  return (
    error instanceof ConfigError ||
    error instanceof DatabaseStartupError ||
    error instanceof StateStartupError
  );
}

/**
 * Nest's logger, minus one thing: when a provider fails during start-up, Nest logs the error with its
 * stack before rethrowing it. For a refusal that is a dozen lines of framework frames above the
 * one line main.ts (or the CLI) prints; every other error is logged as before.
 */
export class StartupAwareLogger extends ConsoleLogger {
  override error(message: unknown, ...optionalParams: unknown[]): void {
    if (isStartupRefusal(message)) return;
    super.error(message, ...optionalParams);
  }
}
