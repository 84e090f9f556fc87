import { Injectable } from '@nestjs/common';
import type { RemovalReason } from '@itss/shared';

/** People who stopped speaking for a unit: its contacts when it is suspended or removed, or one who left. */
export interface Departure {
  unitId: number;
  userIds: number[];
  reason: RemovalReason;
}

export type DepartureListener = (departure: Departure) => Promise<void>;

/**
 * How units tell the features that build on them (group entry) that people left, without depending
 * on them: a listener registers at start, as `audit.nameTargets` does, and is awaited inside the
 * transaction that made the change, so the consequence (待移出群聊) lands with it or not at all.
 */
@Injectable()
export class UnitDepartures {
  private readonly listeners: DepartureListener[] = [];

  listen(listener: DepartureListener): void {
    this.listeners.push(listener);
  }

  async announce(departure: Departure): Promise<void> {
    if (departure.userIds.length === 0) return;
    for (const listener of this.listeners) await listener(departure);
  }
}
