import Taro from '@tarojs/taro';
import { ErrorCode, TICKET_CODE_PATTERN, type CheckInResponse } from '@itss/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError } from '@/services/http';
import { checkIn, getEventStats } from '@/packages/events/api';
import { watchNetwork } from './network';

/** A scan kept on the phone until the server has answered it. */
export interface QueuedScan {
  /** Sent with the scan, so one the server saw before (its answer lost) counts once. */
  scanId: string;
  ticketCode: string;
  scannedAt: string;
}

/** What the big panel shows after a scan. */
export type ScanOutcome =
  | { kind: 'answer'; answer: CheckInResponse; ticketCode: string; fromQueue: boolean }
  | { kind: 'queued'; ticketCode: string; again: boolean }
  | { kind: 'malformed'; ticketCode: string }
  | { kind: 'error'; message: string };

/** The queue of one event, kept in storage across visits and restarts. */
export const queueKey = (eventId: number) => `itss.events.checkins.${eventId}`;

/** Failures where the server was not reached (or could not answer): the scan is kept and sent later. */
const UNREACHED: readonly string[] = [
  ErrorCode.NetworkError,
  ErrorCode.ServiceUnavailable,
  ErrorCode.RequestTimeout,
];

/** While scans wait, they are tried again this often, besides when the network says it is back. */
export const RETRY_MS = 15_000;
const RECENT_MAX = 20;

function readQueue(eventId: number): QueuedScan[] {
  const stored: unknown = Taro.getStorageSync(queueKey(eventId));
  return Array.isArray(stored) ? (stored as QueuedScan[]) : [];
}

function writeQueue(eventId: number, queue: QueuedScan[]): void {
  if (queue.length) Taro.setStorageSync(queueKey(eventId), queue);
  else Taro.removeStorageSync(queueKey(eventId));
}

/** A fresh id per scan: time and randomness, in the contract's alphabet. */
export function newScanId(): string {
  const random = Array.from({ length: 3 }, () => Math.random().toString(36).slice(2, 8)).join('');
  return `${Date.now().toString(36)}-${random}`;
}

/** A scanned text as a ticket code: the code itself, trimmed. */
export const ticketCodeOf = (text: string): string => text.trim();

export interface CheckInQueue {
  outcome: ScanOutcome | null;
  /** Checked in so far in the event, as the server last said; null until known. */
  count: number | null;
  /** Scans waiting for the network. */
  pending: number;
  /** The answers of this visit, newest first. */
  recent: { key: string; outcome: ScanOutcome }[];
  submit: (text: string) => Promise<void>;
  /** Sends what waits, in scan order, each once; stops at the first scan the network drops. */
  flush: () => Promise<void>;
}

/**
 * The scanner's queue. A scan is written to storage before it is sent and removed once the server
 * has answered it, so a dropped network, a closed page or a restart never loses it; what waits is
 * sent again when the network returns (and every RETRY_MS), each scan by one request at a time.
 * The scanId makes a resend whose first answer was lost count once on the server.
 */
export function useCheckInQueue(eventId: number): CheckInQueue {
  const [outcome, setOutcome] = useState<ScanOutcome | null>(null);
  const [count, setCount] = useState<number | null>(null);
  const [pending, setPending] = useState(() => readQueue(eventId).length);
  const [recent, setRecent] = useState<CheckInQueue['recent']>([]);
  const inFlightRef = useRef(new Set<string>());
  const flushingRef = useRef<Promise<void> | null>(null);
  const mountedRef = useRef(true);

  // One scan may be shown twice (queued, then answered): each showing has its own key.
  const shownRef = useRef(0);
  const show = useCallback((next: ScanOutcome, scanId: string) => {
    if (!mountedRef.current) return;
    shownRef.current += 1;
    const key = `${scanId}#${shownRef.current}`;
    setOutcome(next);
    setRecent((list) => [{ key, outcome: next }, ...list].slice(0, RECENT_MAX));
  }, []);

  const remove = useCallback(
    (scanId: string) => {
      const rest = readQueue(eventId).filter((item) => item.scanId !== scanId);
      writeQueue(eventId, rest);
      if (mountedRef.current) setPending(rest.length);
    },
    [eventId],
  );

  /**
   * One request for one scan; 'unreached' leaves it queued. A scan being sent, or answered since the
   * caller read the queue, is skipped: never two requests for one scan from this phone.
   */
  const send = useCallback(
    async (scan: QueuedScan, fromQueue: boolean): Promise<'answered' | 'unreached' | 'skipped'> => {
      const queued = readQueue(eventId).some((item) => item.scanId === scan.scanId);
      if (!queued || inFlightRef.current.has(scan.scanId)) return 'skipped';
      inFlightRef.current.add(scan.scanId);
      try {
        const answer = await checkIn(eventId, { ticketCode: scan.ticketCode, scanId: scan.scanId });
        remove(scan.scanId);
        if (mountedRef.current) setCount(answer.checkedInCount);
        show({ kind: 'answer', answer, ticketCode: scan.ticketCode, fromQueue }, scan.scanId);
        return 'answered';
      } catch (thrown) {
        const failure = toApiError(thrown);
        if (UNREACHED.includes(failure.code)) return 'unreached';
        // Refused as a body (never a ticket's state): resending would be refused the same way.
        remove(scan.scanId);
        show({ kind: 'error', message: failure.message }, scan.scanId);
        return 'answered';
      } finally {
        inFlightRef.current.delete(scan.scanId);
      }
    },
    [eventId, remove, show],
  );

  const flush = useCallback((): Promise<void> => {
    if (flushingRef.current) return flushingRef.current;
    const run = (async () => {
      for (const scan of readQueue(eventId)) {
        if ((await send(scan, true)) === 'unreached') break;
      }
    })();
    // Cleared once settled, never from inside: an empty queue settles before the assignment.
    const current = run.finally(() => {
      if (flushingRef.current === current) flushingRef.current = null;
    });
    flushingRef.current = current;
    return current;
  }, [eventId, send]);

  const submit = useCallback(
    async (text: string) => {
      const ticketCode = ticketCodeOf(text);
      if (!TICKET_CODE_PATTERN.test(ticketCode)) {
        show({ kind: 'malformed', ticketCode }, newScanId());
        return;
      }
      const queue = readQueue(eventId);
      // The same ticket scanned twice while offline waits once.
      if (queue.some((item) => item.ticketCode === ticketCode)) {
        show({ kind: 'queued', ticketCode, again: true }, newScanId());
        return;
      }
      const scan: QueuedScan = { scanId: newScanId(), ticketCode, scannedAt: new Date().toISOString() };
      writeQueue(eventId, [...queue, scan]);
      setPending(queue.length + 1);
      if ((await send(scan, false)) === 'unreached')
        show({ kind: 'queued', ticketCode, again: false }, scan.scanId);
    },
    [eventId, send, show],
  );

  // What a previous visit left is sent at once; the count starts from the statistics.
  useEffect(() => {
    mountedRef.current = true;
    void flush();
    getEventStats(eventId)
      .then((stats) => {
        if (mountedRef.current) setCount((known) => known ?? stats.attended);
      })
      .catch(() => undefined);
    const stop = watchNetwork(() => void flush());
    return () => {
      mountedRef.current = false;
      stop();
    };
  }, [eventId, flush]);

  useEffect(() => {
    if (!pending) return undefined;
    const timer = setInterval(() => void flush(), RETRY_MS);
    return () => clearInterval(timer);
  }, [pending, flush]);

  return { outcome, count, pending, recent, submit, flush };
}
