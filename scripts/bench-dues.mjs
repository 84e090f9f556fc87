// Part of `npm run bench` (BENCH_PARTS=dues; also alone after a build: node scripts/bench-dues.mjs):
// dues at the branch's size in a few years, on SQLite and MariaDB. Opening the year's bills for
// 2,000 units in one call (and pressing it again), then WeChat Pay's notifications for 500 orders
// of 500 bills fired at 50 connections, a fifth of them sent twice (half at once, half after the
// answer), as WeChat Pay repeats them. Afterwards every bill must be paid exactly once: 500
// payments, each bill's paid amount equal to its amount. The server runs in development (the
// WeChat stand-in signs staff in) with WeChat Pay configured to this script's keys, so the script
// signs and encrypts the notifications as WeChat Pay does; the orders are written straight into the
// database (opening 500 orders through 500 contacts' phones is setup, not what is measured).
import { createRequire } from 'node:module';
import { jsonAt, openDatabase, percentile, seedUnits, staffToken, startDevServer } from './bench-server.mjs';

const require = createRequire(import.meta.url);

const UNITS = Number(process.env.BENCH_DUES_UNITS || 2000);
const ORDERS = Number(process.env.BENCH_DUES_ORDERS || 500);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const TWICE_SHARE = 0.2;
/** The JSAPI appid of the bench's merchant: its orders and notifications carry it. */
const APPID = 'wx0123456789abcdef';
const PORT = Number(process.env.BENCH_PORT || 3917) + 3;
const BASE = `http://127.0.0.1:${PORT}`;
const json = jsonAt(BASE);

function pem(key, type) {
  return key.export({ type, format: 'pem' }).toString();
}

/** WeChat Pay configured to this script's keys, at the stand-in `wechatPay` runs. */
function wechatPayEnv(wechatPay) {
  const { standinWechatPayKeys, STANDIN_MCHID } = require('../server/dist/wechatpay/standin/standin-keys.js');
  const keys = standinWechatPayKeys();
  return {
    WECHATPAY_MCHID: STANDIN_MCHID,
    WECHATPAY_SERIAL: keys.merchant.serial,
    WECHATPAY_PRIVATE_KEY: pem(keys.merchant.privateKey, 'pkcs8'),
    WECHATPAY_APIV3_KEY: keys.apiV3Key,
    WECHATPAY_PUBLIC_KEY: pem(keys.platform.publicKey, 'spki'),
    WECHATPAY_PUBLIC_KEY_ID: keys.platform.publicKeyId,
    WECHATPAY_API_BASE: wechatPay.url,
    WECHATPAY_APPID: APPID,
  };
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool(tasks, limit) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) await tasks[next++]();
    }),
  );
}

async function run(label, config) {
  const { startWechatPayStandin } = require('../server/dist/wechatpay/standin/standin.js');
  const { craftNotification } = require('../server/dist/wechatpay/standin/notifications.js');
  const { standinWechatPayKeys, STANDIN_MCHID } = require('../server/dist/wechatpay/standin/standin-keys.js');
  const wechatPay = await startWechatPayStandin({ appid: APPID });
  const stop = await startDevServer({ port: PORT, database: config, env: wechatPayEnv(wechatPay) });
  const db = await openDatabase(config);
  try {
    await seedUnits(db, UNITS, '会费基准');
    const token = await staffToken(BASE);
    const year = Number(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4),
    );
    const due = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
    const open = async () => {
      const started = performance.now();
      const res = await json(`/api/dues/years/${year}/bills`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ dueDate: due }),
      });
      if (res.status !== 200 && res.status !== 201)
        throw new Error(`open bills: ${res.status} ${JSON.stringify(res.body)}`);
      return { ms: performance.now() - started, ...res.body };
    };
    const first = await open();
    const again = await open();
    if (first.opened < UNITS || again.opened !== 0)
      throw new Error(`opening: ${JSON.stringify(first)} then ${JSON.stringify(again)}`);

    // 500 pending WeChat orders, one per bill, as contacts opening WeChat Pay would leave them.
    const bills = await db.all(
      `SELECT id, amount_fen FROM bills WHERE year = ? ORDER BY id LIMIT ${ORDERS}`,
      [year],
    );
    const at = new Date().toISOString().slice(0, 19).replace('T', ' ');
    const expires = new Date(Date.now() + 2 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    const orders = bills.map((bill, i) => ({
      billId: bill.id,
      amountFen: bill.amount_fen,
      outTradeNo: `PBENCH${process.pid}X${i}`.slice(0, 32),
    }));
    for (let start = 0; start < orders.length; start += 250) {
      const slice = orders.slice(start, start + 250);
      await db.run(
        `INSERT INTO payments (subject_type, subject_id, method, status, amount_fen, out_trade_no, open_key, payer_openid, expires_at, prepay_id, created_at, updated_at) VALUES ${slice.map(() => "('dues_bill', ?, 'wechat', 'pending', ?, ?, ?, 'o_bench_payer', ?, ?, ?, ?)").join(', ')}`,
        slice.flatMap((o) => [
          o.billId,
          o.amountFen,
          o.outTradeNo,
          `dues_bill:${o.billId}`,
          expires,
          `wx_prepay_${o.outTradeNo}`,
          at,
          at,
        ]),
      );
    }
    const keys = standinWechatPayKeys();
    const sends = [];
    for (const [i, order] of orders.entries()) {
      const notification = craftNotification({
        eventType: 'TRANSACTION.SUCCESS',
        apiV3Key: keys.apiV3Key,
        platform: keys.platform,
        plain: {
          appid: APPID,
          mchid: STANDIN_MCHID,
          out_trade_no: order.outTradeNo,
          transaction_id: `420000${String(i).padStart(22, '0')}`,
          trade_type: 'JSAPI',
          trade_state: 'SUCCESS',
          trade_state_desc: '支付成功',
          bank_type: 'OTHERS',
          attach: '',
          success_time: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
          payer: { openid: 'o_bench_payer' },
          amount: {
            total: order.amountFen,
            payer_total: order.amountFen,
            currency: 'CNY',
            payer_currency: 'CNY',
          },
        },
      });
      const dice = Math.random();
      sends.push({
        notification,
        copies: dice < TWICE_SHARE / 2 ? 'at once' : dice < TWICE_SHARE ? 'after' : 'once',
      });
    }
    const latencies = [];
    let requests = 0;
    const deliver = async ({ headers, body }) => {
      const started = performance.now();
      const res = await fetch(`${BASE}/api/payments/wechat/notify`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body,
      });
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      requests++;
      if (res.status >= 300) throw new Error(`notify: ${res.status}`);
    };
    const started = performance.now();
    await pool(
      sends.map(({ notification, copies }) => async () => {
        if (copies === 'at once') await Promise.all([deliver(notification), deliver(notification)]);
        else {
          await deliver(notification);
          if (copies === 'after') await deliver(notification);
        }
      }),
      CONNECTIONS,
    );
    const seconds = (performance.now() - started) / 1000;
    const [payments] = await db.all(
      `SELECT COUNT(*) AS n FROM payments WHERE status = 'succeeded' AND subject_type = 'dues_bill'`,
    );
    const ids = orders.map((o) => o.billId);
    const paid = await db.all(
      `SELECT id, amount_fen, paid_fen, status FROM bills WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    const wrong = paid.filter((b) => b.status !== 'paid' || Number(b.paid_fen) !== Number(b.amount_fen));
    if (Number(payments.n) !== orders.length || wrong.length > 0)
      throw new Error(
        `${payments.n} payments for ${orders.length} orders; ${wrong.length} bills not paid exactly once`,
      );
    const sorted = latencies.sort((a, b) => a - b);
    return {
      label,
      open: first,
      again,
      notify: {
        orders: orders.length,
        requests,
        rps: requests / seconds,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        payments: Number(payments.n),
      },
    };
  } finally {
    await db.close();
    await stop();
    await wechatPay.close();
  }
}

/** Runs on a fresh SQLite file and, when one answers, a fresh MariaDB database. */
export async function benchDues() {
  const { scratchMariaDb, scratchSqlite } = require('../server/dist/database/scratch-database.js');
  const results = [];
  for (const [label, scratch] of [
    ['SQLite (embedded)', () => scratchSqlite('itss-bench-dues')],
    ['MariaDB', () => scratchMariaDb('itss_bench_dues')],
  ]) {
    const db = await scratch();
    if (!db) {
      console.warn(`${label} not reachable: its dues figures are left out`);
      continue;
    }
    try {
      results.push(await run(label, db.config));
    } finally {
      await db.drop();
    }
  }
  console.log(
    `\ndues: ${UNITS} units; ${ORDERS} WeChat Pay notifications at ${CONNECTIONS} connections, ${TWICE_SHARE * 100}% sent twice\n`,
  );
  console.log(
    '| database | open the year (ms) | bills opened | again (ms) | notifications req/s | p50 ms | p99 ms | requests | payments recorded |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.label} | ${Math.round(r.open.ms)} | ${r.open.opened} | ${Math.round(r.again.ms)} | ${Math.round(r.notify.rps)} | ${Math.round(r.notify.p50)} | ${Math.round(r.notify.p99)} | ${r.notify.requests} | ${r.notify.payments} |`,
    );
  }
  if (results.length)
    console.log(
      '\nEvery order recorded one payment and every bill is paid exactly its amount: 0 lost, 0 double-credited.',
    );
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDues();
