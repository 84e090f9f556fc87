#!/usr/bin/env node
// `npm test`: every suite on real parts: shared units, the API on SQLite, the API on MariaDB, the
// API on MariaDB with Redis, mini-program components, the weapp build in WeChat's runtime and the H5
// build in Chromium, after the builds they need; two at a time. A suite whose database, Redis or
// browser is missing is skipped loudly — except under CI=true, where that fails the run.
//   --only <part>  only the suites of one part (shared, server or miniapp), or one suite by name
//   --skip <name>  leave out the suite of that exact name (may be given more than once)
//   --jobs <n>     builds and suites at a time (default 2; 1 runs them one after another, in order)
//   --node24       the server suite on Node 24, in .cache/node24 (see scripts/node24.mjs), on
//                  MariaDB + Redis, as production runs; SQLite and plain MariaDB run on this Node in
//                  `npm test`, and the Node-24 build of the SQLite driver is checked when it is made
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { URL } from 'node:url';
import { ROOT, run } from './lib.mjs';
import { prepareNode24 } from './node24.mjs';

const CI = process.env.CI === 'true';
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  return i < 0 ? undefined : args[i].includes('=') ? args[i].slice(name.length + 1) : args[i + 1];
};

if (args.includes('--node24')) {
  // This script again, in the Node-24 tree, on Node 24: there every module, and every process the
  // tests spawn, loads the better-sqlite3 built for Node 24.
  const { node, env, tree } = await prepareNode24();
  process.exit(
    await run(node, [join(tree, 'scripts/test.mjs'), '--only', 'server: API on MariaDB + Redis'], {
      cwd: tree,
      env,
    }),
  );
}
const only = flag('--only');
const jest = join(ROOT, 'node_modules/jest/bin/jest.js');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function mariadbAddress() {
  const url = new URL(
    (process.env.DATABASE_URL || 'mariadb://root@127.0.0.1:3306/test').replace(/^mysql:/, 'mariadb:'),
  );
  return { host: url.hostname, port: Number(url.port || 3306) };
}

function redisAddress() {
  const url = new URL(redisUrl);
  return { host: url.hostname, port: Number(url.port || 6379) };
}

function reachable({ host, port }) {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const address = mariadbAddress();
const redis = redisAddress();
const noMariaDb = async () =>
  (await reachable(address)) ? null : `no MariaDB answers at ${address.host}:${address.port}`;
// Only the Redis suite gets a Redis: the others test the state kept in the process's memory.
const noRedis = { REDIS_URL: undefined, TEST_REDIS: undefined };
const suites = [
  { name: 'shared: domain rules', config: 'shared/jest.config.js' },
  {
    name: 'server: API on SQLite',
    config: 'server/jest.config.js',
    env: { TEST_DB: 'sqlite', ...noRedis },
    // The longest suite by far: with jobs to spare its files run as two halves side by side
    // (jest --shard; each half sets up its own template database), one summary line for both.
    shards: 2,
  },
  {
    name: 'server: API on MariaDB',
    config: 'server/jest.config.js',
    args: ['server/test'],
    env: { TEST_DB: 'mariadb', ...noRedis },
    missing: noMariaDb,
  },
  {
    name: 'server: API on MariaDB + Redis',
    config: 'server/jest.config.js',
    args: ['server/test'],
    // Tests that touch Redis use a key prefix or database number of their own: runs never collide.
    env: { TEST_DB: 'mariadb', REDIS_URL: redisUrl, TEST_REDIS: '1' },
    missing: async () =>
      (await noMariaDb()) ??
      ((await reachable(redis)) ? null : `no Redis answers at ${redis.host}:${redis.port} (REDIS_URL)`),
  },
  { name: 'miniapp: components', config: 'miniapp/jest.config.js' },
  { name: 'miniapp: weapp in WeChat’s runtime', config: 'miniapp/weapp-runtime/jest.config.js' },
  {
    name: 'miniapp: H5 in Chromium',
    config: 'miniapp/e2e/jest.config.js',
    env: { CHROMIUM_PATH: chromium },
    missing: async () =>
      existsSync(chromium) ? null : `no Chromium at ${chromium} (apt-get install chromium)`,
  },
];

const skipped = args.flatMap((a, i) =>
  a === '--skip' ? [args[i + 1]] : a.startsWith('--skip=') ? [a.slice('--skip='.length)] : [],
);
const selected = suites.filter(
  (suite) =>
    (!only || suite.name === only || suite.name.startsWith(`${only}:`)) && !skipped.includes(suite.name),
);
if (selected.length === 0) {
  console.error(`✖ no suites selected (--only takes shared, server or miniapp; --skip an exact suite name)`);
  process.exit(2);
}

// What the suites need built first. The browser suite drives the built H5 app through the built
// server; the weapp suite renders the production WeChat package, built fresh as CI's weapp step
// builds it; the server suites start the built server and staff CLI in places.
const builds = {
  server: { name: 'build: shared and server', args: ['--server-only'] },
  h5: { name: 'build: H5', args: [], needs: ['server'] },
  weapp: { name: 'build: weapp', args: ['--weapp'], needs: ['server'] },
};
const needsOf = (suite) =>
  suite.name.startsWith('server:')
    ? ['server']
    : suite.name === 'miniapp: weapp in WeChat’s runtime'
      ? ['weapp']
      : suite.name === 'miniapp: H5 in Chromium'
        ? ['h5']
        : [];

/**
 * The work as tasks, in the order they are started when a slot is free and what they need is done:
 * the longest first, each build just before the suite that needs it; the short suites that need no
 * build fill the gaps. The default of 2 at a time suits the 2-core CI machine, whose Node 24 suite
 * (much of it waiting on MariaDB) runs beside this; `--jobs 1` runs the builds, then the suites in
 * the order of the list above. MariaDB suites never overlap each other.
 */
const tasks = [];
const buildTask = (key) => {
  const found = tasks.find((task) => task.build === key);
  if (found) return found;
  const needs = (builds[key].needs ?? []).map(buildTask);
  const task = { build: key, name: builds[key].name, needs };
  tasks.push(task);
  return task;
};
for (const suite of selected) for (const key of needsOf(suite)) buildTask(key);
const order = [
  'server',
  'server: API on SQLite',
  'server: API on MariaDB',
  'server: API on MariaDB + Redis',
  'h5',
  'miniapp: H5 in Chromium',
  'weapp',
  'miniapp: weapp in WeChat’s runtime',
];
const jobsFlag = flag('--jobs');
const jobs = Math.max(1, Number(jobsFlag ?? Math.min(2, availableParallelism())) || 1);
for (const [i, suite] of selected.entries()) {
  const shards = jobs > 1 ? (suite.shards ?? 1) : 1;
  for (let shard = 1; shard <= shards; shard++) {
    tasks.push({ suite, index: i, shard, shards, name: suite.name, needs: needsOf(suite).map(buildTask) });
  }
}
const rank = (task) => {
  const i = order.indexOf(task.build ?? task.name);
  return i < 0 ? order.length : i;
};
if (jobs > 1) tasks.sort((a, b) => rank(a) - rank(b));

/**
 * One task at a time owns the terminal and prints as it goes; the others' output is held and
 * printed in one piece when the terminal is theirs (as soon as the task before finishes), so each
 * suite's output stays together.
 */
let owner = null;
const waiting = [];
const colour = process.stdout.isTTY ? { FORCE_COLOR: '1' } : {};
function write(task, stream, chunk) {
  if (owner === task) (stream === 'err' ? process.stderr : process.stdout).write(chunk);
  else task.held.push([stream, chunk]);
}
function takeTerminal(task) {
  owner = task;
  for (const [stream, chunk] of task.held) (stream === 'err' ? process.stderr : process.stdout).write(chunk);
  task.held = [];
}
function releaseTerminal(task) {
  if (owner !== task) return;
  owner = null;
  const next = waiting.shift();
  if (!next) return;
  takeTerminal(next);
  if (next.done) releaseTerminal(next);
}
function claimTerminal(task) {
  task.held = [];
  if (!owner) takeTerminal(task);
  else waiting.push(task);
}
function say(task, text, stream = 'out') {
  write(task, stream, `${text}\n`);
}

const children = new Set();
function runTask(task, command, commandArgs, env) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, commandArgs, {
      cwd: ROOT,
      env: { ...process.env, ...colour, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    child.stdout.on('data', (chunk) => write(task, 'out', chunk));
    child.stderr.on('data', (chunk) => write(task, 'err', chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      children.delete(child);
      resolvePromise(code ?? (signal ? 1 : 0));
    });
  });
}

const reports = mkdtempSync(join(tmpdir(), 'itss-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
let failed = false;
// A sharded suite's counts, added up until its last half is done.
const partial = new Map();

async function perform(task) {
  if (task.build) {
    say(task, `\n▶ ${task.name}`);
    const code = await runTask(task, process.execPath, [
      join(ROOT, 'scripts/build.mjs'),
      ...builds[task.build].args,
    ]);
    if (code !== 0) {
      say(task, `\n✖ node scripts/build.mjs ${builds[task.build].args.join(' ')} exited with ${code}`, 'err');
      // As before, a failed build ends the run: its output, then the other tasks stopped.
      if (owner !== task) takeTerminal(task);
      for (const child of children) child.kill('SIGTERM');
      rmSync(reports, { recursive: true, force: true });
      process.exit(code);
    }
    return;
  }
  const { suite, index, shard, shards } = task;
  const reason = suite.missing ? await suite.missing() : null;
  if (reason) {
    if (lines[index]) return;
    const banner = `${CI ? '✖ FAILED' : '⚠ SKIPPED'}: ${suite.name} — ${reason}`;
    say(task, `\n${'!'.repeat(banner.length)}\n${banner}\n${'!'.repeat(banner.length)}\n`, 'err');
    lines[index] = banner;
    failed ||= CI;
    return;
  }
  const part = shards > 1 ? ` (part ${shard} of ${shards})` : '';
  say(task, `\n▶ ${suite.name}${part} — Node ${process.version}`);
  const output = join(reports, `${index}-${shard}.json`);
  const code = await runTask(
    task,
    process.execPath,
    [
      jest,
      '-c',
      suite.config,
      '--runInBand',
      // A server that failed to start in a suite can leave sockets open; CI must end with the report.
      ...(CI ? ['--forceExit'] : []),
      '--json',
      `--outputFile=${output}`,
      ...(shards > 1 ? [`--shard=${shard}/${shards}`] : []),
      ...(suite.args ?? []),
    ],
    suite.env,
  );
  const report = existsSync(output) ? JSON.parse(readFileSync(output, 'utf8')) : null;
  const counts = {
    passed: report?.numPassedTests ?? 0,
    failed: report ? report.numFailedTests + report.numRuntimeErrorTestSuites : 1,
    skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
  };
  for (const key of Object.keys(totals)) totals[key] += counts[key];
  const sum = partial.get(index) ?? { passed: 0, failed: 0, skipped: 0, ok: true, left: shards };
  for (const key of Object.keys(totals)) sum[key] += counts[key];
  sum.ok &&= code === 0;
  sum.left -= 1;
  partial.set(index, sum);
  if (sum.left > 0) return;
  const ok = sum.ok && sum.passed > 0;
  failed ||= !ok;
  lines[index] =
    `${ok ? '✔' : '✖'} ${suite.name}: ${sum.passed} passed, ${sum.failed} failed, ${sum.skipped} skipped`;
}

await new Promise((resolveAll) => {
  let running = 0;
  let mariadbBusy = false;
  const usesMariaDb = (task) => task.suite?.env?.TEST_DB === 'mariadb';
  const ready = (task) =>
    !task.started && task.needs.every((need) => need.done) && !(usesMariaDb(task) && mariadbBusy);
  const next = () => {
    if (tasks.every((task) => task.done)) return resolveAll();
    for (const task of tasks) {
      if (running >= jobs) break;
      if (!ready(task)) continue;
      task.started = true;
      running += 1;
      if (usesMariaDb(task)) mariadbBusy = true;
      claimTerminal(task);
      perform(task)
        .catch((error) => {
          say(task, `\n✖ ${task.name}: ${error?.stack ?? error}`, 'err');
          if (task.suite) lines[task.index] = `✖ ${task.name}: ${error?.message ?? error}`;
          failed = true;
        })
        .finally(() => {
          task.done = true;
          running -= 1;
          if (usesMariaDb(task)) mariadbBusy = false;
          releaseTerminal(task);
          next();
        });
    }
  };
  next();
});
rmSync(reports, { recursive: true, force: true });

console.log(`\n${lines.filter(Boolean).join('\n')}\n`);
console.log(
  `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped (Node ${process.version})`,
);
process.exit(failed ? 1 : 0);
