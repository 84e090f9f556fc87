// The real server (server/dist, as built) on a free port with a fresh SQLite file and the local
// WeChat stand-in, for the logic layer's wx.request and wx.login to talk to.
const { spawn } = require('node:child_process');
const { existsSync, mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { httpRequest } = require('./http');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVER_MAIN = path.join(REPO_ROOT, 'server', 'dist', 'main.js');

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * @typedef {object} TestServer
 * @property {string} origin e.g. http://127.0.0.1:41234
 * @property {() => Promise<void>} close
 */

/** @returns {Promise<TestServer>} */
async function startServer() {
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(`${SERVER_MAIN} is missing: build first (node scripts/build.mjs --weapp)`);
  }
  const tempDir = mkdtempSync(path.join(tmpdir(), 'itss-weapp-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env = { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' };
  // The stand-in is served only without real WeChat credentials.
  delete env.WECHAT_APPID;
  delete env.WECHAT_SECRET;
  delete env.WECHAT_API_BASE;
  delete env.DATABASE_URL;
  env.SQLITE_PATH = path.join(tempDir, 'weapp.sqlite');
  const server = spawn(process.execPath, [SERVER_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk.toString()));
  server.stderr.on('data', (chunk) => (output += chunk.toString()));

  const close = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(tempDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30000;
  for (;;) {
    if (server.exitCode !== null) {
      await close();
      throw new Error(`server exited with ${server.exitCode}:\n${output}`);
    }
    try {
      const response = await httpRequest({ url: `${origin}/api/health` });
      if (response.status === 200) return { origin, close };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`server did not become healthy within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

module.exports = { REPO_ROOT, startServer };
