// Part of `npm run bench` (also runnable alone after a build: node scripts/bench-submissions.mjs):
// a booth at a large event. 100 clients submit 2,000 applications between them, 20 each one after
// the other, all clients at once; a random share of submissions is sent twice with the same
// Idempotency-Key, either both at once (a double tap) or again after the answer (a retry after a
// lost answer). Uploading the licences and logging in is setup, not measured. Afterwards every
// client's GET /api/applications/mine must list exactly its 20 applications, each the one its
// key was answered with: none lost, none duplicated. Prints req/s, p50 and p99 of the burst.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { onEachDatabase } from './bench-server.mjs';
import { ROOT } from './lib.mjs';

const require = createRequire(import.meta.url);
const { usccCheckCharacter } = require('@itss/shared');

const CLIENTS = Number(process.env.BENCH_SUBMIT_CLIENTS || 100);
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS || 2000);
const PORT = Number(process.env.BENCH_PORT || 3917) + 1;
const BASE = `http://127.0.0.1:${PORT}`;
/** A double tap (both at once) and a retry after the answer, each this often. */
const RETRY_SHARE = 0.15;

// A 1×1 PNG: the licence each application claims.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Development: the server plays WeChat itself, so the clients can log in without it. */
async function startServer(database) {
  const env = {
    ...process.env,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'WECHAT_APPID', 'WECHAT_SECRET', 'WECHAT_API_BASE'])
    delete env[key];
  env.UPLOAD_DIR = join(database.uploads);
  if (database.type === 'sqlite') env.SQLITE_PATH = database.path;
  else env.DATABASE_URL = database.url;
  const child = spawn(process.execPath, [join(ROOT, 'server/dist/main.js')], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${BASE}/api/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')));
}

async function json(path, init) {
  const res = await fetch(BASE + path, init);
  const body = await res.json();
  return { status: res.status, body };
}

async function login(openid) {
  const { body } = await json('/__wechat/__standin/login-code', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  });
  const res = await json('/api/auth/wechat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: body.code }),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

async function upload(token) {
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), '营业执照.png');
  const res = await json('/api/files', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

let codes = 0;
function creditCode() {
  const first17 = `9111${String(process.pid % 10_000).padStart(4, '0')}${String(codes++).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
}

function application(licenceFileId, n) {
  return {
    unitName: `展台申请单位第 ${n} 号有限公司`,
    creditCode: creditCode(),
    unitType: 'enterprise',
    province: '北京市',
    city: '海淀区',
    address: '北京市海淀区中关村大街 1 号',
    legalRepresentative: '张三',
    contact: { name: '李四', title: '总经理助理', mobile: '13912345678', email: 'lisi@example.com' },
    level: 'member',
    businessDescription: '信息技术服务、运行维护、系统集成与咨询，服务金融与政务行业客户十余年。',
    licenceFileId,
    consents: { rules: true, privacy: true },
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function burst(label, database) {
  const stop = await startServer(database);
  try {
    const perClient = Math.ceil(SUBMISSIONS / CLIENTS);
    // Setup, not measured: sessions and licences.
    const clients = [];
    for (let c = 0; c < CLIENTS; c++) {
      const token = await login(`o_bench_booth_${process.pid}_${c}`);
      const licences = await Promise.all(Array.from({ length: perClient }, () => upload(token)));
      clients.push({
        token,
        forms: licences.map((id, i) => ({
          key: randomBytes(16).toString('hex'),
          body: application(id, c * perClient + i),
        })),
      });
    }
    const latencies = [];
    const answers = new Map();
    let requests = 0;
    const send = async (token, form) => {
      const started = performance.now();
      const res = await json('/api/applications', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': form.key,
        },
        body: JSON.stringify(form.body),
      });
      latencies.push(performance.now() - started);
      requests++;
      if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
      const seen = answers.get(form.key);
      if (seen !== undefined && seen !== res.body.id)
        throw new Error(`key ${form.key} answered ${seen} and ${res.body.id}`);
      answers.set(form.key, res.body.id);
    };
    const started = performance.now();
    await Promise.all(
      clients.map(async ({ token, forms }) => {
        for (const form of forms) {
          const dice = Math.random();
          if (dice < RETRY_SHARE) await Promise.all([send(token, form), send(token, form)]);
          else if (dice < 2 * RETRY_SHARE) {
            await send(token, form);
            await send(token, form);
          } else await send(token, form);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    // None lost, none duplicated: each client's list is exactly the applications its keys were answered.
    let listed = 0;
    for (const { token, forms } of clients) {
      const { body } = await json('/api/applications/mine', {
        headers: { authorization: `Bearer ${token}` },
      });
      const ids = body.items.map((item) => item.id).sort((a, b) => a - b);
      const expected = forms.map((form) => answers.get(form.key)).sort((a, b) => a - b);
      if (JSON.stringify(ids) !== JSON.stringify(expected))
        throw new Error(`a client's applications differ: ${ids} vs ${expected}`);
      listed += ids.length;
    }
    const sorted = latencies.sort((a, b) => a - b);
    return {
      label,
      submissions: clients.reduce((n, c) => n + c.forms.length, 0),
      requests,
      listed,
      rps: requests / seconds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
    };
  } finally {
    await stop();
  }
}

/** Runs the burst on a fresh SQLite file and, when one answers, a fresh MariaDB database. */
export async function benchSubmissions() {
  const results = await onEachDatabase('submissions', burst, { uploads: true });
  console.log(
    `\nsubmission burst: ${CLIENTS} clients, ${SUBMISSIONS} applications, ${RETRY_SHARE * 100}% double taps and ${RETRY_SHARE * 100}% retries with the same Idempotency-Key\n`,
  );
  console.log('| database | applications | requests | req/s | p50 ms | p99 ms | listed afterwards |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.label} | ${r.submissions} | ${r.requests} | ${Math.round(r.rps)} | ${Math.round(r.p50)} | ${Math.round(r.p99)} | ${r.listed} |`,
    );
  }
  // burst() throws on any other answer than 201, on a key answered with two applications, and on a
  // client whose list differs from what its keys were answered.
  if (results.length)
    console.log('\nEvery key answered one application; every list matched: none lost, none duplicated.');
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSubmissions();
