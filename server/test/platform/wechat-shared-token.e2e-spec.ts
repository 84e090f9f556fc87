import { WechatError } from '@itss/shared';
import { Logger } from '@nestjs/common';
import { STANDIN_APPID, STANDIN_SECRET, type WechatConfig } from '../../src/config/config';
import { type RunningStandin, type StandinEndpoint, startStandin } from '../../src/wechat/standin/standin';
import { WechatClient, accessTokenKey, accessTokenLockKey } from '../../src/wechat/wechat.client';
import { standinWechatConfig } from '../support/harness';
import { type StatePair, describeEachBackend } from '../support/state-backends';

/**
 * Several replicas behind one load balancer: two WechatClients on one SharedState, as two server
 * processes on one Redis. In memory the "replicas" share one object, the best a single process has.
 */
describeEachBackend('WeChat access token shared by replicas', (backend) => {
  let standin: RunningStandin;
  let config: WechatConfig;
  let pair: StatePair;
  let replicaA: WechatClient;
  let replicaB: WechatClient;

  const calls = async (): Promise<Record<StandinEndpoint, number>> => {
    const response = await fetch(`${standin.url}/__standin/stats`);
    return ((await response.json()) as { calls: Record<StandinEndpoint, number> }).calls;
  };
  const post = async (path: string, body: object): Promise<unknown> => {
    const response = await fetch(standin.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return response.json();
  };
  const forceRefresh = async (): Promise<string> => {
    const body = (await post('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: STANDIN_APPID,
      secret: STANDIN_SECRET,
      force_refresh: true,
    })) as { access_token: string };
    return body.access_token;
  };

  beforeAll(async () => {
    standin = await startStandin();
    // Long enough for the stand-in to answer on a loaded CI machine; the give-up case waits about 2.5 × this.
    config = standinWechatConfig(standin.url, 2000);
  });
  afterAll(() => standin.close());
  beforeEach(async () => {
    pair = await backend.open();
    replicaA = new WechatClient(config, pair.a);
    replicaB = new WechatClient(config, pair.b);
    await fetch(`${standin.url}/__standin/faults`, { method: 'DELETE' });
    // The stand-in keeps one current token for its whole life: start each test from a new one.
    await forceRefresh();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await pair.close();
  });

  it('makes one stable_token call for 20 concurrent callers on each of two replicas', async () => {
    // A slow WeChat, so that the second replica asks while the first is still waiting for it.
    await post('/__standin/faults', { endpoint: 'stable_token', delayMs: 150 });
    const before = await calls();
    const tokens = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? replicaA : replicaB).getAccessToken()),
    );
    expect(new Set(tokens).size).toBe(1);
    expect((await calls()).stable_token - before.stable_token).toBe(1);
    expect(await pair.b.get(accessTokenKey(STANDIN_APPID))).toBe(tokens[0]);
  });

  it('serves a replica that starts later from the cache, without asking WeChat', async () => {
    const token = await replicaA.getAccessToken();
    const before = await calls();
    const late = new WechatClient(config, pair.b);
    expect(await late.getAccessToken()).toBe(token);
    expect((await calls()).stable_token).toBe(before.stable_token);
  });

  it('takes over when the lock holder died: its lock expires and the next replica asks WeChat', async () => {
    const before = await calls();
    // Timed from before the lock is taken: the lock cannot expire sooner than 400 ms after this.
    const started = Date.now();
    // A replica took the lock and was killed before it stored a token.
    expect(await pair.a.acquire(accessTokenLockKey(STANDIN_APPID), 400)).not.toBeNull();
    expect(typeof (await replicaB.getAccessToken())).toBe('string');
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect((await calls()).stable_token - before.stable_token).toBe(1);
  });

  it('gives up with WechatUnavailable when the lock is never freed and no token appears', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    // Held far past the longest stable_token exchange: a stuck holder, not a slow one.
    expect(await pair.a.acquire(accessTokenLockKey(STANDIN_APPID), 60_000)).not.toBeNull();
    const before = await calls();
    await expect(replicaB.getAccessToken()).rejects.toMatchObject({ code: WechatError.WechatUnavailable });
    expect((await calls()).stable_token).toBe(before.stable_token);
  });

  it('keeps a fresher token another replica stored while this one found its own token refused', async () => {
    const stale = await replicaA.getAccessToken();
    const phone = (await post('/__standin/phone-code', { phone: '13912345678' })) as { code: string };
    // WeChat refuses A's token (40001) slowly; meanwhile replica B refreshed and stored a new token.
    await post('/__standin/faults', { endpoint: 'getuserphonenumber', errcode: 40001, delayMs: 200 });
    const binding = replicaA.getPhoneNumber(phone.code);
    await new Promise((r) => setTimeout(r, 50));
    const fresh = await forceRefresh();
    await pair.b.set(accessTokenKey(STANDIN_APPID), fresh, 60_000);
    const before = await calls();

    expect((await binding).purePhoneNumber).toBe('13912345678');
    // A dropped `stale` only, found B's token and retried with it: no stable_token call of its own.
    expect((await calls()).stable_token).toBe(before.stable_token);
    expect(await pair.a.get(accessTokenKey(STANDIN_APPID))).toBe(fresh);
    expect(fresh).not.toBe(stale);
  });
});
