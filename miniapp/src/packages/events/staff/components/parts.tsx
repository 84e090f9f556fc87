import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { EVENT_STATE_NAMES, type EventPlace, type EventState } from '@itss/shared';
import { StatusBadge } from '@/components/kit/badges';
import { ROUTES, routeUrl, type Route } from '@/routes';
import { formatBeijingTime, formatFen } from '@/utils/format';
import './events.scss';

/** "2026-12-20 09:00 – 17:00" on one day, both dates otherwise. */
export function timeRange(startsAt: string, endsAt: string): string {
  const start = formatBeijingTime(startsAt);
  const end = formatBeijingTime(endsAt);
  return start.slice(0, 10) === end.slice(0, 10) ? `${start} – ${end.slice(11)}` : `${start} – ${end}`;
}

export function placeText(place: EventPlace): string {
  return place.mode === 'offline' ? place.address : `线上直播：${place.liveUrl}`;
}

/** 免费, one price, or the range from the lowest to the highest. */
export function priceText(fromFen: number, toFen: number): string {
  if (toFen <= 0) return '免费';
  if (fromFen === toFen) return formatFen(fromFen);
  // Free for some audiences (members, often) and paid for others.
  return `${fromFen <= 0 ? '免费' : formatFen(fromFen)} – ${formatFen(toFen)}`;
}

export function EventStateBadge({ state }: { state: EventState }) {
  return <StatusBadge block="event-state" state={state} names={EVENT_STATE_NAMES} />;
}

/** The staff pages of one event, each opened with `?id=`. */
export function openEventPage(route: Route, id: number, query: Record<string, number> = {}): void {
  void Taro.navigateTo({ url: routeUrl(route, { id, ...query }) });
}

export const EVENT_PAGES = {
  edit: ROUTES.eventEdit,
  registrations: ROUTES.eventRegistrations,
  scanner: ROUTES.eventScanner,
  stats: ROUTES.eventStats,
} as const;

/** The links from one event to its other staff pages (a card's footer, a record's head). */
export const EVENT_LINKS: { key: keyof typeof EVENT_PAGES; text: string }[] = [
  { key: 'registrations', text: '报名名单' },
  { key: 'scanner', text: '扫码签到' },
  { key: 'stats', text: '统计与资料' },
];

/** The event's id from the page's query, or null when it is not one. */
export function eventIdOf(params: Record<string, string | undefined>): number | null {
  const id = Number(params.id);
  return Number.isInteger(id) && id > 0 ? id : null;
}

export function MissingEvent() {
  return <Text className="event-missing">未指定活动，请从「活动管理」进入</Text>;
}
