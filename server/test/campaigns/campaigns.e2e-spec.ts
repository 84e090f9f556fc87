import {
  JOIN_ENTRY_PAGE,
  SCENE_PATTERN,
  auditListResponseSchema,
  campaignListResponseSchema,
  errorBodySchema,
} from '@itss/shared';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import {
  type AuthEnv,
  bearer,
  fault,
  login,
  postJson,
  standinStats,
  startAuthEnv,
  withRoles,
} from '../support/auth-env';
import { CampaignsService } from '../../src/modules/campaigns/campaigns.service';
import { DEMO_SCENE } from '../../src/modules/campaigns/demo-campaign.seed';
import { scratchDatabase, startServer, testConfig } from '../support/harness';
import { createCampaign } from './support';

async function staffToken(env: AuthEnv): Promise<string> {
  await withRoles(env, 'o_campaigns_staff', ['staff']);
  return (await login(env, 'o_campaigns_staff')).token;
}

async function funnelOf(env: AuthEnv, id: number) {
  const res = await env.server.get('/api/campaigns', { headers: bearer(await staffToken(env)) });
  return campaignListResponseSchema.parse(res.body).items.find((c) => c.id === id)?.funnel;
}

/** What a code image says when read as a QR code. */
async function readCode(
  env: AuthEnv,
  id: number,
  token: string,
): Promise<{ contentType: string; text: string }> {
  const response = await fetch(`${env.server.baseUrl}/api/campaigns/${id}/code.png`, {
    headers: bearer(token),
  });
  expect(response.status).toBe(200);
  const png = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  return { contentType: response.headers.get('content-type') ?? '', text: decoded?.data ?? '' };
}

describe('campaigns: entry codes and their funnel', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  it('lets staff create a campaign with a scene WeChat accepts, listed with an empty funnel and audited', async () => {
    const token = await staffToken(env);
    const first = await createCampaign(env, '北京会议周展台');
    const second = await createCampaign(env, '年度海报');
    expect(first.scene).toMatch(SCENE_PATTERN);
    expect(first.scene).not.toBe(second.scene);
    expect(first.funnel).toEqual({ scans: 0, started: 0, submitted: 0, approved: 0 });

    const list = campaignListResponseSchema.parse(
      (await env.server.get('/api/campaigns', { headers: bearer(token) })).body,
    );
    expect(list.items.map((c) => c.name).slice(0, 2)).toEqual(['年度海报', '北京会议周展台']);

    await withRoles(env, 'o_campaigns_admin', ['staff', 'admin']);
    const admin = await login(env, 'o_campaigns_admin');
    const audit = auditListResponseSchema.parse(
      (await env.server.get('/api/audit?limit=100', { headers: bearer(admin.token) })).body,
    );
    const entry = audit.items.find((e) => e.action === 'campaign.created' && e.target?.id === first.id);
    expect(entry).toMatchObject({ targetName: '北京会议周展台', detail: `北京会议周展台（${first.scene}）` });
  });

  it('refuses a campaign without a usable name, naming the field', async () => {
    const res = await postJson(env, '/api/campaigns', { name: ' ' }, bearer(await staffToken(env)));
    expect(res.status).toBe(400);
    expect(errorBodySchema.parse(res.body).details?.[0]).toMatchObject({
      path: 'name',
      message: '名称至少 2 个字',
    });
  });

  it('counts each scan of a known scene and ignores unknown ones without an error', async () => {
    const campaign = await createCampaign(env);
    for (const scene of [campaign.scene, campaign.scene, 'no-such-scene', '不是场景值', '']) {
      expect((await postJson(env, '/api/campaigns/scans', { scene })).status).toBe(204);
    }
    expect(await funnelOf(env, campaign.id)).toEqual({ scans: 2, started: 0, submitted: 0, approved: 0 });
  });

  it('serves the mini-program code as a PNG that opens the application page with the scene, asking WeChat once', async () => {
    const token = await staffToken(env);
    const campaign = await createCampaign(env);
    const before = (await standinStats(env)).getwxacodeunlimit ?? 0;
    const first = await readCode(env, campaign.id, token);
    expect(first).toEqual({
      contentType: 'image/png',
      text: `${JOIN_ENTRY_PAGE}?scene=${encodeURIComponent(campaign.scene)}`,
    });
    expect(await readCode(env, campaign.id, token)).toEqual(first);
    expect((await standinStats(env)).getwxacodeunlimit).toBe(before + 1);
  });

  it('answers 404 for an unknown campaign and a message staff can act on when WeChat refuses the page', async () => {
    const token = await staffToken(env);
    expect((await env.server.get('/api/campaigns/999999/code.png', { headers: bearer(token) })).status).toBe(
      404,
    );
    const campaign = await createCampaign(env);
    await fault(env, 'getwxacodeunlimit', { errcode: 41030 });
    const refused = await env.server.get(`/api/campaigns/${campaign.id}/code.png`, {
      headers: bearer(token),
    });
    expect(refused.status).toBe(409);
    expect(errorBodySchema.parse(refused.body).code).toBe('WECHAT_PAGE_UNPUBLISHED');
    // Nothing was cached from the refusal: the next request asks WeChat again and gets the code.
    expect(
      (await env.server.get(`/api/campaigns/${campaign.id}/code.png`, { headers: bearer(token) })).status,
    ).toBe(200);
  });
});

describe('campaigns: scans from one address', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  it('are limited, so a script cannot inflate a funnel; what was refused is not counted', async () => {
    const campaign = await createCampaign(env);
    const answers: number[] = [];
    for (let i = 0; i < 125; i++) {
      answers.push((await postJson(env, '/api/campaigns/scans', { scene: campaign.scene })).status);
    }
    expect(answers.filter((s) => s === 204)).toHaveLength(120);
    expect(answers.slice(120)).toEqual([429, 429, 429, 429, 429]);
    expect((await funnelOf(env, campaign.id))?.scans).toBe(120);
  });
});

describe('campaigns: the demo campaign', () => {
  it.each([true, false])(
    'exists with its fixed scene only in development with the stand-in (%s)',
    async (serveStandin) => {
      const db = await scratchDatabase();
      const base = testConfig(db.config);
      const server = await startServer({ ...base, wechat: { ...base.wechat, serveStandin } });
      try {
        const demo = await server.app.get(CampaignsService).findByScene(DEMO_SCENE);
        expect(demo !== null).toBe(serveStandin);
      } finally {
        await server.close();
        await db.drop();
      }
    },
  );
});
