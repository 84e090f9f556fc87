// Part of `npm run bench` (BENCH_PARTS=statements; also runnable alone after a build:
// node scripts/bench-statements.mjs): a bank statement of 2,000 lines, each paying one of 2,000
// bills by the remittance code in its memo, uploaded (read, matched, kept as a preview) and then
// confirmed (2,000 payments in one transaction), on SQLite and on MariaDB when one answers. The
// units and their bills are written straight into the database as setup; the two requests are
// timed. Both must stay well under 10 s; every line must match and be credited.
import { randomInt } from 'node:crypto';
import { createRequire } from 'node:module';
import { jsonAt, onEachDatabase, openDatabase, staffToken, startDevServer } from './bench-server.mjs';

const require = createRequire(import.meta.url);
const { LEVELS, levelByCode, makeRemittanceCode, usccCheckCharacter } = require('@itss/shared');
const { Workbook } = require('exceljs');

const LINES = Number(process.env.BENCH_STATEMENT_LINES || 2000);
const PORT = Number(process.env.BENCH_PORT || 3917) + 2;
const BASE = `http://127.0.0.1:${PORT}`;
const GOAL_MS = 10_000;
const json = jsonAt(BASE);

/** LINES active units, each with this year's unpaid bill under a remittance code of its own. */
async function seedBills(database, year) {
  const codes = new Set();
  while (codes.size < LINES) codes.add(makeRemittanceCode(randomInt));
  const bills = [...codes].map((code, i) => ({ i, code, level: LEVELS[i % LEVELS.length].code }));
  const db = await openDatabase(database);
  const { run } = db;
  try {
    for (let at = 0; at < bills.length; at += 500) {
      const part = bills.slice(at, at + 500);
      const units = part.map(({ i, level }) => {
        const first17 = `91440000${String(i).padStart(9, '0')}`;
        return [
          `流水基准第${i}号信息技术有限公司`,
          first17 + usccCheckCharacter(first17),
          'enterprise',
          '广东省',
          '深圳市',
          level,
          'active',
          '2020-01-01',
          '2026-01-01 00:00:00',
        ];
      });
      await run(
        `INSERT INTO units (name, credit_code, unit_type, province, city, level, status, joined_on, created_at) VALUES ${units.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        units.flat(),
      );
    }
    // The development seed has units of its own: read the bench's back in insertion order.
    const ids = (await db.all(`SELECT id FROM units WHERE name LIKE '流水基准第%' ORDER BY id`)).map(
      (row) => row.id,
    );
    for (let at = 0; at < bills.length; at += 500) {
      const part = bills.slice(at, at + 500);
      const rows = part.map(({ i, code, level }) => [
        ids[i],
        year,
        level,
        levelByCode(level).annualFeeYuan * 100,
        0,
        'unpaid',
        `${year}-03-31`,
        code,
        '2026-01-01 00:00:00',
        '2026-01-01 00:00:00',
      ]);
      await run(
        `INSERT INTO bills (unit_id, year, level, amount_fen, paid_fen, status, due_date, remittance_code, created_at, updated_at) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        rows.flat(),
      );
    }
  } finally {
    await db.close();
  }
  return bills;
}

async function statementOf(bills) {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('流水');
  sheet.addRow(['交易日期', '金额（元）', '对方户名', '附言', '流水号']);
  for (const { i, code, level } of bills) {
    sheet.addRow([
      `2026-02-${String(1 + (i % 28)).padStart(2, '0')}`,
      levelByCode(level).annualFeeYuan.toFixed(2),
      `流水基准第${i}号信息技术有限公司`,
      `会费 ${code}`,
      `BENCH${String(i).padStart(10, '0')}`,
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function run(label, database) {
  const stop = await startDevServer({ port: PORT, database });
  try {
    const year = new Date().getFullYear();
    const bills = await seedBills(database, year);
    const bytes = await statementOf(bills);
    const token = await staffToken(BASE);
    const form = new FormData();
    form.append('file', new Blob([bytes]), '银行流水.xlsx');
    let started = performance.now();
    const preview = await json('/api/dues/statements', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const uploadMs = performance.now() - started;
    if (preview.status !== 200) throw new Error(`upload: ${preview.status} ${JSON.stringify(preview.body)}`);
    if (preview.body.matched.length !== LINES)
      throw new Error(`matched ${preview.body.matched.length} of ${LINES}`);
    started = performance.now();
    const confirmed = await json(`/api/dues/statements/${preview.body.id}/confirm`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const confirmMs = performance.now() - started;
    if (confirmed.status !== 200)
      throw new Error(`confirm: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
    if (confirmed.body.credited !== LINES) throw new Error(`credited ${confirmed.body.credited} of ${LINES}`);
    return { label, lines: LINES, bytes: bytes.length, uploadMs, confirmMs };
  } finally {
    await stop();
  }
}

export async function benchStatements() {
  const results = await onEachDatabase('statements', run, { uploads: true });
  console.log(
    `\nbank statement: ${LINES} lines against ${LINES} bills, uploaded (matched) and confirmed (credited)\n`,
  );
  console.log('| database | lines | file KB | upload + match ms | confirm ms | total s | goal |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of results) {
    const total = r.uploadMs + r.confirmMs;
    console.log(
      `| ${r.label} | ${r.lines} | ${Math.round(r.bytes / 1024)} | ${Math.round(r.uploadMs)} | ${Math.round(r.confirmMs)} | ${(total / 1000).toFixed(1)} | ${r.uploadMs < GOAL_MS && r.confirmMs < GOAL_MS ? 'each < 10 s' : 'MISSED'} |`,
    );
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchStatements();
