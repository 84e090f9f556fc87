// Part of `npm run bench` (BENCH_PARTS=standing; also alone after a build: node scripts/bench-standing.mjs):
// the staff arrears list (GET /api/dues/arrears) over 2,000 units with three years of bills each
// (6,000 bills: the two past years partly unpaid past their due date, this year's open), on SQLite
// and MariaDB. The list must come from one grouped read over the bills' arrears index and one
// read of the units by id, whatever the number of units: the script prints the database's plan of
// the grouped read, checks the answer against the seeded arrears, then times 300 requests, 10 in flight.
import { jsonAt, openDatabase, percentile, seedUnits, staffToken, startDevServer } from './bench-server.mjs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const UNITS = Number(process.env.BENCH_STANDING_UNITS || 2000);
const REQUESTS = Number(process.env.BENCH_STANDING_REQUESTS || 300);
const IN_FLIGHT = Number(process.env.BENCH_STANDING_IN_FLIGHT || 10);
const PORT = Number(process.env.BENCH_PORT || 3917) + 5;
const BASE = `http://127.0.0.1:${PORT}`;
const json = jsonAt(BASE);

const beijingYear = () =>
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4));

/**
 * Three years of bills per unit: year − 2 unpaid for every third unit, year − 1 unpaid for every
 * other unit (partly paid for every tenth), the rest paid; this year's open, due next month. So
 * about a sixth of the units are proposed for removal and half are in arrears.
 */
async function seedBills(db, year) {
  const units = await db.all("SELECT id FROM units WHERE name LIKE '欠费基准%' ORDER BY id");
  const at = '2026-01-05 00:00:00';
  const due = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
  let code = 0;
  const rows = [];
  for (const [i, { id }] of units.entries()) {
    const bill = (y, status, paid, dueDate) => [
      id,
      y,
      'member',
      'annual',
      0,
      300000,
      paid,
      status,
      dueDate,
      `B${String(code++).padStart(7, '0')}`,
      at,
      at,
    ];
    rows.push(bill(year - 2, i % 3 === 0 ? 'unpaid' : 'paid', i % 3 === 0 ? 0 : 300000, `${year - 2}-03-31`));
    const open = i % 2 === 0;
    rows.push(
      bill(
        year - 1,
        open ? (i % 10 === 0 ? 'partially_paid' : 'unpaid') : 'paid',
        open ? (i % 10 === 0 ? 100000 : 0) : 300000,
        `${year - 1}-03-31`,
      ),
    );
    rows.push(bill(year, 'unpaid', 0, due));
  }
  for (let start = 0; start < rows.length; start += 500) {
    const slice = rows.slice(start, start + 500);
    await db.run(
      `INSERT INTO bills (unit_id, year, level, kind, series, amount_fen, paid_fen, status, due_date, remittance_code, created_at, updated_at) VALUES ${slice.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      slice.flat(),
    );
  }
}

const ARREARS_SQL = (today) =>
  `SELECT unit_id, year, SUM(amount_fen - paid_fen) FROM bills WHERE status IN ('unpaid', 'partially_paid') AND due_date < '${today}' GROUP BY unit_id, year`;

async function planOf(db, config, today) {
  if (config.type === 'sqlite') {
    const rows = await db.all(`EXPLAIN QUERY PLAN ${ARREARS_SQL(today)}`);
    return rows.map((row) => row.detail).join('; ');
  }
  const rows = await db.all(`EXPLAIN ${ARREARS_SQL(today)}`);
  return rows.map((row) => `${row.type} ${row.key} (${row.Extra})`).join('; ');
}

async function run(label, config) {
  const stop = await startDevServer({ port: PORT, database: config });
  const db = await openDatabase(config);
  try {
    await seedUnits(db, UNITS, '欠费基准');
    const year = beijingYear();
    await seedBills(db, year);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const plan = await planOf(db, config, today);
    const token = await staffToken(BASE);
    const headers = { authorization: `Bearer ${token}` };
    const first = await json('/api/dues/arrears', { headers });
    if (first.status !== 200) throw new Error(`arrears: ${first.status} ${JSON.stringify(first.body)}`);
    const items = first.body.items.filter((item) => item.unitName.startsWith('欠费基准'));
    const proposed = items.filter((item) => item.removalProposed).length;
    // Every unit with i % 2 === 0 or i % 3 === 0 is in arrears; both (i % 6 === 0) are proposed.
    const expected = Array.from({ length: UNITS }, (_, i) => i).filter((i) => i % 2 === 0 || i % 3 === 0);
    const expectedProposed = expected.filter((i) => i % 6 === 0).length;
    if (items.length !== expected.length || proposed !== expectedProposed)
      throw new Error(
        `arrears: ${items.length} units, ${proposed} proposed; expected ${expected.length}, ${expectedProposed}`,
      );
    const latencies = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next++ < REQUESTS) {
          const t = performance.now();
          const res = await fetch(`${BASE}/api/dues/arrears`, { headers });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`arrears: ${res.status}`);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const sorted = latencies.sort((a, b) => a - b);
    return {
      label,
      inArrears: items.length,
      proposed,
      bytes: JSON.stringify(first.body).length,
      rps: latencies.length / seconds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      plan,
    };
  } finally {
    await db.close();
    await stop();
  }
}

/** Runs on a fresh SQLite file and, when one answers, a fresh MariaDB database. */
export async function benchStanding() {
  const { scratchMariaDb, scratchSqlite } = require('../server/dist/database/scratch-database.js');
  const results = [];
  for (const [label, scratch] of [
    ['SQLite (embedded)', () => scratchSqlite('itss-bench-standing')],
    ['MariaDB', () => scratchMariaDb('itss_bench_standing')],
  ]) {
    const db = await scratch();
    if (!db) {
      console.warn(`${label} not reachable: its standing figures are left out`);
      continue;
    }
    try {
      results.push(await run(label, db.config));
    } finally {
      await db.drop();
    }
  }
  console.log(
    `\nstanding: GET /api/dues/arrears over ${UNITS} units × 3 years of bills; ${REQUESTS} requests, ${IN_FLIGHT} in flight\n`,
  );
  console.log('| database | units in arrears | proposed | body (KB) | req/s | p50 ms | p99 ms |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.label} | ${r.inArrears} | ${r.proposed} | ${Math.round(r.bytes / 1024)} | ${Math.round(r.rps)} | ${Math.round(r.p50)} | ${Math.round(r.p99)} |`,
    );
  }
  for (const r of results) console.log(`\n${r.label} plan of the grouped read: ${r.plan}`);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchStanding();
