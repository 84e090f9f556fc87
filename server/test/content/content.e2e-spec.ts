import {
  LEVELS,
  OBLIGATIONS,
  RIGHTS_BY_TIER,
  SERVICES,
  associationResponseSchema,
  errorBodySchema,
  healthResponseSchema,
  levelsResponseSchema,
  obligationsResponseSchema,
  servicesResponseSchema,
} from '@itss/shared';
import type { ScratchDatabase } from '../../src/database/scratch-database';
import { type TestServer, scratchDatabase, startServer, testConfig } from '../support/harness';

describe('public content API', () => {
  let db: ScratchDatabase;
  let server: TestServer;

  beforeAll(async () => {
    db = await scratchDatabase();
    server = await startServer(testConfig(db.config));
  });
  afterAll(async () => {
    await server.close();
    await db.drop();
  });

  it('GET /api/health answers ok with the database up', async () => {
    const res = await server.get('/api/health');
    expect(res.status).toBe(200);
    expect(healthResponseSchema.parse(res.body)).toEqual({ status: 'ok', db: 'up' });
  });

  it('GET /api/association returns the handbook introduction, scope, leadership and contact', async () => {
    const res = await server.get('/api/association');
    expect(res.status).toBe(200);
    const body = associationResponseSchema.parse(res.body);
    expect(body.introduction[0]).toContain('2014 年 1 月 8 日成立');
    expect(body.businessScope.map((a) => a.title)).toEqual([
      '标准研制',
      '标准应用推广',
      '产业相关政策研究',
      '行业公共服务',
      '基础共性关键技术研发',
      '国际国内交流与合作',
    ]);
    expect(body.leadership[0]).toEqual({ title: '会长', name: '林宁' });
    expect(body.contact).toMatchObject({
      phones: ['010-68107418', '010-68107423'],
      email: 'hyfw@itss.cn',
      wechatAccount: 'China-ITSS',
      qqGroup: '237489856',
    });
  });

  it('GET /api/membership/levels lists the four levels with fees and cumulative rights', async () => {
    const res = await server.get('/api/membership/levels');
    expect(res.status).toBe(200);
    const body = levelsResponseSchema.parse(res.body);
    expect(body.items.map((l) => [l.code, l.name, l.annualFeeYuan])).toEqual(
      LEVELS.map((l) => [l.code, l.name, l.annualFeeYuan]),
    );
    const texts = (code: string) => body.items.find((l) => l.code === code)?.rights.map((r) => r.text);
    expect(texts('member')).toEqual(RIGHTS_BY_TIER.member);
    expect(texts('committee')).toEqual([...RIGHTS_BY_TIER.member, ...RIGHTS_BY_TIER.committee]);
    const leadership = [...RIGHTS_BY_TIER.member, ...RIGHTS_BY_TIER.committee, ...RIGHTS_BY_TIER.leadership];
    expect(texts('vice_president')).toEqual(leadership);
    expect(texts('president')).toEqual(leadership);
    expect(body.tiers.map((t) => t.preamble)).toEqual([
      undefined,
      '除可享受所有会员权益外，还可享受以下权益：',
      '除可享受所有委员权益外，还可享受以下权益：',
    ]);
  });

  it('GET /api/membership/obligations and /api/services quote the handbook in order', async () => {
    const obligations = obligationsResponseSchema.parse(
      (await server.get('/api/membership/obligations')).body,
    );
    expect(obligations.items.map((o) => o.text)).toEqual(OBLIGATIONS);
    const services = servicesResponseSchema.parse((await server.get('/api/services')).body);
    expect(services.items.map((s) => [s.order, s.text])).toEqual(SERVICES.map((text, i) => [i + 1, text]));
  });

  it.each([
    '/api/health?verbose=1',
    '/api/association?x=',
    '/api/membership/levels?level=member',
    '/api/services?a=1&a=2',
  ])('refuses unknown query parameters: %s', async (path) => {
    const res = await server.get(path);
    expect(res.status).toBe(400);
    const body = errorBodySchema.parse(res.body);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details?.[0]?.message).toMatch(/未知/);
  });

  it.each([
    '/api/nothing-here',
    '/api/membership/levels/extra',
    '/api/membership/levels/..%2f..%2fetc%2fpasswd',
    '/api/%E0%A4%A',
    '/api//association',
  ])('answers 4xx in the error shape for malformed or unknown paths: %s', async (path) => {
    const res = await server.get(path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(errorBodySchema.parse(res.body).message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers 404 in the error shape for an unknown route', async () => {
    const res = await server.get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'NOT_FOUND', message: '您访问的内容不存在' });
  });

  // A POST route (logout), since a known path with a wrong method answers 405 before any body is
  // read: the body is parsed before the guard, so "no body" shows as 401, not 400.
  it('treats an empty JSON body as no body', async () => {
    const res = await server.get('/api/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(401);
    expect(errorBodySchema.parse(res.body).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a malformed JSON body with 400 and an oversized one with 413', async () => {
    const malformed = await server.get('/api/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"unterminated',
    });
    expect(malformed.status).toBe(400);
    expect(errorBodySchema.parse(malformed.body).code).toBe('BAD_REQUEST');
    const oversized = await server.get('/api/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ blob: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(oversized.status).toBe(413);
    expect(errorBodySchema.parse(oversized.body).code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('health when the database is gone', () => {
  it('answers 503 with db down', async () => {
    const db = await scratchDatabase();
    const server = await startServer(testConfig(db.config));
    try {
      const { DataSource } = await import('typeorm');
      await server.app.get(DataSource).destroy();
      const res = await server.get('/api/health');
      expect(res.status).toBe(503);
      expect(healthResponseSchema.parse(res.body)).toEqual({ status: 'error', db: 'down' });
    } finally {
      await server.close();
      await db.drop();
    }
  });
});
