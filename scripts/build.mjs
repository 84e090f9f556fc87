#!/usr/bin/env node
// Builds what is missing or out of date: shared → server, and the H5 mini-program that the server
// serves. `--weapp` builds the WeChat package instead of H5; `--server-only` skips the mini-program;
// `--force` rebuilds everything.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, isStale, mustRun } from './lib.mjs';
import { precompress } from './precompress.mjs';

const force = process.argv.includes('--force');
const weapp = process.argv.includes('--weapp');
const serverOnly = process.argv.includes('--server-only');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const sharedStale =
  force ||
  isStale('shared/dist/index.js', ['shared/src', 'shared/tsconfig.json', 'shared/tsconfig.build.json']);

if (sharedStale) await mustRun(npm, ['run', 'build', '-w', '@itss/shared']);
if (
  sharedStale ||
  isStale('server/dist/main.js', ['server/src', 'server/tsconfig.json', 'server/tsconfig.build.json'])
) {
  await mustRun(npm, ['run', 'build', '-w', '@itss/server']);
}
const miniappInputs = [
  'miniapp/src',
  'miniapp/config',
  'miniapp/babel.config.js',
  'miniapp/package.json',
  'shared/src',
];
// The command-line tools (npm run staff) need the server alone.
if (serverOnly) process.exit(0);
if (weapp) {
  // Always rebuilt: the package size must be measured on a fresh production build.
  await mustRun(npm, ['run', 'build:weapp', '-w', '@itss/miniapp'], { env: { NODE_ENV: 'production' } });
} else if (force || isStale('miniapp/dist/h5/index.html', miniappInputs)) {
  await mustRun(npm, ['run', 'build:h5', '-w', '@itss/miniapp'], { env: { NODE_ENV: 'production' } });
  precompress();
} else if (!existsSync(join(ROOT, 'miniapp/dist/h5/index.html.br'))) {
  // A build from before the server sent compressed copies.
  precompress();
}
