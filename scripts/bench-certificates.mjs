// Part of `npm run bench` (BENCH_PARTS=certificates; also alone after a build: node
// scripts/bench-certificates.mjs): the membership certificate on SQLite and MariaDB. 200 active
// units with this year's bill paid are written straight into a fresh database; staff then download
// each unit's certificate PDF once, one request at a time (each the unit's first: issued, drawn
// and subset, nothing cached), which gives the PDF's p50/p99 and its size; a few PNGs are drawn the
// same way. Then the public verification GET /api/certificates/:code is driven with autocannon
// right after GET /api/health on the same server, and its req/s compared (goal: at least 60 %).
import { createRequire } from 'node:module';
import { jsonAt, load, openDatabase, percentile, staffToken, startDevServer } from './bench-server.mjs';

const require = createRequire(import.meta.url);
const { LEVELS, UNIT_TYPES, usccCheckCharacter } = require('@itss/shared');

const UNITS = Number(process.env.BENCH_CERTIFICATE_UNITS || 200);
const PNGS = Number(process.env.BENCH_CERTIFICATE_PNGS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const DURATION = Number(process.env.BENCH_SECONDS || 10);
const GOAL = { pdfMs: 200, pdfBytes: 200 * 1024, ratio: 0.6 };
const PORT = Number(process.env.BENCH_PORT || 3917) + 5;
const BASE = `http://127.0.0.1:${PORT}`;
const json = jsonAt(BASE);

function thisYear() {
  return Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4),
  );
}

/** Paid units written straight into the database (setup, not what is measured); their ids. */
async function seedPaidUnits(config) {
  const db = await openDatabase(config);
  const sqlite = config.type === 'sqlite';
  const year = thisYear();
  const at = new Date().toISOString().slice(0, 19).replace('T', ' ');
  try {
    if (sqlite) await db.run('BEGIN');
    const units = Array.from({ length: UNITS }, (_, i) => {
      const first17 = `91110000${String(500000 + i).padStart(9, '0')}`;
      return [
        `证书基准第${i}号信息技术服务有限公司`,
        first17 + usccCheckCharacter(first17),
        UNIT_TYPES[i % UNIT_TYPES.length],
        '北京市',
        '北京市',
        LEVELS[i % 3].code,
        'active',
        '2020-05-01',
        at,
      ];
    });
    await db.run(
      `INSERT INTO units (name, credit_code, unit_type, province, city, level, status, joined_on, created_at) VALUES ${units.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      units.flat(),
    );
    const rows = await db.all(`SELECT id, level FROM units WHERE name LIKE ? ORDER BY id`, ['证书基准第%']);
    const bills = rows.map((unit, i) => [
      unit.id,
      year,
      unit.level,
      300000,
      300000,
      'paid',
      `${year}-03-31`,
      `Z${String(i).padStart(7, '0')}`,
      at,
      at,
    ]);
    await db.run(
      `INSERT INTO bills (unit_id, year, level, amount_fen, paid_fen, status, due_date, remittance_code, created_at, updated_at) VALUES ${bills.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      bills.flat(),
    );
    if (sqlite) await db.run('COMMIT');
    return rows.map((row) => row.id);
  } finally {
    await db.close();
  }
}

async function timedGet(path, token) {
  const started = performance.now();
  const res = await fetch(BASE + path, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${bytes.toString().slice(0, 200)}`);
  return { ms, size: bytes.length };
}

async function run(label, config) {
  // The server migrates the fresh database; the units go in afterwards.
  const stop = await startDevServer({ port: PORT, database: config });
  try {
    const unitIds = await seedPaidUnits(config);
    const token = await staffToken(BASE);
    // The process's first certificate reads the font: shown apart, not in the percentiles.
    const first = await timedGet(`/api/units/${unitIds[0]}/certificate.pdf`, token);
    const pdfs = [];
    for (const id of unitIds.slice(1)) pdfs.push(await timedGet(`/api/units/${id}/certificate.pdf`, token));
    const cached = await timedGet(`/api/units/${unitIds[1]}/certificate.pdf`, token);
    const pngs = [];
    for (const id of unitIds.slice(1, 1 + PNGS))
      pngs.push(await timedGet(`/api/units/${id}/certificate.png`, token));
    const times = pdfs.map((p) => p.ms).sort((a, b) => a - b);
    const sizes = pdfs.map((p) => p.size);
    const { status, body } = await json(`/api/units/${unitIds[2]}/certificate`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (status !== 200) throw new Error(`certificate: ${status}`);
    const health = await load(`${BASE}/api/health`, { connections: CONNECTIONS, duration: DURATION });
    const verify = await load(`${BASE}/api/certificates/${body.code}`, {
      connections: CONNECTIONS,
      duration: DURATION,
    });
    const check = await json(`/api/certificates/${body.code}`);
    if (!check.body?.valid) throw new Error(`verification: ${JSON.stringify(check.body)}`);
    return {
      label,
      firstMs: first.ms,
      pdfP50: percentile(times, 50),
      pdfP99: percentile(times, 99),
      cachedMs: cached.ms,
      pdfMax: Math.max(...sizes),
      pdfAvg: sizes.reduce((a, b) => a + b, 0) / sizes.length,
      pngP50: percentile(
        pngs.map((p) => p.ms).sort((a, b) => a - b),
        50,
      ),
      pngAvg: pngs.reduce((a, p) => a + p.size, 0) / pngs.length,
      health,
      verify,
    };
  } finally {
    await stop();
  }
}

/** Runs on a fresh SQLite file and, when one answers, a fresh MariaDB database. */
export async function benchCertificates() {
  const { scratchMariaDb, scratchSqlite } = require('../server/dist/database/scratch-database.js');
  const results = [];
  for (const [label, scratch] of [
    ['SQLite (embedded)', () => scratchSqlite('itss-bench-certificates')],
    ['MariaDB', () => scratchMariaDb('itss_bench_certificates')],
  ]) {
    const db = await scratch();
    if (!db) {
      console.warn(`${label} not reachable: its certificate figures are left out`);
      continue;
    }
    try {
      results.push(await run(label, db.config));
    } finally {
      await db.drop();
    }
  }
  console.log(
    `\ncertificates: ${UNITS - 1} first PDF downloads one at a time (each issued, drawn and subset); ${PNGS} PNGs; ` +
      `verification and /api/health at ${CONNECTIONS} connections, ${DURATION} s each, Node ${process.version}\n`,
  );
  console.log(
    '| database | first PDF of the process (ms) | PDF p50 ms | PDF p99 ms | PDF again, cached (ms) | PDF size max (KB) | PNG p50 ms | PNG size (KB) | /api/health req/s | verification req/s | ratio | verification p50 / p99 ms |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const ratio = r.verify.rps / r.health.rps;
    console.log(
      `| ${r.label} | ${Math.round(r.firstMs)} | ${Math.round(r.pdfP50)} | ${Math.round(r.pdfP99)} | ${Math.round(r.cachedMs)} | ${(r.pdfMax / 1024).toFixed(1)} | ${Math.round(r.pngP50)} | ${Math.round(r.pngAvg / 1024)} | ${Math.round(r.health.rps)} | ${Math.round(r.verify.rps)} | ${Math.round(ratio * 100)} % | ${r.verify.p50} / ${r.verify.p99} |`,
    );
    const misses = [
      r.pdfP99 > GOAL.pdfMs && `PDF p99 ${Math.round(r.pdfP99)} ms > ${GOAL.pdfMs} ms`,
      r.pdfMax > GOAL.pdfBytes && `PDF ${r.pdfMax} bytes > ${GOAL.pdfBytes}`,
      ratio < GOAL.ratio &&
        `verification ${Math.round(ratio * 100)} % of /api/health < ${GOAL.ratio * 100} %`,
    ].filter(Boolean);
    if (misses.length) console.warn(`${r.label}: goal missed: ${misses.join('; ')}`);
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCertificates();
