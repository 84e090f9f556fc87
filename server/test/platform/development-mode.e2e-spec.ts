import { loginResponseSchema } from '@itss/shared';
import type { FastifyInstance } from 'fastify';
import { type AppConfig, loadConfig } from '../../src/config/config';
import type { ScratchDatabase } from '../../src/database/scratch-database';
import { type TestServer, scratchDatabase, startServer, testConfig } from '../support/harness';

/**
 * Development as `npm start` runs it: this server serves the WeChat stand-in and its demo personas
 * itself (the config that loadConfig gives for NODE_ENV=development without WECHAT_APPID).
 */
async function startDevelopment(
  overrides: Partial<AppConfig> = {},
): Promise<{ server: TestServer; db: ScratchDatabase }> {
  const db = await scratchDatabase();
  const { wechat } = loadConfig({ NODE_ENV: 'development', PORT: '0' });
  const server = await startServer(testConfig(db.config, { env: 'development', wechat, ...overrides }));
  return { server, db };
}

describe('development with the stand-in on PORT=0', () => {
  let server: TestServer;
  let db: ScratchDatabase;
  beforeAll(async () => {
    ({ server, db } = await startDevelopment());
  });
  afterAll(async () => {
    await server.close();
    await db.drop();
  });

  it('logs the demo personas in: the stand-in is reached at the port actually bound', async () => {
    const code = await server.get('/__wechat/__standin/login-code', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'staff' }),
    });
    expect(code.status).toBe(200);
    const res = await server.get('/api/auth/wechat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(code.body),
    });
    expect(res.status).toBe(200);
    expect(loginResponseSchema.parse(res.body).user.roles.sort()).toEqual(['admin', 'staff']);
  });
});

describe('the stand-in’s control API', () => {
  let server: TestServer;
  let db: ScratchDatabase;
  let fastify: FastifyInstance;
  beforeAll(async () => {
    ({ server, db } = await startDevelopment({ trustProxy: ['loopback'] }));
    fastify = server.app.getHttpAdapter().getInstance();
  });
  afterAll(async () => {
    await server.close();
    await db.drop();
  });

  const askForCode = (remoteAddress: string, headers: Record<string, string> = {}) =>
    fastify.inject({
      method: 'POST',
      url: '/__wechat/__standin/login-code',
      remoteAddress,
      headers,
      payload: { persona: 'staff' },
    });

  it('hands out login codes to callers on this machine', async () => {
    expect((await askForCode('127.0.0.1')).statusCode).toBe(200);
    expect((await askForCode('::1')).statusCode).toBe(200);
    expect((await askForCode('::ffff:127.0.0.1')).statusCode).toBe(200);
  });

  it('refuses every other caller, directly or through a proxy, even when HOST opens the port', async () => {
    for (const address of ['192.168.1.20', '10.0.0.5', '203.0.113.7', '::ffff:192.168.1.20']) {
      const res = await askForCode(address);
      expect([address, res.statusCode]).toEqual([address, 403]);
    }
    const proxied = await askForCode('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' });
    expect(proxied.statusCode).toBe(403);
    const personas = await fastify.inject({
      method: 'GET',
      url: '/__wechat/__standin/personas',
      remoteAddress: '203.0.113.7',
    });
    expect(personas.statusCode).toBe(403);
  });
});
