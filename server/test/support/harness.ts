import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type NotificationPurpose, notificationPurposes } from '@itss/shared';
import { createApp } from '../../src/app.factory';
import {
  type AppConfig,
  type DatabaseConfig,
  STANDIN_APPID,
  STANDIN_TEMPLATE_ID,
  STANDIN_SECRET,
  type WechatConfig,
} from '../../src/config/config';
import { type ScratchDatabase, scratchMariaDb, scratchSqlite } from '../../src/database/scratch-database';
import { SharedState } from '../../src/state/shared-state';
import { testRedisConfig } from './state-backends';

export const TEST_DB: 'sqlite' | 'mariadb' = process.env.TEST_DB === 'mariadb' ? 'mariadb' : 'sqlite';

/** A fresh, empty database of the kind this run tests; the MariaDB run fails loudly without a server. */
export async function scratchDatabase(options: { charset?: string } = {}): Promise<ScratchDatabase> {
  if (TEST_DB === 'sqlite') return scratchSqlite('itss-test');
  const db = await scratchMariaDb('itss_test', options);
  if (!db) throw new Error('TEST_DB=mariadb but no MariaDB answers (DATABASE_URL or 127.0.0.1:3306)');
  return db;
}

/**
 * A template for every purpose the features declare, each its own as production configures them
 * (the stand-in accepts any id): the stand-in's default for application decisions,
 * `standin-<purpose>` for the others. A test of purposes that share one template overrides this.
 */
export const TEST_TEMPLATES = Object.fromEntries(
  notificationPurposes().map((purpose) => [
    purpose,
    purpose === 'application_decision' ? STANDIN_TEMPLATE_ID : `standin-${purpose.replaceAll('_', '-')}`,
  ]),
) as Record<NotificationPurpose, string>;

/** The message-push Token of test servers (plaintext mode; tests of safe mode set a key). */
export const TEST_PUSH_TOKEN = 'itssTestPushToken';

/** The WeChat client's settings for a stand-in at `apiBase`, with the stand-in's credentials. */
export function standinWechatConfig(apiBase: string, timeoutMs: number): WechatConfig {
  return {
    appid: STANDIN_APPID,
    secret: STANDIN_SECRET,
    apiBase,
    timeoutMs,
    serveStandin: false,
    cloudHosting: false,
    codeEnvVersion: 'release',
    templates: TEST_TEMPLATES,
    mediaCheck: null,
    push: { token: TEST_PUSH_TOKEN, encodingAesKey: null },
  };
}

export function testConfig(database: DatabaseConfig, overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    env: 'test',
    host: '127.0.0.1',
    port: 0,
    database,
    h5Dir: '/nonexistent-h5-build',
    logLevel: 'error',
    // Tests that log in point apiBase at a stand-in of their own; the others never reach WeChat. A
    // burst of 20 exchanges outlasted 1 s on a CI machine running suites side by side; the tests of
    // WeChat's own timeouts set theirs.
    wechat: standinWechatConfig('http://127.0.0.1:9', 3000),
    // WeChat Pay off; tests of payments take loadConfig's development stand-in configuration.
    wechatpay: null,
    // The run "API on MariaDB + Redis" sets REDIS_URL; each config gets a namespace of its own.
    redis: process.env.REDIS_URL ? testRedisConfig() : null,
    responseCache: true,
    trustProxy: false,
    requestTimeoutMs: 30_000,
    // Each application its own upload folder, so a test can see exactly what its uploads left on disk.
    storage: { type: 'local', dir: mkdtempSync(join(tmpdir(), 'itss-uploads-')) },
    events: { offerHours: 24, ticketSecret: 'itss-test-ticket-secret-0123456789abcdef' },
    ...overrides,
  };
}

export interface TestServer {
  app: NestFastifyApplication;
  baseUrl: string;
  get(path: string, init?: RequestInit): Promise<{ status: number; body: unknown; headers: Headers }>;
  close(): Promise<void>;
}

/** After the app's own shutdown grace, sockets still open at a test server's close are cut. */
const CUT_SOCKETS_AFTER_MS = 12_000;

/** Boots the real application on a real port: tests speak HTTP to it like the mini-program does. */
export async function startServer(config: AppConfig): Promise<TestServer> {
  const app = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || !address) throw new Error('server did not bind');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    baseUrl,
    async get(path, init) {
      const response = await fetch(baseUrl + path, init);
      const text = await response.text();
      const isJson = response.headers.get('content-type')?.includes('json');
      return {
        status: response.status,
        body: isJson ? (JSON.parse(text) as unknown) : text,
        headers: response.headers,
      };
    },
    async close() {
      // Leave nothing behind in a shared Redis (in memory this drops what the app is about to lose).
      await app.get(SharedState).deleteByPrefix('');
      // A socket still open when the suite is over once held the close past the hook's 30 s on a
      // busy CI. The app's own shutdown (streams ended, handlers drained, up to 10 s each) goes
      // first; only a socket left after that is cut, so a close that should end things still must.
      const cut = setTimeout(() => app.getHttpServer().closeAllConnections(), CUT_SOCKETS_AFTER_MS);
      try {
        await app.close();
      } finally {
        clearTimeout(cut);
      }
    },
  };
}
