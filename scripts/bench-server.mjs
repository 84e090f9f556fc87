// What the benchmark parts that drive a development server share: starting the built server on a
// scratch database (the WeChat stand-in signs staff in), asking it for JSON, signing staff in, and
// reaching its database directly for setup and checks.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { ROOT } from './lib.mjs';

const require = createRequire(import.meta.url);

/**
 * Starts server/dist/main.js in development on `port` against `database` (a scratch database's
 * config, with `uploads` when files are stored), `env` added last. Resolves once it answers
 * /api/health, with a function that stops it.
 */
export async function startDevServer({ port, database, env: extra = {} }) {
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  for (const key of [
    'DATABASE_URL',
    'REDIS_URL',
    'WECHAT_APPID',
    'WECHAT_SECRET',
    'WECHAT_API_BASE',
    'WECHATPAY_MCHID',
  ])
    delete env[key];
  if (database.uploads) env.UPLOAD_DIR = database.uploads;
  if (database.type === 'sqlite') env.SQLITE_PATH = database.path;
  else env.DATABASE_URL = database.url;
  Object.assign(env, extra);
  const child = spawn(process.execPath, [join(ROOT, 'server/dist/main.js')], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')));
}

/** `json(path, init)` against the server at `base`: its status and parsed body (null when empty). */
export function jsonAt(base) {
  return async (path, init) => {
    const res = await fetch(base + path, init);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}

/** A session of the stand-in's staff persona, whom the development seed makes staff. */
export async function staffToken(base) {
  const json = jsonAt(base);
  const { body } = await json('/__wechat/__standin/login-code', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona: 'staff' }),
  });
  const res = await json('/api/auth/wechat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: body.code }),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/** One connection to a scratch database: `run` for writes, `all` for rows, then `close`. */
export async function openDatabase(config) {
  if (config.type === 'sqlite') {
    const Database = require('better-sqlite3');
    const db = new Database(config.path, { timeout: 10000 });
    return {
      run: async (sql, params = []) => void db.prepare(sql).run(params),
      all: async (sql, params = []) => db.prepare(sql).all(params),
      close: async () => db.close(),
    };
  }
  const { createConnection } = require('mysql2/promise');
  const connection = await createConnection(config.url.replace(/^mariadb:/, 'mysql:'));
  return {
    run: async (sql, params = []) => void (await connection.query(sql, params)),
    all: async (sql, params = []) => (await connection.query(sql, params))[0],
    close: () => connection.end(),
  };
}

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Drives `url` with autocannon: req/s, p50 and p99 (ms), requests and timeouts. Any non-2xx or
 * error fails the run; `slow`: requests left unanswered within autocannon's 10 s are counted
 * (`timeouts`), not a failure (an uncached full-text search at 50 connections may queue that long).
 */
export async function load(url, { connections = 50, duration = 10, slow = false, headers } = {}) {
  const result = await autocannon({ url, connections, duration, headers });
  const failed = result.non2xx + result.errors - (slow ? result.timeouts : 0);
  if (failed > 0)
    throw new Error(
      `${url}: ${result.non2xx} non-2xx, ${result.errors} errors (${result.timeouts} timeouts)`,
    );
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    timeouts: result.timeouts,
  };
}
