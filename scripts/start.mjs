#!/usr/bin/env node
// `npm start`: builds what it needs, then runs ONE server with the API under /api and the H5
// mini-program at /, on the embedded SQLite database unless DATABASE_URL says otherwise.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, mustRun } from './lib.mjs';

await mustRun(process.execPath, [join(ROOT, 'scripts/build.mjs')]);

const server = spawn(process.execPath, [join(ROOT, 'server/dist/main.js')], { cwd: ROOT, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
