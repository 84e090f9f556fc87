#!/usr/bin/env node
// `npm test`: every suite, in order, on real parts: shared units, the API on SQLite, the API on
// MariaDB, mini-program components, and the H5 build in Chromium. A suite whose database or
// browser is missing is skipped loudly — except under CI=true, where that fails the run.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URL } from 'node:url';
import { ROOT, mustRun, run } from './lib.mjs';

const CI = process.env.CI === 'true';
const jest = join(ROOT, 'node_modules/jest/bin/jest.js');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function mariadbAddress() {
  const url = new URL(
    (process.env.DATABASE_URL || 'mariadb://root@127.0.0.1:3306/test').replace(/^mysql:/, 'mariadb:'),
  );
  return { host: url.hostname, port: Number(url.port || 3306) };
}

function reachable({ host, port }) {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

const address = mariadbAddress();
const suites = [
  { name: 'shared: domain rules', config: 'shared/jest.config.js' },
  { name: 'server: API on SQLite', config: 'server/jest.config.js', env: { TEST_DB: 'sqlite' } },
  {
    name: 'server: API on MariaDB',
    config: 'server/jest.config.js',
    args: ['server/test'],
    env: { TEST_DB: 'mariadb' },
    missing: async () =>
      (await reachable(address)) ? null : `no MariaDB answers at ${address.host}:${address.port}`,
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

// The browser suite drives the built H5 app through the built server.
await mustRun(process.execPath, [join(ROOT, 'scripts/build.mjs')]);
// The weapp suite renders the production WeChat package, built fresh as CI's weapp step builds it.
await mustRun(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--weapp']);

const reports = mkdtempSync(join(tmpdir(), 'itss-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
let failed = false;
for (const [i, suite] of suites.entries()) {
  const reason = suite.missing ? await suite.missing() : null;
  if (reason) {
    const banner = `${CI ? '✖ FAILED' : '⚠ SKIPPED'}: ${suite.name} — ${reason}`;
    console.error(`\n${'!'.repeat(banner.length)}\n${banner}\n${'!'.repeat(banner.length)}\n`);
    lines.push(banner);
    failed ||= CI;
    continue;
  }
  console.log(`\n▶ ${suite.name}`);
  const output = join(reports, `${i}.json`);
  const code = await run(
    process.execPath,
    [jest, '-c', suite.config, '--runInBand', '--json', `--outputFile=${output}`, ...(suite.args ?? [])],
    { env: suite.env },
  );
  const report = existsSync(output) ? JSON.parse(readFileSync(output, 'utf8')) : null;
  const counts = {
    passed: report?.numPassedTests ?? 0,
    failed: report ? report.numFailedTests + report.numRuntimeErrorTestSuites : 1,
    skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
  };
  for (const key of Object.keys(totals)) totals[key] += counts[key];
  const ok = code === 0 && counts.passed > 0;
  failed ||= !ok;
  lines.push(
    `${ok ? '✔' : '✖'} ${suite.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  );
}
rmSync(reports, { recursive: true, force: true });

console.log(`\n${lines.join('\n')}\n`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failed ? 1 : 0);
