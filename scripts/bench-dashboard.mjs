// Part of `npm run bench` (BENCH_PARTS=dashboard; also alone after a build: node scripts/bench-dashboard.mjs):
// 工作台's dashboard at a size the branch may reach, on SQLite and MariaDB. 2,000 units (joined over
// five years, some removed), 10,000 applications across campaigns and states, 100,000 articles over
// five years and a year of bills and payments are written straight into a fresh database with
// multi-row INSERTs; then staff ask `GET /api/dashboard` one request at a time, each for a range no
// request asked before, so every answer is read from the database, not the one-minute cache: twelve
// months (what the page opens with) and five years (the widest range allowed).
import { createRequire } from 'node:module';
import {
  jsonAt,
  onEachDatabase,
  openDatabase,
  percentile,
  staffToken,
  startDevServer,
} from './bench-server.mjs';

const require = createRequire(import.meta.url);
const { ARTICLE_CATEGORIES, UNIT_TYPES, usccCheckCharacter } = require('@itss/shared');

const UNITS = Number(process.env.BENCH_DASHBOARD_UNITS || 2000);
const APPLICATIONS = Number(process.env.BENCH_DASHBOARD_APPLICATIONS || 10_000);
const ARTICLES = Number(process.env.BENCH_DASHBOARD_ARTICLES || 100_000);
/** Requests per range width; each its own range, so none is a cache hit. */
const REQUESTS = Number(process.env.BENCH_DASHBOARD_REQUESTS || 200);
const GOAL_P99_MS = 200;
const PORT = Number(process.env.BENCH_PORT || 3917) + 4;
const BASE = `http://127.0.0.1:${PORT}`;
const json = jsonAt(BASE);
const DAY_MS = 86_400_000;
/** The seeded history ends here and reaches five years back. */
const END = Date.UTC(2026, 11, 7);
const SPAN_DAYS = 5 * 365;

const day = (ms) => new Date(ms).toISOString().slice(0, 10);
const datetime = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
/** A deterministic spread over the five years for row `i` of `n`. */
const spread = (i, n) => END - Math.floor((((i * 7919) % n) / n) * SPAN_DAYS * DAY_MS) - (i % 86_400) * 1000;

/** Inserts `rows` into `table` in multi-row statements, inside one transaction on SQLite. */
async function insert(db, sqlite, table, columns, rows, batch = 500) {
  if (sqlite) await db.run('BEGIN');
  for (let start = 0; start < rows.length; start += batch) {
    const slice = rows.slice(start, start + batch);
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    await db.run(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${slice.map(() => tuple).join(', ')}`,
      slice.flat(),
    );
  }
  if (sqlite) await db.run('COMMIT');
}

export async function seed(db, sqlite) {
  const units = [];
  for (let i = 0; i < UNITS; i++) {
    const first17 = `91110000${String(i).padStart(9, '0')}`;
    const joined = spread(i, UNITS);
    units.push([
      `看板基准第${i}号信息技术有限公司`,
      first17 + usccCheckCharacter(first17),
      UNIT_TYPES[i % UNIT_TYPES.length],
      '北京市',
      '北京市',
      ['member', 'committee', 'vice_president', 'president'][i % 4],
      i % 40 === 0 ? 'removed' : i % 25 === 0 ? 'suspended' : 'active',
      day(joined),
      datetime(joined),
    ]);
  }
  await insert(
    db,
    sqlite,
    'units',
    ['name', 'credit_code', 'unit_type', 'province', 'city', 'level', 'status', 'joined_on', 'created_at'],
    units,
  );
  // Inserted in order, so the i-th id is the i-th unit above.
  const ids = (await db.all(`SELECT id, status FROM units WHERE name LIKE '看板基准%' ORDER BY id`)).map(
    (row, i) => ({ id: Number(row.id), status: row.status, at: spread(i, UNITS) }),
  );
  await insert(
    db,
    sqlite,
    'unit_status_changes',
    ['unit_id', 'status', 'reason', 'actor_id', 'at'],
    ids
      .filter((unit) => unit.status === 'removed')
      .map((unit) => [unit.id, 'removed', '欠缴会费', null, datetime(Math.min(END, unit.at + 200 * DAY_MS))]),
  );

  const campaigns = [];
  for (let i = 0; i < 8; i++)
    campaigns.push([`看板基准活动${i}`, `benchdash${i}`, null, datetime(END - SPAN_DAYS * DAY_MS)]);
  await insert(db, sqlite, 'campaigns', ['name', 'scene', 'created_by', 'created_at'], campaigns);
  const campaignIds = (await db.all(`SELECT id FROM campaigns WHERE scene LIKE 'benchdash%'`)).map((row) =>
    Number(row.id),
  );
  const states = ['approved', 'approved', 'rejected', 'withdrawn', 'submitted', 'needs_info', 'resubmitted'];
  const applications = [];
  for (let i = 0; i < APPLICATIONS; i++) {
    const at = datetime(spread(i, APPLICATIONS));
    const first17 = `91120000${String(i).padStart(9, '0')}`;
    applications.push([
      100_000 + i,
      states[i % states.length],
      `看板基准申请单位${i}`,
      first17 + usccCheckCharacter(first17),
      'enterprise',
      '北京市',
      '北京市',
      '北京市海淀区中关村大街 1 号',
      '张三',
      '李四',
      '经理',
      '13800000000',
      'bench@example.com',
      'member',
      3000,
      '信息技术服务',
      1,
      '2026-11',
      '2026-11',
      i % 3 === 0 ? null : campaignIds[i % campaignIds.length],
      at,
      at,
    ]);
  }
  await insert(
    db,
    sqlite,
    'applications',
    [
      'applicant_id',
      'state',
      'unit_name',
      'credit_code',
      'unit_type',
      'province',
      'city',
      'address',
      'legal_representative',
      'contact_name',
      'contact_title',
      'contact_mobile',
      'contact_email',
      'level',
      'annual_fee_yuan',
      'business_description',
      'licence_file_id',
      'rules_version',
      'privacy_version',
      'campaign_id',
      'submitted_at',
      'updated_at',
    ],
    applications,
    250,
  );

  const articleStates = [
    'published',
    'published',
    'published',
    'published',
    'published',
    'published',
    'unpublished',
    'draft',
    'archived',
    'in_review',
  ];
  const articles = [];
  for (let i = 0; i < ARTICLES; i++) {
    const at = spread(i, ARTICLES);
    const state = articleStates[i % articleStates.length];
    articles.push([
      ARTICLE_CATEGORIES[i % ARTICLE_CATEGORIES.length],
      `看板基准文章 ${i}`,
      '摘要',
      '<p>正文</p>',
      state,
      (i * 37) % 1000,
      datetime(at),
      datetime(at),
      state === 'draft' || state === 'in_review' ? null : datetime(at),
    ]);
  }
  const articleColumns = [
    'category',
    'title',
    'summary',
    'body',
    'state',
    'read_count',
    'created_at',
    'updated_at',
    'published_at',
  ];
  // The columns every bench article shares, written as literals to keep the statements short.
  if (sqlite) await db.run('BEGIN');
  for (let start = 0; start < articles.length; start += 1000) {
    const slice = articles.slice(start, start + 1000);
    await db.run(
      `INSERT INTO articles (${articleColumns.join(', ')}, visibility, pinned, attachment_file_ids, tags, content_flagged, created_by) VALUES ${slice
        .map(() => `(${articleColumns.map(() => '?').join(', ')}, 'public', 0, '[]', '[]', 0, 1)`)
        .join(', ')}`,
      slice.flat(),
    );
  }
  if (sqlite) await db.run('COMMIT');

  // This year's bills: two in three paid, by transfer on a day of the year so far.
  const year = 2026;
  const bills = ids.map((unit, i) => [
    unit.id,
    year,
    'member',
    300_000,
    i % 3 === 0 ? 0 : 300_000,
    i % 3 === 0 ? 'unpaid' : 'paid',
    `${year}-03-31`,
    `B${String(i).padStart(7, '0')}`,
    datetime(END),
    datetime(END),
  ]);
  await insert(
    db,
    sqlite,
    'bills',
    [
      'unit_id',
      'year',
      'level',
      'amount_fen',
      'paid_fen',
      'status',
      'due_date',
      'remittance_code',
      'created_at',
      'updated_at',
    ],
    bills,
  );
  const paid = await db.all(`SELECT id FROM bills WHERE year = ? AND status = 'paid'`, [year]);
  await insert(
    db,
    sqlite,
    'payments',
    [
      'subject_type',
      'subject_id',
      'method',
      'status',
      'amount_fen',
      'bank_reference',
      'paid_on',
      'created_at',
      'updated_at',
    ],
    paid.map((bill, i) => [
      'dues_bill',
      Number(bill.id),
      'bank_transfer',
      'succeeded',
      300_000,
      `BENCHDASH${i}`,
      day(END - (i % 330) * DAY_MS),
      datetime(END),
      datetime(END),
    ]),
  );
}

/** `count` requests one after another, the i-th for `range(i)`: latencies in ms, sorted. */
async function measure(token, count, range) {
  const latencies = [];
  for (let i = 0; i < count; i++) {
    const { from, to } = range(i);
    const started = performance.now();
    const res = await fetch(`${BASE}/api/dashboard?from=${from}&to=${to}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = await res.text();
    latencies.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`dashboard: ${res.status} ${body}`);
  }
  return latencies.sort((a, b) => a - b);
}

async function run(label, config) {
  const stop = await startDevServer({ port: PORT, database: config });
  const db = await openDatabase(config);
  try {
    const sqlite = config.type === 'sqlite';
    const seeding = performance.now();
    await seed(db, sqlite);
    const seedSeconds = (performance.now() - seeding) / 1000;
    const token = await staffToken(BASE);
    // Ranges ending on successive days: each a different cache key, so every answer is computed.
    const ending = (i) => END - i * DAY_MS;
    const years = (n) => (i) => ({ from: day(ending(i) - (n * 365 - 1) * DAY_MS), to: day(ending(i)) });
    await measure(token, 10, (i) => years(1)(REQUESTS * 3 + i)); // warm-up: connections, statement caches
    const twelveMonths = await measure(token, REQUESTS, years(1));
    const fiveYears = await measure(token, REQUESTS, (i) => years(5)(REQUESTS + i));
    const sample = (
      await json(`/api/dashboard?from=${day(END - (5 * 365 - 1) * DAY_MS)}&to=${day(END)}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).body;
    const published = sample.articles.byCategory.reduce((sum, row) => sum + row.published, 0);
    return {
      label,
      seedSeconds,
      published,
      applications: sample.applications.totals.submitted,
      twelveMonths: { p50: percentile(twelveMonths, 50), p99: percentile(twelveMonths, 99) },
      fiveYears: { p50: percentile(fiveYears, 50), p99: percentile(fiveYears, 99) },
    };
  } finally {
    await db.close();
    await stop();
  }
}

/** Runs on a fresh SQLite file and, when one answers, a fresh MariaDB database. */
export async function benchDashboard() {
  const results = await onEachDatabase('dashboard', run);
  console.log(
    `\ndashboard: ${UNITS} units, ${APPLICATIONS} applications, ${ARTICLES} articles; ${REQUESTS} uncached requests per range, one at a time\n`,
  );
  console.log(
    '| database | seed s | 12 months p50 ms | 12 months p99 ms | 5 years p50 ms | 5 years p99 ms | published in 5 years | applications in 5 years |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const ms = (v) => v.toFixed(1);
  for (const r of results) {
    console.log(
      `| ${r.label} | ${r.seedSeconds.toFixed(1)} | ${ms(r.twelveMonths.p50)} | ${ms(r.twelveMonths.p99)} | ${ms(r.fiveYears.p50)} | ${ms(r.fiveYears.p99)} | ${r.published} | ${r.applications} |`,
    );
  }
  for (const r of results) {
    const met = Math.max(r.twelveMonths.p99, r.fiveYears.p99) <= GOAL_P99_MS;
    console.log(`${r.label}: goal (uncached p99 ≤ ${GOAL_P99_MS} ms): ${met ? 'met' : 'NOT met'}`);
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDashboard();
