import type { JoinRequest, Me } from '@itss/shared';
import { loadFeatureEntries } from '@/registry-context';
import type { Route } from '@/routes';
import type { Query } from '@/services/query';

/**
 * What a feature adds to the shared pages (工作台, 我的, 首页), declared in its own
 * `packages/<feature>/entries.ts` and found there: the pages render these lists and name no feature.
 * Each list is ordered by `order`, across features; a section's place is that of its first item.
 * The main package loads every entries.ts (首页 and 我的 are tabs), so they hold labels, routes and
 * small functions only.
 */
export interface FeatureEntries {
  workbench?: WorkbenchTile[];
  me?: MeRow[];
  home?: HomeEntry[];
}

interface Ordered {
  order: number;
}

/** A to-do count: a badge when there is something to do, `none` when there is not. */
export interface TileCount {
  load: () => Promise<{ count: number; more?: boolean }>;
  /** Read after the count, e.g. "份待审核" in "3 份待审核". */
  label: string;
  none: string;
}

/** A link on the staff workbench, under its section's title. */
export interface WorkbenchTile extends Ordered {
  section: string;
  text: string;
  route: Route;
  /** A style modifier of the row (`staff-links__row--<modifier>`). */
  modifier?: string;
  /** Shown only to those whose abilities (`me.can`) allow it; the server decides what they may do. */
  visible?: (can: Me['can']) => boolean;
  count?: TileCount;
}

/** What the 我的 page knows when it renders its rows: refreshed each time it is shown. */
export interface MeView {
  me: Me;
  unread: number;
  /** A request to join a unit still waiting, for someone without a unit. */
  pending: JoinRequest | null;
}

/** A row of 我的 (signed in), under its section's title. */
export interface MeRow extends Ordered {
  section: string;
  text: string;
  /** Without a route the row only informs. */
  route?: Route;
  query?: (view: MeView) => Query;
  modifier?: string;
  visible?: (view: MeView) => boolean;
  /** Grey text at the row's end. */
  value?: (view: MeView) => string;
  /** A count badge (hidden at 0). */
  badge?: (view: MeView) => number;
}

/** A quick link of 首页. */
export interface HomeEntry extends Ordered {
  key: string;
  title: string;
  desc: string;
  /** The one character in the link's round mark. */
  mark: string;
  route: Route;
}

const features: FeatureEntries[] = loadFeatureEntries();

const byOrder = <T extends Ordered>(items: T[]): T[] => [...items].sort((a, b) => a.order - b.order);

export const WORKBENCH_TILES: readonly WorkbenchTile[] = byOrder(
  features.flatMap((entries) => entries.workbench ?? []),
);
export const ME_ROWS: readonly MeRow[] = byOrder(features.flatMap((entries) => entries.me ?? []));
export const HOME_ENTRIES: readonly HomeEntry[] = byOrder(features.flatMap((entries) => entries.home ?? []));

/** Items grouped by section, sections in the order of their first item. */
export function bySection<T extends Ordered & { section: string }>(
  items: readonly T[],
): { title: string; items: T[] }[] {
  const sections = new Map<string, T[]>();
  for (const item of byOrder([...items]))
    sections.set(item.section, [...(sections.get(item.section) ?? []), item]);
  return [...sections].map(([title, sectionItems]) => ({ title, items: sectionItems }));
}
