import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorBodySchema } from '@itss/shared';
import {
  type AuthEnv,
  bearer,
  login,
  postJson,
  startAuthEnv,
  userIdOf,
  withRoles,
} from '../support/auth-env';

/** A stand-in H5 build: an index with an inline script like Taro's, a bundle, and files that must stay hidden. */
const INLINE_SCRIPT = 'document.documentElement.style.fontSize = "20px";';
function fakeH5Build(): string {
  const dir = mkdtempSync(join(tmpdir(), 'itss-h5-'));
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html><head><script>${INLINE_SCRIPT}</script><script src="/js/app.0123abcd.js"></script></head><body></body></html>`,
  );
  mkdirSync(join(dir, 'js'));
  writeFileSync(join(dir, 'js/app.0123abcd.js'), 'void 0;');
  writeFileSync(join(dir, 'logo.png'), 'png');
  writeFileSync(join(dir, '.env'), 'SECRET=1');
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git/config'), '[core]');
  return dir;
}

/** The status line and body of a raw exchange, for requests fetch() will not send. */
function rawExchange(port: number, send: (write: (chunk: string) => void) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => send((chunk) => socket.write(chunk)));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

function bodyOf(answer: string): unknown {
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
}

describe('HTTP hygiene', () => {
  let env: AuthEnv;
  let h5Dir: string;
  let port: number;
  beforeAll(async () => {
    h5Dir = fakeH5Build();
    env = await startAuthEnv((config) => ({ ...config, h5Dir, requestTimeoutMs: 1500 }));
    port = Number(new URL(env.server.baseUrl).port);
  });
  afterAll(async () => {
    await env.close();
    rmSync(h5Dir, { recursive: true, force: true });
  });

  it('sends security headers with a CSP that allows the page’s own inline script and no framing', async () => {
    const page = await env.server.get('/');
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    const hash = createHash('sha256').update(INLINE_SCRIPT).digest('base64');
    expect(csp).toContain(`'sha256-${hash}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    for (const res of [page, await env.server.get('/api/health')]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('never serves dotfiles from the H5 folder', async () => {
    for (const path of ['/.env', '/.git/config', '/%2Eenv', '/js/../.env']) {
      const res = await env.server.get(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(errorBodySchema.parse(res.body).code).toBe('NOT_FOUND');
    }
    expect((await env.server.get('/js/app.0123abcd.js')).status).toBe(200);
  });

  it('marks the login answer and every personal or API response no-store; bundles stay cacheable', async () => {
    await withRoles(env, 'o_hygiene_admin', ['staff', 'admin']);
    const loginRes = await postJson(env, '/api/auth/wechat', { code: 'forged' });
    expect(loginRes.headers.get('cache-control')).toBe('no-store');
    const { token } = await login(env, 'o_hygiene_admin');
    for (const path of ['/api/me', '/api/staff', '/api/audit', '/api/membership/levels', '/api/health']) {
      const res = await env.server.get(path, { headers: bearer(token) });
      expect([path, res.status, res.headers.get('cache-control')]).toEqual([path, 200, 'no-store']);
    }
    expect((await env.server.get('/js/app.0123abcd.js')).headers.get('cache-control')).toBe(
      'public, max-age=31536000, immutable',
    );
    // Without its content's hash in its name a file may change under that name.
    expect((await env.server.get('/logo.png')).headers.get('cache-control')).toBe('no-cache');
    expect((await env.server.get('/')).headers.get('cache-control')).toBe('no-cache');
  });

  it('answers 405 with Allow for a known path and a wrong method, 404 for an unknown path', async () => {
    for (const [method, path, allow] of [
      ['PUT', '/api/me', 'GET, HEAD'],
      ['DELETE', '/api/me', 'GET, HEAD'],
      ['GET', '/api/auth/wechat', 'POST'],
      ['GET', '/api/staff/6', 'DELETE'],
      ['PATCH', '/api/staff', 'GET, HEAD, POST'],
    ] as const) {
      const res = await env.server.get(path, { method });
      expect([method, path, res.status, res.headers.get('allow')]).toEqual([method, path, 405, allow]);
      expect(errorBodySchema.parse(res.body)).toEqual({
        code: 'METHOD_NOT_ALLOWED',
        message: '不支持该操作',
      });
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    for (const [method, path] of [
      ['POST', '/api/nothing-here'],
      ['GET', '/api/nothing-here'],
      ['POST', '/js/app.0123abcd.js'],
    ] as const) {
      expect([method, path, (await env.server.get(path, { method })).status]).toEqual([method, path, 404]);
    }
  });

  it('parses ids in paths strictly: 0x6, +6, " 6", 6.0 and 06 are not user 6', async () => {
    await withRoles(env, 'o_hygiene_admin', ['staff', 'admin']);
    await withRoles(env, 'o_hygiene_staff', ['staff']);
    const { token } = await login(env, 'o_hygiene_admin');
    const id = await userIdOf(env, 'o_hygiene_staff');
    for (const spelling of [`0x${id.toString(16)}`, `+${id}`, `%20${id}`, `${id}.0`, `0${id}`, `${id}e0`]) {
      const res = await env.server.get(`/api/staff/${spelling}`, {
        method: 'DELETE',
        headers: bearer(token),
      });
      expect([spelling, res.status]).toEqual([spelling, 400]);
      expect(errorBodySchema.parse(res.body).code).toBe('VALIDATION_FAILED');
    }
    const query = await env.server.get(`/api/applications?campaignId=0x${id.toString(16)}`, {
      headers: bearer(token),
    });
    expect(query.status).toBe(400);
    const staff = await env.server.get('/api/staff', { headers: bearer(token) });
    expect(JSON.stringify(staff.body)).toContain(`"id":${id}`);
    const revoked = await env.server.get(`/api/staff/${id}`, { method: 'DELETE', headers: bearer(token) });
    expect(revoked.status).toBe(204);
  });

  it('answers oversized headers with 431 in the error shape', async () => {
    const answer = await rawExchange(port, (write) =>
      write(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(bodyOf(answer)).toEqual({
      code: 'HEADERS_TOO_LARGE',
      message: '请求头过大，请清除浏览器缓存和 Cookie 后重试',
    });
  });

  it('answers a malformed request in the error shape', async () => {
    const answer = await rawExchange(port, (write) => write('NONSENSE\r\n\r\n'));
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(errorBodySchema.parse(bodyOf(answer)).code).toBe('BAD_REQUEST');
  });

  it('closes a request whose body drips in too slowly with 408 in the error shape', async () => {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const answer = await rawExchange(port, (write) => {
      write(
        'POST /api/auth/wechat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
      );
      // One byte every 300 ms: the body would take 30 s; the server's limit here is 1.5 s.
      timer = setInterval(() => write(' '), 300);
    });
    clearInterval(timer);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(bodyOf(answer)).toEqual({ code: 'REQUEST_TIMEOUT', message: '请求超时，请检查网络后重试' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('keeps a slow but complete request within the limit working', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/auth/wechat',
          headers: { 'content-type': 'application/json' },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('{"code":');
      setTimeout(() => req.end('"forged"}'), 500);
    });
    expect(res).toBe(401);
  });
});
