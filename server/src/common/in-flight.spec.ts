import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { Subject, lastValueFrom } from 'rxjs';
import { InFlightRequests } from './in-flight';

function handler(): { next: CallHandler; finish: () => void } {
  const subject = new Subject<string>();
  return {
    next: { handle: () => subject.asObservable() },
    finish: () => {
      subject.next('done');
      subject.complete();
    },
  };
}

describe('InFlightRequests', () => {
  const context = {} as ExecutionContext;

  it('drains at once when idle', async () => {
    await expect(new InFlightRequests().drain(1000)).resolves.toBeUndefined();
  });

  it('waits for running handlers before draining', async () => {
    const inFlight = new InFlightRequests();
    const a = handler();
    const b = handler();
    const results = [inFlight.intercept(context, a.next), inFlight.intercept(context, b.next)].map((o) =>
      lastValueFrom(o),
    );
    expect(inFlight.count).toBe(2);
    let drained = false;
    const drain = inFlight.drain(5000).then(() => (drained = true));
    a.finish();
    await results[0];
    expect(drained).toBe(false);
    b.finish();
    await Promise.all([results[1], drain]);
    expect(drained).toBe(true);
    expect(inFlight.count).toBe(0);
  });

  it('gives up after the timeout', async () => {
    const inFlight = new InFlightRequests();
    const stuck = handler();
    void lastValueFrom(inFlight.intercept(context, stuck.next)).catch(() => undefined);
    const started = Date.now();
    await inFlight.drain(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(inFlight.count).toBe(1);
  });
});
