import {
  type LevelsResponse,
  type ServicesResponse,
  levelsResponseSchema,
  obligationsResponseSchema,
  servicesResponseSchema,
} from '@itss/shared';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { Public } from '../../src/common/access.decorators';
import type { AppConfig } from '../../src/config/config';
import type { ScratchDatabase } from '../../src/database/scratch-database';
import { CachedResponse } from '../../src/state/cached-response';
import { ResponseCache } from '../../src/state/response-cache';
import { StateModule } from '../../src/state/state.module';
import { type TestServer, scratchDatabase, startServer, testConfig } from '../support/harness';
import { itWithRedis, testRedisConfig } from '../support/state-backends';

const levelName = async (server: TestServer): Promise<string | undefined> =>
  levelsResponseSchema.parse((await server.get('/api/membership/levels')).body).items[0]?.name;
const firstService = async (server: TestServer): Promise<string | undefined> =>
  servicesResponseSchema.parse((await server.get('/api/services')).body).items[0]?.text;

describe('response cache of public reads', () => {
  let db: ScratchDatabase;
  let sql: DataSource;
  let server: TestServer;
  /** Back to the seeded state, so that each test starts from the handbook. */
  let original: { level: string; service: string };

  beforeAll(async () => {
    db = await scratchDatabase();
    server = await startServer(testConfig(db.config));
    sql = server.app.get(DataSource);
    const levels = (await server.get('/api/membership/levels')).body as LevelsResponse;
    const services = (await server.get('/api/services')).body as ServicesResponse;
    original = { level: levels.items[0]?.name ?? '', service: services.items[0]?.text ?? '' };
  });
  afterAll(async () => {
    await server.close();
    await db.drop();
  });
  beforeEach(async () => {
    await sql.query('UPDATE membership_levels SET name = ? WHERE `rank` = 1', [original.level]);
    await sql.query('UPDATE member_services SET text = ? WHERE position = 1', [original.service]);
    await server.app.get(ResponseCache).invalidate('');
  });

  it("serves GET /api/membership/levels from the cache until invalidate('membership:'), then the new rows", async () => {
    expect(await levelName(server)).toBe(original.level);
    // Staff tooling or another replica changes the row behind this one's back.
    await sql.query("UPDATE membership_levels SET name = '改名会员' WHERE `rank` = 1");
    expect(await levelName(server)).toBe(original.level);
    await server.app.get(ResponseCache).invalidate('membership:');
    expect(await levelName(server)).toBe('改名会员');
  });

  it("leaves the association's reads cached when membership is invalidated, and the other way round", async () => {
    expect(await firstService(server)).toBe(original.service);
    expect(await levelName(server)).toBe(original.level);
    await sql.query("UPDATE member_services SET text = '新服务' WHERE position = 1");
    await sql.query("UPDATE membership_levels SET name = '改名会员' WHERE `rank` = 1");
    await server.app.get(ResponseCache).invalidate('membership:');
    expect(await firstService(server)).toBe(original.service);
    expect(await levelName(server)).toBe('改名会员');
    await server.app.get(ResponseCache).invalidate('association:');
    expect(await firstService(server)).toBe('新服务');
  });

  it('answers a hit like the first read: the same JSON body with a JSON content type', async () => {
    for (const path of [
      '/api/membership/levels',
      '/api/membership/obligations',
      '/api/association',
      '/api/services',
    ]) {
      const first = await fetch(server.baseUrl + path);
      const second = await fetch(server.baseUrl + path);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await second.text()).toBe(await first.text());
    }
    expect(
      obligationsResponseSchema.parse((await server.get('/api/membership/obligations')).body).items,
    ).not.toHaveLength(0);
  });

  it('still refuses an unexpected query once the route is cached, and caches no refusal', async () => {
    expect((await server.get('/api/membership/levels')).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await server.get('/api/membership/levels?level=member');
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });
});

describe('response cache switched off (RESPONSE_CACHE=off)', () => {
  it('reads the database on every request', async () => {
    const db = await scratchDatabase();
    const server = await startServer({ ...testConfig(db.config), responseCache: false });
    try {
      await levelName(server);
      await server.app
        .get(DataSource)
        .query("UPDATE membership_levels SET name = '改名会员' WHERE `rank` = 1");
      expect(await levelName(server)).toBe('改名会员');
    } finally {
      await server.close();
      await db.drop();
    }
  });
});

describe('response cache shared by replicas', () => {
  itWithRedis(
    'serves one cache to two servers on one Redis, and one invalidation freshens both',
    async () => {
      const db = await scratchDatabase();
      // Two replicas: same database, same Redis namespace.
      const config: AppConfig = { ...testConfig(db.config), redis: testRedisConfig() };
      const a = await startServer(config);
      const b = await startServer(config);
      try {
        const before = await levelName(a);
        await a.app.get(DataSource).query("UPDATE membership_levels SET name = '改名会员' WHERE `rank` = 1");
        expect(await levelName(b)).toBe(before);
        await a.app.get(ResponseCache).invalidate('membership:');
        expect(await levelName(b)).toBe('改名会员');
        expect(await levelName(a)).toBe('改名会员');
      } finally {
        await b.close();
        await a.close();
        await db.drop();
      }
    },
  );
});

@Controller()
class MixedController {
  @Public()
  @Get('open')
  @CachedResponse('mixed:open')
  open(): Promise<{ who: string }> {
    return Promise.resolve({ who: 'anyone' });
  }

  @Get('private')
  @CachedResponse('mixed:me')
  me(): Promise<{ who: string }> {
    return Promise.resolve({ who: 'someone' });
  }
}

@Module({
  imports: [StateModule.forRoot({ redis: null, responseCache: true })],
  controllers: [MixedController],
})
class MixedModule {}

describe('@CachedResponse', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(MixedModule, new FastifyAdapter(), {
      logger: false,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  it('refuses to cache a route that is not @Public(): its answer may belong to the caller', async () => {
    const url = await app.getUrl();
    expect((await fetch(`${url}/open`)).status).toBe(200);
    expect((await fetch(`${url}/private`)).status).toBe(500);
  });
});
