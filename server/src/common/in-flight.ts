import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { type Observable, finalize } from 'rxjs';

/**
 * Counts route handlers still at work. On shutdown the HTTP server stops as soon as its sockets are
 * gone, but a handler whose client already hung up may still be running; the database waits for
 * them to drain before it closes, so no request dies on a closed connection pool.
 */
@Injectable()
export class InFlightRequests implements NestInterceptor {
  private active = 0;
  private readonly waiters = new Set<() => void>();

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    this.active++;
    return next.handle().pipe(finalize(() => this.release()));
  }

  get count(): number {
    return this.active;
  }

  /** Resolves when no handler is running, or after `timeoutMs` whatever remains. */
  drain(timeoutMs: number): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  private release(): void {
    this.active--;
    if (this.active === 0) for (const waiter of [...this.waiters]) waiter();
  }
}
