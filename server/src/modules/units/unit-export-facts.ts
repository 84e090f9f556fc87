import { Injectable } from '@nestjs/common';
import type { UnitFacts } from './unit-sheet';

/** A unit of the export, as a feature adding columns needs it. */
export interface ExportedUnit {
  id: number;
  /** The user id of its primary contact; null while it has none (an imported unit). */
  primaryUserId: number | null;
}

/** A feature's columns of the units export, for the units asked, by unit id. */
export type UnitFactsSource = (units: readonly ExportedUnit[]) => Promise<Map<number, UnitFacts>>;

/**
 * The columns other features add to the units export. Dues and applications build on units, so
 * units cannot ask them: each contributes its source at start, as features name audit targets.
 */
@Injectable()
export class UnitExportFacts {
  private readonly sources: UnitFactsSource[] = [];

  contribute(source: UnitFactsSource): void {
    this.sources.push(source);
  }

  async gather(units: readonly ExportedUnit[]): Promise<Map<number, UnitFacts>> {
    const merged = new Map<number, UnitFacts>();
    for (const source of this.sources) {
      for (const [id, facts] of await source(units)) merged.set(id, { ...merged.get(id), ...facts });
    }
    return merged;
  }
}
