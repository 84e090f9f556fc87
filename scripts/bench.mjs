#!/usr/bin/env node
// `npm run bench`: a benchmark, not a test. Starts the built server on the embedded SQLite database
// and on MariaDB (when one answers), measures cold start to the first 200, then drives
// GET /api/health, GET /api/membership/levels and the member directory GET /api/directory (over
// 1,000 seeded units) with autocannon (50 connections, 10 s each), and
// prints the figures to record in docs/PERFORMANCE.md. Each database is measured twice, with the
// response cache off (RESPONSE_CACHE=off) and on (in memory), each time on a fresh database and a
// fresh server; SQLite once more with the cache in Redis when one answers at BENCH_REDIS_URL
// (default redis://127.0.0.1:6379). Then articles on each database (BENCH_ARTICLES, default
// 100,000, seeded by scripts/bench-articles.mjs): the list at 1,000 and at 100,000 articles, detail
// and two Chinese keyword searches (one found only in bodies), uncached and cached, with
// /api/health in the cached server, and ArticleSearch.find timed without HTTP. Then the burst of application submissions
// (scripts/bench-submissions.mjs) on both databases, and a bank statement of 2,000 lines uploaded
// and confirmed against 2,000 bills (scripts/bench-statements.mjs). Then dues (scripts/bench-dues.mjs):
// opening 2,000 units' bills, and 500 WeChat Pay notifications at 50 connections, a fifth twice.
// Then the membership certificate (scripts/bench-certificates.mjs): the PDF's time and size, and the
// public verification's req/s against /api/health's in the same run.
// Then standing (scripts/bench-standing.mjs): the arrears list over 2,000 units × 3 years of bills.
// Then check-in at an event's door (scripts/bench-checkins.mjs): 20 scans a second for a minute.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { join } from 'node:path';
import { load as loadUrl } from './bench-server.mjs';
import { ROOT, mustRun } from './lib.mjs';

const require = createRequire(import.meta.url);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const DURATION = Number(process.env.BENCH_SECONDS || 10);
const PORT = Number(process.env.BENCH_PORT || 3917);
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
/** The goal for the cached levels route on SQLite at 50 connections. */
const GOAL = { ratio: 0.6, p99: 25 };
// Which parts run: `BENCH_PARTS=articles npm run bench` measures one part again without the rest.
const PARTS = new Set(
  (
    process.env.BENCH_PARTS ||
    'public,articles,submissions,statements,dues,dashboard,certificates,standing,events,checkins'
  ).split(','),
);

// The build first: on a fresh clone the contract is not compiled yet.
await mustRun(process.execPath, [join(ROOT, 'scripts/build.mjs')]);
const { LEVELS, UNIT_TYPES, usccCheckCharacter } = require('@itss/shared');
const { scratchMariaDb, scratchSqlite } = require('../server/dist/database/scratch-database.js');

function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379), timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

async function startServer(database, extraEnv) {
  const env = {
    ...process.env,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    // Production refuses to start without WeChat credentials; the benchmarked routes never call WeChat.
    WECHAT_APPID: 'wx0123456789abcdef',
    WECHAT_SECRET: '0123456789abcdef0123456789abcdef',
    EVENT_TICKET_SECRET: 'bench-ticket-secret-0123456789abcdef0123',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  Object.assign(env, extraEnv);
  if (database.type === 'sqlite') env.SQLITE_PATH = database.path;
  else env.DATABASE_URL = database.url;
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'server/dist/main.js')], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const coldStartMs = performance.now() - started;
  return {
    coldStartMs,
    stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))),
  };
}

/** `slow`: timeouts are counted, not a failure (see bench-server.mjs's `load`). */
function load(path, { slow = false } = {}) {
  return loadUrl(`http://127.0.0.1:${PORT}${path}`, { connections: CONNECTIONS, duration: DURATION, slow });
}

/** How many member units the directory is measured over: the branch's size in a few years. */
const DIRECTORY_UNITS = Number(process.env.BENCH_DIRECTORY_UNITS || 1000);

/**
 * Active member units written straight into the running server's database (the production server
 * has no way in for a benchmark), before the directory is first asked, so nothing is cached yet.
 */
async function seedUnits(database) {
  const rows = Array.from({ length: DIRECTORY_UNITS }, (_, i) => {
    const first17 = `91330000${String(i).padStart(9, '0')}`;
    return [
      `基准测试第${i}号信息技术有限公司`,
      first17 + usccCheckCharacter(first17),
      UNIT_TYPES[i % UNIT_TYPES.length],
      '浙江省',
      '杭州市',
      LEVELS[i % LEVELS.length].code,
      'active',
      `20${String(10 + (i % 15))}-0${1 + (i % 9)}-1${i % 10}`,
      '2026-11-24 00:00:00',
    ];
  });
  const sql = `INSERT INTO units (name, credit_code, unit_type, province, city, level, status, joined_on, created_at) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
  if (database.type === 'sqlite') {
    const Database = require('better-sqlite3');
    const db = new Database(database.path);
    try {
      db.prepare(sql).run(rows.flat());
    } finally {
      db.close();
    }
  } else {
    const { createConnection } = require('mysql2/promise');
    const connection = await createConnection(database.url.replace(/^mariadb:/, 'mysql:'));
    try {
      await connection.query(sql, rows.flat());
    } finally {
      await connection.end();
    }
  }
}

async function benchmark(label, cache, database, env) {
  const server = await startServer(database, env);
  try {
    await seedUnits(database);
    const health = await load('/api/health');
    const levels = await load('/api/membership/levels');
    const directory = await load('/api/directory');
    return { label, cache, coldStartMs: server.coldStartMs, health, levels, directory };
  } finally {
    await server.stop();
  }
}

/** Each variant on a database of its own, so every cold start includes the same migrations and seed. */
async function variants(label, scratch, list) {
  const out = [];
  for (const { cache, env } of list) {
    const db = await scratch();
    if (!db) return null;
    try {
      out.push(await benchmark(label, cache, db.config, env));
    } finally {
      await db.drop();
    }
  }
  return out;
}

function dirSize(path) {
  return readdirSync(path).reduce((sum, entry) => {
    const full = join(path, entry);
    const stat = statSync(full);
    return sum + (stat.isDirectory() ? dirSize(full) : stat.size);
  }, 0);
}

const results = [];
const OFF_AND_ON = [
  { cache: 'off', env: { RESPONSE_CACHE: 'off' } },
  { cache: 'memory', env: {} },
];
if (PARTS.has('public'))
  results.push(...(await variants('SQLite (embedded)', () => scratchSqlite('itss-bench'), OFF_AND_ON)));
if (PARTS.has('public') && (await reachable(REDIS_URL))) {
  const redis = [{ cache: 'redis', env: { REDIS_URL, REDIS_KEY_PREFIX: `itss-bench-${process.pid}:` } }];
  results.push(...(await variants('SQLite (embedded)', () => scratchSqlite('itss-bench'), redis)));
} else if (PARTS.has('public')) {
  console.warn(`Redis not reachable at ${new URL(REDIS_URL).host}: the Redis figures are left out`);
}
const mariadb = PARTS.has('public')
  ? await variants('MariaDB', () => scratchMariaDb('itss_bench'), OFF_AND_ON)
  : [];
if (mariadb) results.push(...mariadb);
else console.warn('MariaDB not reachable: its figures are left out');

const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log(
  `\nautocannon: ${CONNECTIONS} connections, ${DURATION} s per endpoint, Node ${process.version}\n`,
);
console.log('| database | response cache | endpoint | req/s | p50 ms | p99 ms | requests |');
console.log('| --- | --- | --- | ---: | ---: | ---: | ---: |');
for (const r of results) {
  for (const [name, m] of [
    ['GET /api/health', r.health],
    ['GET /api/membership/levels', r.levels],
    [`GET /api/directory (${fmt(DIRECTORY_UNITS)} units)`, r.directory],
  ]) {
    console.log(
      `| ${r.label} | ${r.cache} | ${name} | ${fmt(m.rps)} | ${m.p50} | ${m.p99} | ${fmt(m.total)} |`,
    );
  }
}
console.log('');
for (const r of results) {
  const ratio = r.levels.rps / r.health.rps;
  const goal =
    r.label.startsWith('SQLite') && r.cache === 'memory' && CONNECTIONS === 50
      ? ` — goal (ratio ≥ ${GOAL.ratio}, levels p99 ≤ ${GOAL.p99} ms): ${ratio >= GOAL.ratio && r.levels.p99 <= GOAL.p99 ? 'met' : 'NOT met'}`
      : '';
  console.log(
    `${r.label}, cache ${r.cache}: levels/health throughput ratio ${fmt(ratio, 2)}, directory/health ${fmt(r.directory.rps / r.health.rps, 2)}, cold start to first 200 ${fmt(r.coldStartMs)} ms${goal}`,
  );
}
// Articles: the feed, an article and a keyword search over FEW_ARTICLES and then ARTICLES
// articles, on one database per kind seeded once (bench-articles.mjs): first with the response
// cache off, where every request reads the database, so the list's p50 at ARTICLES against
// FEW_ARTICLES shows whether it reads through indexes; then with the cache in memory (what readers
// get), against /api/health in the same server.
const { ARTICLES, FEW_ARTICLES, SEARCH_KEYWORD, BODY_KEYWORD, seedArticles, timeSearch, printSearchTimes } =
  await import('./bench-articles.mjs');
const ARTICLE_GOAL = { listP50Ratio: 1.3, healthShare: 0.6, p99: 25 };
/** A keyword search (title, summary and body) in the cached server, against health in the same run. */
const SEARCH_GOAL = { healthShare: 0.25, p99: 200 };

async function articleRoutes() {
  const first = await (await fetch(`http://127.0.0.1:${PORT}/api/articles?limit=1`)).json();
  const id = first.items[0].id;
  return [
    ['GET /api/articles', '/api/articles'],
    [`GET /api/articles/:id`, `/api/articles/${id}`],
    [
      `GET /api/articles?q=${SEARCH_KEYWORD}`,
      `/api/articles?q=${encodeURIComponent(SEARCH_KEYWORD)}`,
      { slow: true },
    ],
    [
      `GET /api/articles?q=${BODY_KEYWORD} (body only)`,
      `/api/articles?q=${encodeURIComponent(BODY_KEYWORD)}`,
      { slow: true },
    ],
  ];
}

async function benchmarkArticles(label, db) {
  const out = { label, rows: [] };
  const off = await startServer(db.config, { RESPONSE_CACHE: 'off' });
  try {
    await seedArticles(db.config, 0, FEW_ARTICLES);
    out.listFew = await load('/api/articles');
    out.rows.push(['off', `GET /api/articles (${fmt(FEW_ARTICLES)} articles)`, out.listFew]);
    await seedArticles(db.config, FEW_ARTICLES, ARTICLES - FEW_ARTICLES);
    for (const [name, path, options] of await articleRoutes())
      out.rows.push(['off', name, await load(path, options)]);
    out.listMany = out.rows.at(-4)[2];
  } finally {
    await off.stop();
  }
  const cached = await startServer(db.config, {});
  try {
    out.health = await load('/api/health');
    out.rows.push(['memory', 'GET /api/health', out.health]);
    for (const [name, path, options] of await articleRoutes())
      out.rows.push(['memory', name, await load(path, options)]);
    const [list, detail, search, bodySearch] = out.rows.slice(-4).map((row) => row[2]);
    out.cached = { list, detail, search, bodySearch };
  } finally {
    await cached.stop();
  }
  out.searchTimes = await timeSearch(db.config);
  return out;
}

const articleResults = [];
for (const [label, scratch] of PARTS.has('articles')
  ? [
      ['SQLite (embedded)', () => scratchSqlite('itss-bench')],
      ['MariaDB', () => scratchMariaDb('itss_bench')],
    ]
  : []) {
  const db = await scratch();
  if (!db) continue;
  try {
    articleResults.push(await benchmarkArticles(label, db));
  } finally {
    await db.drop();
  }
}
console.log(
  `\narticles: ${fmt(ARTICLES)} seeded (${fmt(FEW_ARTICLES)} for the first list figure), ${CONNECTIONS} connections, ${DURATION} s per endpoint\n`,
);
console.log('| database | response cache | endpoint | req/s | p50 ms | p99 ms | requests |');
console.log('| --- | --- | --- | ---: | ---: | ---: | ---: |');
for (const r of articleResults) {
  for (const [cache, name, m] of r.rows) {
    console.log(
      `| ${r.label} | ${cache} | ${name} | ${fmt(m.rps)} | ${m.p50} | ${m.p99} | ${fmt(m.total)}${m.timeouts ? ` (${fmt(m.timeouts)} timed out)` : ''} |`,
    );
  }
}
console.log('');
for (const r of articleResults) {
  const ratio = r.listMany.p50 / r.listFew.p50;
  const met = (ok) => (ok ? 'met' : 'NOT met');
  const share = (m) => m.rps / r.health.rps;
  const cachedOk = (m) => share(m) >= ARTICLE_GOAL.healthShare && m.p99 <= ARTICLE_GOAL.p99;
  console.log(
    `${r.label}: uncached list p50 at ${fmt(ARTICLES)} / at ${fmt(FEW_ARTICLES)} articles ${fmt(ratio, 2)} (goal ≤ ${ARTICLE_GOAL.listP50Ratio}: ${met(ratio <= ARTICLE_GOAL.listP50Ratio)}); cached list/health ${fmt(share(r.cached.list), 2)}, detail/health ${fmt(share(r.cached.detail), 2)} (goal ≥ ${ARTICLE_GOAL.healthShare} and p99 ≤ ${ARTICLE_GOAL.p99} ms: list ${met(cachedOk(r.cached.list))}, detail ${met(cachedOk(r.cached.detail))})`,
  );
  const searchOk = (m) => share(m) >= SEARCH_GOAL.healthShare && m.p99 <= SEARCH_GOAL.p99;
  console.log(
    `${r.label}: search/health ${fmt(share(r.cached.search), 2)} (p99 ${r.cached.search.p99} ms), body search/health ${fmt(share(r.cached.bodySearch), 2)} (p99 ${r.cached.bodySearch.p99} ms) (goal ≥ ${SEARCH_GOAL.healthShare} and p99 ≤ ${SEARCH_GOAL.p99} ms: search ${met(searchOk(r.cached.search))}, body search ${met(searchOk(r.cached.bodySearch))})`,
  );
}
for (const r of articleResults) printSearchTimes(r.label, r.searchTimes);
console.log('');

const weapp = join(ROOT, 'miniapp/dist/weapp');
if (existsSync(weapp)) {
  const subpackageRoots = new Set(
    (JSON.parse(readFileSync(join(weapp, 'app.json'), 'utf8')).subPackages ?? []).map((s) =>
      s.root.replace(/\/$/, ''),
    ),
  );
  const main = readdirSync(weapp)
    .filter((entry) => !subpackageRoots.has(entry))
    .reduce((sum, entry) => {
      const full = join(weapp, entry);
      return sum + (statSync(full).isDirectory() ? dirSize(full) : statSync(full).size);
    }, 0);
  console.log(
    `weapp main package: ${fmt(main / 1024, 1)} KB (from miniapp/dist/weapp; run "npm run build:weapp" first for a fresh figure)`,
  );
} else {
  console.log('weapp main package: not built (run "npm run build:weapp")');
}

if (PARTS.has('submissions')) {
  const { benchSubmissions } = await import('./bench-submissions.mjs');
  await benchSubmissions();
}

if (PARTS.has('statements')) {
  const { benchStatements } = await import('./bench-statements.mjs');
  await benchStatements();
}

if (PARTS.has('dues')) {
  const { benchDues } = await import('./bench-dues.mjs');
  await benchDues();
}

if (PARTS.has('dashboard')) {
  const { benchDashboard } = await import('./bench-dashboard.mjs');
  await benchDashboard();
}

if (PARTS.has('certificates')) {
  const { benchCertificates } = await import('./bench-certificates.mjs');
  await benchCertificates();
}

if (PARTS.has('standing')) {
  const { benchStanding } = await import('./bench-standing.mjs');
  await benchStanding();
}

if (PARTS.has('events')) {
  const { benchEvents } = await import('./bench-events.mjs');
  await benchEvents();
}

if (PARTS.has('checkins')) {
  const { benchCheckIns } = await import('./bench-checkins.mjs');
  await benchCheckIns();
}
