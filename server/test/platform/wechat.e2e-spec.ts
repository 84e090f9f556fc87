import { ErrorCode, WechatError } from '@itss/shared';
import { Logger, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppError } from '../../src/common/app-error';
import {
  APP_CONFIG,
  STANDIN_APPID,
  STANDIN_PREFIX,
  STANDIN_SECRET,
  type WechatConfig,
} from '../../src/config/config';
import type { ScratchDatabase } from '../../src/database/scratch-database';
import { MemorySharedState } from '../../src/state/memory-shared-state';
import { StateModule } from '../../src/state/state.module';
import { STANDIN_PERSONAS, standinPersona } from '../../src/wechat/standin/personas';
import {
  type RunningStandin,
  type StandinEndpoint,
  type StandinFault,
  startStandin,
} from '../../src/wechat/standin/standin';
import { WechatClient } from '../../src/wechat/wechat.client';
import { WechatModule } from '../../src/wechat/wechat.module';
import { scratchDatabase, standinWechatConfig, startServer, testConfig } from '../support/harness';
import { type StatePair, openRunState } from '../support/state-backends';

/** Drives the stand-in's control API the way a developer or the H5 build does: plain HTTP. */
class Control {
  constructor(readonly url: string) {}

  async post<T>(path: string, body: object): Promise<T> {
    const response = await fetch(`${this.url}/__standin/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async loginCode(who: { persona: string } | { openid: string; unionid?: string }): Promise<string> {
    return (await this.post<{ code: string }>('login-code', who)).code;
  }

  async phoneCode(who: { persona: string } | { phone: string }): Promise<string> {
    return (await this.post<{ code: string }>('phone-code', who)).code;
  }

  async fault(fault: StandinFault): Promise<void> {
    await this.post('faults', fault);
  }

  async calls(): Promise<Record<StandinEndpoint, number>> {
    const response = await fetch(`${this.url}/__standin/stats`);
    return ((await response.json()) as { calls: Record<StandinEndpoint, number> }).calls;
  }
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('WeChat client against the local stand-in', () => {
  let standin: RunningStandin;
  let control: Control;
  let config: WechatConfig;
  /** A fresh client and store per test, so token caches do not leak from one test into the next. */
  let client: WechatClient;
  let state: StatePair;
  /** What the client logged in this test (kept off the console). */
  let warnings: string[];

  beforeAll(async () => {
    standin = await startStandin();
    control = new Control(standin.url);
    config = standinWechatConfig(standin.url, 700);
  });
  afterAll(() => standin.close());
  afterEach(async () => {
    jest.restoreAllMocks();
    await state.close();
  });
  beforeEach(async () => {
    state = await openRunState();
    client = new WechatClient(config, state.a);
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
    await fetch(`${standin.url}/__standin/faults`, { method: 'DELETE' });
  });

  describe('code2Session', () => {
    it("returns a persona's openid and unionid, and the session key for the server only", async () => {
      const visitor = standinPersona('visitor');
      const session = await client.code2Session(await control.loginCode({ persona: 'visitor' }));
      expect(session).toEqual({
        openid: visitor.openid,
        unionid: visitor.unionid,
        sessionKey: expect.any(String) as string,
      });
    });

    it('has no unionid when WeChat gives none', async () => {
      const session = await client.code2Session(await control.loginCode({ openid: 'o_someone' }));
      expect(session.openid).toBe('o_someone');
      expect(session).not.toHaveProperty('unionid');
    });

    it('accepts a code once: the second exchange is WechatCodeInvalid (401)', async () => {
      const code = await control.loginCode({ persona: 'applicant' });
      await client.code2Session(code);
      expect((await rejection(client.code2Session(code))).code).toBe(WechatError.WechatCodeInvalid);
    });

    it('refuses a made-up code with WechatCodeInvalid', async () => {
      expect((await rejection(client.code2Session('not-a-code'))).code).toBe(WechatError.WechatCodeInvalid);
    });

    it.each([
      [40029, WechatError.WechatCodeInvalid],
      [40163, WechatError.WechatCodeInvalid],
      [45011, ErrorCode.RateLimited],
      [40226, WechatError.WechatUserRestricted],
      [40013, WechatError.WechatUnavailable],
      [-1, WechatError.WechatUnavailable], // twice: the retry meets it too
    ])('maps errcode %i to %s', async (errcode, code) => {
      await control.fault({ endpoint: 'jscode2session', errcode, times: 2 });
      const login = await control.loginCode({ persona: 'visitor' });
      expect((await rejection(client.code2Session(login))).code).toBe(code);
    });

    it('retries once when WeChat is busy (-1) and then succeeds', async () => {
      await control.fault({ endpoint: 'jscode2session', errcode: -1 });
      const before = await control.calls();
      const session = await client.code2Session(await control.loginCode({ persona: 'staff' }));
      expect(session.openid).toBe(standinPersona('staff').openid);
      expect((await control.calls()).jscode2session - before.jscode2session).toBe(2);
    });

    it('is WechatUnavailable (503) when the connection drops, the answer is slow, or a gateway fails', async () => {
      const login = await control.loginCode({ persona: 'visitor' });
      await control.fault({ endpoint: 'jscode2session', hangup: true });
      expect((await rejection(client.code2Session(login))).code).toBe(WechatError.WechatUnavailable);
      await control.fault({ endpoint: 'jscode2session', delayMs: 1000 });
      const started = Date.now();
      expect((await rejection(client.code2Session(login))).code).toBe(WechatError.WechatUnavailable);
      expect(Date.now() - started).toBeLessThan(900);
      await control.fault({ endpoint: 'jscode2session', httpStatus: 502 });
      expect((await rejection(client.code2Session(login))).code).toBe(WechatError.WechatUnavailable);
      // None of those consumed the code: WeChat never answered.
      expect((await client.code2Session(login)).openid).toBe(standinPersona('visitor').openid);
    });

    it('is WechatUnavailable when nothing listens at apiBase', async () => {
      const gone = await startStandin();
      await gone.close();
      const offline = new WechatClient({ ...config, apiBase: gone.url }, state.a);
      expect((await rejection(offline.code2Session('x'))).code).toBe(WechatError.WechatUnavailable);
      expect(warnings.at(-1)).toMatch(/network failure \(ECONNREFUSED\)/);
    });

    it('logs why a call failed, never the secret, the code or a session key', async () => {
      const login = await control.loginCode({ persona: 'visitor' });
      for (const fault of [
        { errcode: -1, times: 2 },
        { errcode: 40013 },
        { hangup: true },
        { delayMs: 1000 },
      ]) {
        await control.fault({ endpoint: 'jscode2session', ...fault });
        await rejection(client.code2Session(login));
      }
      expect(warnings).toEqual([
        expect.stringMatching(/^WeChat jscode2session failed: errcode -1: system error/),
        expect.stringMatching(/^WeChat jscode2session failed: errcode 40013: invalid appid/),
        'WeChat jscode2session failed: network failure (UND_ERR_SOCKET)',
        'WeChat jscode2session failed: no answer within 700 ms',
      ]);
      const { sessionKey } = await client.code2Session(login);
      for (const line of warnings) {
        for (const secret of [STANDIN_SECRET, login, sessionKey]) expect(line).not.toContain(secret);
      }
    });

    it('is WechatUnavailable with wrong credentials (40125), which only an operator can fix', async () => {
      const misconfigured = new WechatClient({ ...config, secret: '0'.repeat(32) }, state.a);
      const login = await control.loginCode({ persona: 'visitor' });
      expect((await rejection(misconfigured.code2Session(login))).code).toBe(WechatError.WechatUnavailable);
    });
  });

  describe('getAccessToken', () => {
    it('makes one request for 20 concurrent callers, then serves from the cache', async () => {
      const before = await control.calls();
      const tokens = await Promise.all(Array.from({ length: 20 }, () => client.getAccessToken()));
      expect(new Set(tokens).size).toBe(1);
      expect(await client.getAccessToken()).toBe(tokens[0]);
      expect((await control.calls()).stable_token - before.stable_token).toBe(1);
    });

    it('lets every concurrent caller see the failure, and the next call tries again', async () => {
      await control.fault({ endpoint: 'stable_token', hangup: true });
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => client.getAccessToken()));
      expect(results.every((r) => r.status === 'rejected')).toBe(true);
      expect(typeof (await client.getAccessToken())).toBe('string');
    });

    it('gives replicas the same token even without a shared cache: stable_token without force_refresh', async () => {
      const other = new WechatClient(config, new MemorySharedState());
      expect(await other.getAccessToken()).toBe(await client.getAccessToken());
    });
  });

  describe('getPhoneNumber', () => {
    it("returns the persona's phone from phone_info and charges one call per code", async () => {
      const code = await control.phoneCode({ persona: 'member_contact' });
      const phone = standinPersona('member_contact').phone;
      expect(await client.getPhoneNumber(code)).toEqual({
        phoneNumber: phone,
        purePhoneNumber: phone,
        countryCode: '86',
      });
      expect((await rejection(client.getPhoneNumber(code))).code).toBe(WechatError.WechatCodeInvalid);
    });

    it('fetches a fresh token once and retries when someone force-refreshed the cached one (40001)', async () => {
      const stale = await client.getAccessToken();
      // Another process (an operator's tool) force-refreshes: WeChat invalidates the token we cached.
      const forced = await fetch(`${standin.url}/cgi-bin/stable_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credential',
          appid: STANDIN_APPID,
          secret: STANDIN_SECRET,
          force_refresh: true,
        }),
      });
      const { access_token: fresh } = (await forced.json()) as { access_token: string };
      expect(fresh).not.toBe(stale);

      const before = await control.calls();
      const phone = await client.getPhoneNumber(await control.phoneCode({ phone: '13912345678' }));
      expect(phone.purePhoneNumber).toBe('13912345678');
      const after = await control.calls();
      expect(after.getuserphonenumber - before.getuserphonenumber).toBe(2);
      expect(after.stable_token - before.stable_token).toBe(1);
      expect(await client.getAccessToken()).toBe(fresh);
    });

    it('retries once on an expired token (42001) but not forever', async () => {
      const code = await control.phoneCode({ persona: 'staff' });
      await control.fault({ endpoint: 'getuserphonenumber', errcode: 42001 });
      expect((await client.getPhoneNumber(code)).phoneNumber).toBe(standinPersona('staff').phone);

      await control.fault({ endpoint: 'getuserphonenumber', errcode: 40001, times: 2 });
      const again = await control.phoneCode({ persona: 'staff' });
      expect((await rejection(client.getPhoneNumber(again))).code).toBe(WechatError.WechatUnavailable);
    });

    it('maps the errcodes like the other calls', async () => {
      const code = await control.phoneCode({ persona: 'visitor' });
      await control.fault({ endpoint: 'getuserphonenumber', errcode: 45011 });
      expect((await rejection(client.getPhoneNumber(code))).code).toBe(ErrorCode.RateLimited);
      await control.fault({ endpoint: 'getuserphonenumber', errcode: -1 });
      expect((await client.getPhoneNumber(code)).phoneNumber).toBe(standinPersona('visitor').phone);
    });

    it('is WechatUnavailable when the token cannot be had', async () => {
      const code = await control.phoneCode({ persona: 'visitor' });
      await control.fault({ endpoint: 'stable_token', delayMs: 1000 });
      expect((await rejection(client.getPhoneNumber(code))).code).toBe(WechatError.WechatUnavailable);
    });
  });

  describe('getUnlimitedCode', () => {
    it('returns the image WeChat draws, with its type, and retries once on a dead token', async () => {
      await client.getAccessToken();
      await control.fault({ endpoint: 'getwxacodeunlimit', errcode: 40001 });
      const image = await client.getUnlimitedCode('abc123', 'packages/join/pages/apply/index');
      expect(image.contentType).toBe('image/png');
      expect(image.bytes.subarray(0, 8)).toEqual(
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      );
    });

    it('says the page is not published for 41030, and is WechatUnavailable for a scene WeChat refuses', async () => {
      await control.fault({ endpoint: 'getwxacodeunlimit', errcode: 41030 });
      expect((await rejection(client.getUnlimitedCode('abc', 'packages/join/pages/apply/index'))).code).toBe(
        WechatError.WechatPageUnpublished,
      );
      expect((await rejection(client.getUnlimitedCode('x'.repeat(33), 'pages/index/index'))).code).toBe(
        WechatError.WechatUnavailable,
      );
      expect(warnings.join('\n')).toContain('errcode 40169');
    });
  });

  describe('sendSubscribeMessage', () => {
    const message = {
      openid: 'o_someone',
      templateId: 'standin-application-decision',
      page: 'pages/me/index',
      data: { thing1: '北京示例科技有限公司', phrase2: '已通过' },
    };

    it('is sent, or no_credit on 43101 without a retry', async () => {
      expect(await client.sendSubscribeMessage(message)).toBe('sent');
      await control.fault({ endpoint: 'subscribe_send', errcode: 43101 });
      const before = await control.calls();
      expect(await client.sendSubscribeMessage(message)).toBe('no_credit');
      expect((await control.calls()).subscribe_send - before.subscribe_send).toBe(1);
    });

    it('treats data WeChat refuses (47003: a field too long for its kind) as a fault, logged', async () => {
      const tooLong = { ...message, data: { thing1: '一二三四五六七八九十一二三四五六七八九十一' } };
      expect((await rejection(client.sendSubscribeMessage(tooLong))).code).toBe(
        WechatError.WechatUnavailable,
      );
      expect(warnings.join('\n')).toContain('errcode 47003');
    });
  });

  describe('control API', () => {
    it('lists the five demo personas with fixed openids and phones', async () => {
      const response = await fetch(`${standin.url}/__standin/personas`);
      const { personas } = (await response.json()) as { personas: unknown };
      expect(personas).toEqual(STANDIN_PERSONAS);
      expect(STANDIN_PERSONAS.map((p) => p.label)).toEqual([
        '访客',
        '申请人',
        '会员联系人',
        '主联系人',
        '工作人员',
      ]);
    });

    it('refuses an unknown persona or a malformed fault with 400', async () => {
      await expect(control.loginCode({ persona: 'nobody' })).rejects.toThrow(/HTTP 400/);
      await expect(control.post('faults', { endpoint: 'jscode2session' })).rejects.toThrow(/HTTP 400/);
    });

    it('answers like WeChat: unknown access token 40001, wrong appid 40013', async () => {
      const phone = await fetch(`${standin.url}/wxa/business/getuserphonenumber?access_token=nope`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'x' }),
      });
      expect(await phone.json()).toMatchObject({ errcode: 40001 });
      const session = await fetch(`${standin.url}/sns/jscode2session?appid=wx1&secret=s&js_code=c`);
      expect(session.status).toBe(200);
      expect(await session.json()).toMatchObject({ errcode: 40013 });
    });
  });
});

describe('WechatModule', () => {
  it('provides a WechatClient configured from APP_CONFIG.wechat', async () => {
    const standin = await startStandin();
    try {
      const wechat = { ...testConfig({ type: 'sqlite', path: ':memory:' }).wechat, apiBase: standin.url };
      @Module({ providers: [{ provide: APP_CONFIG, useValue: { wechat } }], exports: [APP_CONFIG] })
      class ConfigHost {}
      const moduleRef = await Test.createTestingModule({
        imports: [
          { module: ConfigHost, global: true },
          StateModule.forRoot({ redis: null, responseCache: true }),
          WechatModule,
        ],
      }).compile();
      const client = moduleRef.get(WechatClient);
      const login = await new Control(standin.url).loginCode({ persona: 'staff' });
      expect((await client.code2Session(login)).openid).toBe(standinPersona('staff').openid);
      await moduleRef.close();
    } finally {
      await standin.close();
    }
  });
});

describe('the stand-in served by the application', () => {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await scratchDatabase();
  });
  afterAll(() => db.drop());

  it.each([true, false])('is mounted under /__wechat only when serveStandin is %s', async (serveStandin) => {
    const base = testConfig(db.config);
    const server = await startServer({ ...base, wechat: { ...base.wechat, serveStandin } });
    try {
      const res = await server.get(`${STANDIN_PREFIX}/__standin/personas`);
      if (serveStandin) {
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ personas: STANDIN_PERSONAS });
        // The H5 build asks its own origin for a code; the server's client exchanges it at apiBase.
        const code = await new Control(server.baseUrl + STANDIN_PREFIX).loginCode({ persona: 'visitor' });
        const client = new WechatClient(
          { ...base.wechat, apiBase: server.baseUrl + STANDIN_PREFIX },
          new MemorySharedState(),
        );
        expect((await client.code2Session(code)).openid).toBe(standinPersona('visitor').openid);
      } else {
        expect(res.status).toBe(404);
      }
    } finally {
      await server.close();
    }
  });
});
