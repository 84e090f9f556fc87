import { Logger } from '@nestjs/common';
import { ErrorCode, WechatError } from '@itss/shared';
import { DataSource } from 'typeorm';
import { AppError } from '../../src/common/app-error';
import { SubmissionMediaCheckEntity } from '../../src/modules/articles/submission-media-check.entity';
import { UsersService } from '../../src/modules/users/users.service';
import {
  type RunningStandin,
  STANDIN_CONTENT_MARKERS,
  type StandinFault,
  startStandin,
} from '../../src/wechat/standin/standin';
import { WechatClient } from '../../src/wechat/wechat.client';
import { type AuthEnv, fault, startAuthEnv } from '../support/auth-env';
import { TEST_DB, TEST_TEMPLATES, standinWechatConfig } from '../support/harness';
import { uploadLicence } from '../support/joining';
import { type StatePair, openRunState } from '../support/state-backends';
import { articleRow, contentChecks, submissionBody, submit, unitWithContact } from './support';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('WeChat content checks in the client, against the stand-in', () => {
  let standin: RunningStandin;
  let client: WechatClient;
  let state: StatePair;

  const injectFault = async (spec: StandinFault): Promise<void> => {
    const response = await fetch(`${standin.url}/__standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(spec),
    });
    if (!response.ok) throw new Error(`fault: ${response.status}`);
  };
  const calls = async (): Promise<Record<string, number>> =>
    ((await (await fetch(`${standin.url}/__standin/stats`)).json()) as { calls: Record<string, number> })
      .calls;
  const text = (content: string, title?: string) =>
    client.msgSecCheck({ openid: 'o_author', content, scene: 4, ...(title && { title }) });

  beforeAll(async () => {
    standin = await startStandin();
  });
  afterAll(() => standin.close());
  beforeEach(async () => {
    state = await openRunState();
    // Short enough that the stand-in's 1 s delay times out, long enough that a garbage collection in
    // a long test run does not time out a normal answer.
    client = new WechatClient(standinWechatConfig(standin.url, 700), state.a);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await fetch(`${standin.url}/__standin/faults`, { method: 'DELETE' });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await state.close();
  });

  it('reads the verdict of msgSecCheck 2.0: pass, review or risky, with label and trace id', async () => {
    expect(await text('会员单位的技术创新实践')).toEqual({
      suggest: 'pass',
      label: 100,
      traceId: expect.any(String) as string,
    });
    expect((await text(`正文 ${STANDIN_CONTENT_MARKERS.review}`)).suggest).toBe('review');
    expect((await text(`正文 ${STANDIN_CONTENT_MARKERS.risky}`)).suggest).toBe('risky');
    expect((await text('正文', `标题 ${STANDIN_CONTENT_MARKERS.risky}`)).suggest).toBe('risky');
  });

  it.each([
    [40003, 'an openid WeChat does not know'],
    [61010, 'an author who has not opened the mini-program lately'],
    [45009, 'the daily quota used up'],
    [45011, 'the minute quota used up'],
    [47001, 'a request WeChat cannot read'],
  ])('maps errcode %i (%s) to WechatUnavailable, never a verdict', async (errcode) => {
    await injectFault({ endpoint: 'msg_sec_check', errcode });
    expect((await rejection(text('正文'))).code).toBe(WechatError.WechatUnavailable);
  });

  it('is WechatUnavailable for an empty openid, as WeChat refuses it (40003)', async () => {
    const error = await rejection(client.msgSecCheck({ openid: '', content: '正文', scene: 4 }));
    expect(error.code).toBe(WechatError.WechatUnavailable);
    expect(error.code).not.toBe(ErrorCode.RateLimited);
  });

  it('retries once when WeChat is busy, and takes a fresh token when WeChat says it died', async () => {
    await injectFault({ endpoint: 'msg_sec_check', errcode: -1 });
    const before = await calls();
    expect((await text('正文')).suggest).toBe('pass');
    expect((await calls()).msg_sec_check! - before.msg_sec_check!).toBe(2);
    await injectFault({ endpoint: 'msg_sec_check', errcode: 40001 });
    expect((await text('正文')).suggest).toBe('pass');
    await injectFault({ endpoint: 'msg_sec_check', errcode: -1, times: 2 });
    expect((await rejection(text('正文'))).code).toBe(WechatError.WechatUnavailable);
  });

  it('is WechatUnavailable when a gateway fails, the answer is slow or the connection drops', async () => {
    for (const spec of [{ httpStatus: 502 }, { delayMs: 1000 }, { hangup: true }]) {
      await injectFault({ endpoint: 'msg_sec_check', ...spec });
      expect((await rejection(text('正文'))).code).toBe(WechatError.WechatUnavailable);
    }
  });

  it('refuses to send more than WeChat takes in one call', async () => {
    await expect(text('字'.repeat(2501))).rejects.toThrow(/at most 2500 characters/);
  });

  it('asks for an image check and returns the trace id its verdict will carry', async () => {
    const { traceId } = await client.mediaCheckAsync({
      openid: 'o_author',
      mediaUrl: 'https://itss.example.org/api/articles/files/7',
      mediaType: 2,
      scene: 4,
    });
    const { checks } = (await (await fetch(`${standin.url}/__standin/content-checks`)).json()) as {
      checks: { endpoint: string; traceId: string; body: unknown }[];
    };
    expect(checks.at(-1)).toEqual({
      endpoint: 'media_check_async',
      traceId,
      body: {
        media_url: 'https://itss.example.org/api/articles/files/7',
        media_type: 2,
        version: 2,
        scene: 4,
        openid: 'o_author',
      },
    });
    await injectFault({ endpoint: 'media_check_async', errcode: 45009 });
    const refused = client.mediaCheckAsync({
      openid: 'o_author',
      mediaUrl: 'https://itss.example.org/api/articles/files/7',
      mediaType: 2,
      scene: 4,
    });
    expect((await rejection(refused)).code).toBe(WechatError.WechatUnavailable);
  });
});

describe(`image checks of submissions with WECHAT_MEDIA_CHECK=on, on ${TEST_DB}`, () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv((config) => ({
      ...config,
      wechat: {
        ...config.wechat,
        templates: { ...config.wechat.templates, submission_decision: TEST_TEMPLATES.submission_decision },
        mediaCheck: { publicUrl: 'https://itss.example.org' },
      },
    }));
  });
  afterAll(() => env.close());

  it('sends the cover and each body image, with the submitter’s openid, and keeps the trace ids', async () => {
    const { contact } = await unitWithContact(env);
    const [cover, inline] = [
      await uploadLicence(env, contact.token),
      await uploadLicence(env, contact.token),
    ];
    const before = (await contentChecks(env)).length;
    const { id } = await submit(
      env,
      contact.token,
      submissionBody({
        coverFileId: cover,
        body: `<p>现场照片</p><img src="/api/articles/files/${inline}"><img src="https://evil.example/x.png">`,
      }),
    );
    const openid = (await env.server.app.get(UsersService).findById(contact.id))?.openid;
    const media = (await contentChecks(env)).slice(before).filter((c) => c.endpoint === 'media_check_async');
    expect(media.map((c) => [c.body.media_url, c.body.openid])).toEqual([
      [
        expect.stringMatching(
          `^https://itss\\.example\\.org/api/articles/files/${cover}\\?check=[\\w-]{32}$`,
        ),
        openid,
      ],
      [
        expect.stringMatching(
          `^https://itss\\.example\\.org/api/articles/files/${inline}\\?check=[\\w-]{32}$`,
        ),
        openid,
      ],
    ]);
    const rows = await env.server.app
      .get(DataSource)
      .getRepository(SubmissionMediaCheckEntity)
      .find({ where: { articleId: id }, order: { id: 'ASC' } });
    expect(rows.map((r) => [r.fileId, r.traceId, r.result])).toEqual(
      media.map((c, i) => [[cover, inline][i], c.traceId, null]),
    );
    expect((await articleRow(env, id))?.contentFlagged).toBe(false);
  });

  it('lets WeChat fetch an image in review by its address, and no one else', async () => {
    const { contact } = await unitWithContact(env);
    const [cover, other] = [await uploadLicence(env, contact.token), await uploadLicence(env, contact.token)];
    const before = (await contentChecks(env)).length;
    await submit(env, contact.token, submissionBody({ coverFileId: cover }));
    const [sent] = (await contentChecks(env)).slice(before).filter((c) => c.endpoint === 'media_check_async');
    const path = String(sent?.body.media_url).replace('https://itss.example.org', '');
    const token = path.split('?check=')[1] ?? '';

    // As WeChat fetches it: no session, from the address it was given.
    const fetched = await fetch(env.server.baseUrl + path);
    expect([fetched.status, fetched.headers.get('cache-control')]).toEqual([200, 'no-store']);
    expect(fetched.headers.get('content-type')).toMatch(/^image\//);
    expect((await fetched.arrayBuffer()).byteLength).toBeGreaterThan(0);
    // Without the token the image is no one's to read; the token opens that image only.
    expect((await env.server.get(`/api/articles/files/${cover}`)).status).toBe(404);
    expect((await env.server.get(`/api/articles/files/${other}?check=${token}`)).status).toBe(404);
    expect((await env.server.get(`/api/articles/files/${cover}?check=${'A'.repeat(32)}`)).status).toBe(404);
    expect((await env.server.get(`/api/articles/files/${cover}?check=short`)).status).toBe(400);
  });

  it('keeps a submission whose image WeChat could not take, flagged for staff', async () => {
    const { contact } = await unitWithContact(env);
    const cover = await uploadLicence(env, contact.token);
    await fault(env, 'media_check_async', { errcode: 45009 });
    const { id } = await submit(env, contact.token, submissionBody({ coverFileId: cover }));
    expect((await articleRow(env, id))?.contentFlagged).toBe(true);
  });
});
