// Part of `npm run bench` (BENCH_PARTS=checkins; also alone after a build: node
// scripts/bench-checkins.mjs): check-in at the door on SQLite and MariaDB. A training with one
// session of 1,300 confirmed registrations is written straight into a fresh database; staff then
// scan tickets at a steady 20 a second for a minute (BENCH_CHECKIN_RATE, BENCH_CHECKIN_SECONDS), one
// request at a time as a scanner sends them: mostly new tickets, every tenth a ticket scanned before
// (already checked in), every fifth a forged code, half of them named with a scanId and every
// twentieth a named scan sent again. Every answer must be 200 with the result expected; the goal is
// p99 ≤ 100 ms.
import { createHmac } from 'node:crypto';
import { onEachDatabase, openDatabase, percentile, staffToken, startDevServer } from './bench-server.mjs';

const RATE = Number(process.env.BENCH_CHECKIN_RATE || 20);
const SECONDS = Number(process.env.BENCH_CHECKIN_SECONDS || 60);
const REGISTRATIONS = RATE * SECONDS + 100;
const GOAL = { p99: 100 };
const PORT = Number(process.env.BENCH_PORT || 3917) + 7;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRET = 'bench-ticket-secret-0123456789abcdefghijklmnop';

function ticketOf(id) {
  const idText = id.toString(36);
  return `${idText}.${createHmac('sha256', SECRET).update(`ticket:${idText}`).digest('base64url').slice(0, 16)}`;
}

/** The event, its session and the registrations, written straight in; the event's and registrations' ids. */
async function seed(config) {
  const db = await openDatabase(config);
  const sqlite = config.type === 'sqlite';
  const at = new Date().toISOString().slice(0, 19).replace('T', ' ');
  const starts = new Date(Date.now() + 3600_000).toISOString().slice(0, 19).replace('T', ' ');
  try {
    if (sqlite) await db.run('BEGIN');
    await db.run(
      `INSERT INTO events (kind, title, summary, description, place_mode, place_text, starts_at, ends_at,
         member_opens_at, level_opens_at, public_opens_at, closes_at, audience, prices, refund_full_until_days,
         hours_tenths, state, created_at, updated_at, published_at)
       VALUES ('training', '签到基准培训', '', '<p>培训</p>', 'offline', '北京', ?, ?, ?, '{}', ?, ?, 'everyone',
         '{"member":0,"committee":0,"vice_president":0,"president":0,"non_member":0}', 3, 35, 'published', ?, ?, ?)`,
      [starts, starts, at, at, starts, at, at, at],
    );
    const [event] = await db.all(`SELECT id FROM events WHERE title = '签到基准培训'`);
    await db.run(
      `INSERT INTO event_sessions (event_id, position, title, starts_at, ends_at, capacity, taken) VALUES (?, 0, '全天', ?, ?, ?, ?)`,
      [event.id, starts, starts, REGISTRATIONS, REGISTRATIONS],
    );
    const [session] = await db.all(`SELECT id FROM event_sessions WHERE event_id = ?`, [event.id]);
    for (let start = 0; start < REGISTRATIONS; start += 500) {
      const rows = [];
      for (let i = start; i < Math.min(REGISTRATIONS, start + 500); i++) {
        rows.push([
          event.id,
          session.id,
          100_000 + i,
          100_000 + i,
          'confirmed',
          `参会人${i}`,
          '基准单位',
          'non_member',
          0,
          at,
          at,
        ]);
      }
      await db.run(
        `INSERT INTO event_registrations (event_id, session_id, user_id, live_user_id, state, name, unit_name, audience, price_fen, created_at, updated_at) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        rows.flat(),
      );
    }
    if (sqlite) await db.run('COMMIT');
    const ids = await db.all(`SELECT id FROM event_registrations WHERE event_id = ? ORDER BY id`, [event.id]);
    return { eventId: event.id, registrationIds: ids.map((row) => row.id) };
  } finally {
    await db.close();
  }
}

/** The scans to send, in order, with the result each must get. */
function plan(registrationIds) {
  const scans = [];
  let next = 0;
  const named = [];
  for (let i = 0; i < RATE * SECONDS; i++) {
    if (i % 20 === 19 && named.length) {
      scans.push({ ...named[named.length - 1] });
    } else if (i % 10 === 9 && next > 0) {
      scans.push({
        body: { ticketCode: ticketOf(registrationIds[i % next]) },
        expected: 'already_checked_in',
      });
    } else if (i % 5 === 4) {
      scans.push({ body: { ticketCode: `${(i + 1).toString(36)}.AAAAAAAAAAAAAAAA` }, expected: 'unknown' });
    } else {
      const scan = { body: { ticketCode: ticketOf(registrationIds[next++]) }, expected: 'checked_in' };
      if (i % 2 === 0) {
        scan.body.scanId = `bench-scan-${String(i).padStart(6, '0')}`;
        named.push(scan);
      }
      scans.push(scan);
    }
  }
  return scans;
}

async function run(label, config) {
  const stop = await startDevServer({ port: PORT, database: config, env: { EVENT_TICKET_SECRET: SECRET } });
  try {
    const { eventId, registrationIds } = await seed(config);
    const token = await staffToken(BASE);
    const scans = plan(registrationIds);
    const times = [];
    const wrong = [];
    const started = performance.now();
    // A steady rate: each scan leaves at its own time, whether or not the one before has returned.
    await Promise.all(
      scans.map(async (scan, i) => {
        const wait = started + (i * 1000) / RATE - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const sent = performance.now();
        const res = await fetch(`${BASE}/api/events/${eventId}/check-ins`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(scan.body),
        });
        const body = await res.json();
        times.push(performance.now() - sent);
        if (res.status !== 200 || body.result !== scan.expected)
          wrong.push(`${res.status} ${body.result ?? body.code} (wanted ${scan.expected})`);
      }),
    );
    times.sort((a, b) => a - b);
    // Named scans sent again answer checked_in too, and check no one in twice.
    const checkedIn = new Set(
      scans.filter((scan) => scan.expected === 'checked_in').map((scan) => scan.body.ticketCode),
    ).size;
    return {
      label,
      scans: scans.length,
      checkedIn,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max: times.at(-1),
      wrong,
    };
  } finally {
    await stop();
  }
}

export async function benchCheckIns() {
  const results = await onEachDatabase('checkins', run);
  console.log(
    `\ncheck-in: ${RATE} scans a second for ${SECONDS} s, one event of ${REGISTRATIONS} confirmed registrations, Node ${process.version}\n`,
  );
  console.log('| database | scans | tickets checked in | p50 ms | p99 ms | max ms | wrong answers |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.label} | ${r.scans} | ${r.checkedIn} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.wrong.length} |`,
    );
    if (r.wrong.length)
      console.warn(`${r.label}: wrong answers: ${[...new Set(r.wrong)].slice(0, 5).join('; ')}`);
    if (r.p99 > GOAL.p99)
      console.warn(`${r.label}: goal missed: p99 ${r.p99.toFixed(1)} ms > ${GOAL.p99} ms`);
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCheckIns();
