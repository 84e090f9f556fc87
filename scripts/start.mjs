#!/usr/bin/env node
// `npm start`: builds what it needs, then runs ONE server with the API under /api and the H5
// mini-program at /, on the embedded SQLite database unless DATABASE_URL says otherwise. The built
// server alone is production; this command is the development one (the WeChat stand-in with its
// demo personas, on 127.0.0.1), unless NODE_ENV names another mode.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, mustRun } from './lib.mjs';

await mustRun(process.execPath, [join(ROOT, 'scripts/build.mjs')]);

const server = spawn(process.execPath, [join(ROOT, 'server/dist/main.js')], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV || 'development' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
