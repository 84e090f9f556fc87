import { formatFen, type EventPlace, type RegistrationWindow } from '@itss/shared';
import { formatBeijingTime } from '@/utils/format';

/** The price line of a list or a head: 免费, one price, or the lowest "起". */
export function priceText(fromFen: number, toFen: number): string {
  if (toFen === 0) return '免费';
  if (fromFen === toFen) return formatFen(fromFen);
  return fromFen === 0 ? `免费 – ${formatFen(toFen)}` : `${formatFen(fromFen)} 起`;
}

/** Seats left, or that a registration now joins the waiting list. */
export function seatsText(seatsLeft: number): string {
  return seatsLeft > 0 ? `剩余 ${seatsLeft} 个名额` : '名额已满，可报名候补';
}

/** Beijing time: "2026-12-20 09:00–17:00" within a day, both ends in full across days. */
export function timeRange(startsAt: string, endsAt: string): string {
  const start = formatBeijingTime(startsAt);
  const end = formatBeijingTime(endsAt);
  return start.slice(0, 10) === end.slice(0, 10) ? `${start}–${end.slice(11)}` : `${start} 至 ${end}`;
}

/** Where: the address, or the live stream's words (its link is shown on the ticket). */
export function placeText(place: EventPlace): string {
  return place.mode === 'offline' ? place.address : '线上直播（视频号）';
}

const CLOSED_TEXTS: Record<Exclude<RegistrationWindow['state'], 'open'>, string> = {
  not_yet: '报名尚未开始',
  closed: '报名已截止',
  not_eligible: '本活动仅限会员单位报名',
  cancelled: '活动已取消',
};

/** What the register button says while it cannot be pressed: the server's words, else the state's. */
export function windowText(window: RegistrationWindow): string {
  if (window.state === 'open') return '';
  if (window.text) return window.text;
  if (window.state === 'not_yet' && window.opensAt) return `${formatBeijingTime(window.opensAt)} 开始报名`;
  return CLOSED_TEXTS[window.state];
}
