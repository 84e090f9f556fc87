import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { notificationDeclaration, notificationPurposes, templateEnvKey } from '@itss/shared';
import {
  ConfigError,
  REPO_ROOT,
  STANDIN_APPID,
  STANDIN_SECRET,
  STANDIN_TEMPLATE_ID,
  loadConfig,
} from './config';

/** Development is chosen explicitly, as npm start and the tests do. */
const dev = { NODE_ENV: 'development' };

describe('loadConfig', () => {
  it('is production unless NODE_ENV says otherwise, so a bare start never serves the stand-in', () => {
    expect(() => loadConfig({})).toThrow(/WECHAT_APPID: required in production/);
    const config = loadConfig({
      WECHAT_APPID: 'wx0123456789abcdef',
      WECHAT_SECRET: '0123456789abcdef0123456789abcdef',
      EVENT_TICKET_SECRET: 'production-ticket-secret-0123456789abcdef',
    });
    expect(config.env).toBe('production');
    expect(config.host).toBe('0.0.0.0');
    expect(config.wechat.serveStandin).toBe(false);
  });

  it('listens on loopback only in development and tests, unless HOST says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'development', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('defaults in development to an embedded SQLite file under data/', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(config.env).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.database.type).toBe('sqlite');
    expect(config.database.type === 'sqlite' && config.database.path).toMatch(/data\/itss\.sqlite$/);
  });

  it('chooses MySQL/MariaDB from DATABASE_URL', () => {
    expect(loadConfig({ ...dev, DATABASE_URL: 'mariadb://root@127.0.0.1:3306/itss' }).database).toEqual({
      type: 'mysql',
      url: 'mariadb://root@127.0.0.1:3306/itss',
    });
    expect(loadConfig({ ...dev, DATABASE_URL: 'mysql://u:p@db:3306/itss?ssl=true' }).database.type).toBe(
      'mysql',
    );
  });

  it('migrates through DATABASE_MIGRATION_URL when given, and refuses it without DATABASE_URL', () => {
    expect(
      loadConfig({
        NODE_ENV: 'development',
        DATABASE_URL: 'mysql://itss_app:p@db:3306/itss',
        DATABASE_MIGRATION_URL: 'mysql://itss_owner:q@db:3306/itss',
      }).database,
    ).toEqual({
      type: 'mysql',
      url: 'mysql://itss_app:p@db:3306/itss',
      migrationUrl: 'mysql://itss_owner:q@db:3306/itss',
    });
    expect(() =>
      loadConfig({ NODE_ENV: 'development', DATABASE_MIGRATION_URL: 'mysql://itss_owner:q@db:3306/itss' }),
    ).toThrow(/DATABASE_MIGRATION_URL: needs DATABASE_URL/);
  });

  it('keeps shared state in memory unless REDIS_URL names a Redis, with keys under itss: by default', () => {
    expect(loadConfig(dev).redis).toBeNull();
    expect(loadConfig({ ...dev, REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      keyPrefix: 'itss:',
    });
    expect(
      loadConfig({
        ...dev,
        REDIS_URL: 'rediss://:secret@cache.example.com:6380/2',
        REDIS_KEY_PREFIX: 'itss-staging:',
      }).redis,
    ).toEqual({ url: 'rediss://:secret@cache.example.com:6380/2', keyPrefix: 'itss-staging:' });
  });

  it('caches public reads unless RESPONSE_CACHE is off', () => {
    expect(loadConfig(dev).responseCache).toBe(true);
    expect(loadConfig({ ...dev, RESPONSE_CACHE: 'off' }).responseCache).toBe(false);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ ...dev, PORT: '', DATABASE_URL: '' }).database.type).toBe('sqlite');
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY names a hop count or the proxies', () => {
    expect(loadConfig(dev).trustProxy).toBe(false);
    expect(loadConfig({ ...dev, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ ...dev, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(
      loadConfig({ ...dev, TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,loopback,fd00::/8' }).trustProxy,
    ).toEqual(['10.0.0.0/8', '192.168.1.7', 'loopback', 'fd00::/8']);
  });

  it('gives a request 30 s to arrive unless REQUEST_TIMEOUT_MS says otherwise', () => {
    expect(loadConfig(dev).requestTimeoutMs).toBe(30_000);
    expect(loadConfig({ ...dev, REQUEST_TIMEOUT_MS: '5000' }).requestTimeoutMs).toBe(5000);
  });

  it('keeps uploads under data/uploads unless UPLOAD_DIR says otherwise, or in a bucket when S3_* is set', () => {
    expect(loadConfig(dev).storage).toEqual({ type: 'local', dir: resolve(REPO_ROOT, 'data/uploads') });
    expect(loadConfig({ ...dev, UPLOAD_DIR: '/srv/itss/uploads' }).storage).toEqual({
      type: 'local',
      dir: '/srv/itss/uploads',
    });
    const s3 = {
      S3_ENDPOINT: 'https://cos.ap-beijing.myqcloud.com',
      S3_REGION: 'ap-beijing',
      S3_BUCKET: 'itss-1250000000',
      S3_ACCESS_KEY_ID: 'AKIDexample',
      S3_SECRET_ACCESS_KEY: 'secret',
    };
    expect(loadConfig({ ...dev, ...s3 }).storage).toEqual({
      type: 's3',
      endpoint: 'https://cos.ap-beijing.myqcloud.com',
      region: 'ap-beijing',
      bucket: 'itss-1250000000',
      accessKeyId: 'AKIDexample',
      secretAccessKey: 'secret',
      forcePathStyle: false,
    });
  });

  it('refuses half an S3 configuration, naming each missing key', () => {
    let caught: unknown;
    try {
      loadConfig({ ...dev, S3_BUCKET: 'itss-uploads', S3_REGION: 'ap-beijing' });
    } catch (error) {
      caught = error;
    }
    expect((caught as ConfigError).problems.map((p) => p.key)).toEqual([
      'S3_ACCESS_KEY_ID',
      'S3_SECRET_ACCESS_KEY',
    ]);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'postgres://localhost/itss'],
    ['DATABASE_URL', 'mysql://localhost'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'verbose'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['REDIS_URL', '127.0.0.1:6379'],
    ['REDIS_URL', 'redis://'],
    ['REDIS_KEY_PREFIX', 'itss prod'],
    ['RESPONSE_CACHE', 'sometimes'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '0'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', 'proxy.internal'],
    ['TRUST_PROXY', '10.0.0.1,'],
    ['REQUEST_TIMEOUT_MS', '0'],
    ['S3_BUCKET', 'Bad_Bucket'],
    ['S3_ENDPOINT', 'cos.example.com'],
  ])('stops on a bad %s (%s), naming the key', (key, value) => {
    let caught: unknown;
    try {
      loadConfig({ ...dev, [key]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems.map((p) => p.key)).toEqual([key]);
    expect((caught as ConfigError).message).toContain(key);
  });
});

describe('loadConfig in production', () => {
  const real = {
    WECHAT_APPID: 'wx0123456789abcdef',
    WECHAT_SECRET: '0123456789abcdef0123456789abcdef',
    EVENT_TICKET_SECRET: 'production-ticket-secret-0123456789abcdef',
  };

  it('starts with real WeChat credentials, talking to WeChat itself and serving no stand-in', () => {
    const config = loadConfig({ NODE_ENV: 'production', ...real });
    expect(config.wechat).toMatchObject({ apiBase: 'https://api.weixin.qq.com', serveStandin: false });
  });

  it.each([
    [{}, ['WECHAT_APPID', 'WECHAT_SECRET']],
    [{ WECHAT_APPID: real.WECHAT_APPID }, ['WECHAT_SECRET']],
    [{ WECHAT_APPID: STANDIN_APPID, WECHAT_SECRET: STANDIN_SECRET }, ['WECHAT_SECRET']],
    [{ ...real, WECHAT_API_BASE: 'http://127.0.0.1:3000/__wechat' }, ['WECHAT_API_BASE']],
    [{ ...real, EVENT_TICKET_SECRET: '' }, ['EVENT_TICKET_SECRET']],
  ])('refuses to start with the stand-in or development secrets (%o)', (env, keys) => {
    let caught: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', EVENT_TICKET_SECRET: real.EVENT_TICKET_SECRET, ...env });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems.map((p) => p.key)).toEqual(keys);
  });

  it('sends subscribe messages only with a configured template, and opens released codes by default', () => {
    expect(loadConfig({ NODE_ENV: 'production', ...real }).wechat).toMatchObject({
      templates: {
        application_decision: undefined,
        join_request_decision: undefined,
        group_code_expiring: undefined,
      },
      codeEnvVersion: 'release',
    });
    const configured = loadConfig({
      NODE_ENV: 'production',
      ...real,
      WECHAT_TEMPLATE_APPLICATION_DECISION: 'AbC-123_xyzTemplateId',
      // The decisions share a layout: one template may serve both.
      WECHAT_TEMPLATE_JOIN_REQUEST_DECISION: 'AbC-123_xyzTemplateId',
      WECHAT_TEMPLATE_GROUP_CODE_EXPIRING: 'Grp-456_expiringTemplate',
      WECHAT_CODE_ENV_VERSION: 'trial',
    });
    expect(configured.wechat).toMatchObject({
      templates: {
        application_decision: 'AbC-123_xyzTemplateId',
        join_request_decision: 'AbC-123_xyzTemplateId',
        group_code_expiring: 'Grp-456_expiringTemplate',
      },
      codeEnvVersion: 'trial',
    });
    for (const key of [
      'WECHAT_TEMPLATE_APPLICATION_DECISION',
      'WECHAT_TEMPLATE_JOIN_REQUEST_DECISION',
      'WECHAT_TEMPLATE_GROUP_CODE_EXPIRING',
    ]) {
      expect(() => loadConfig({ ...dev, [key]: 'x y' })).toThrow(new RegExp(key));
    }
    expect(() => loadConfig({ ...dev, WECHAT_CODE_ENV_VERSION: 'beta' })).toThrow(/WECHAT_CODE_ENV_VERSION/);
  });

  it('reads the template of every purpose a feature declares from WECHAT_TEMPLATE_<PURPOSE>, and no other key', () => {
    const purposes = notificationPurposes();
    expect(purposes).toEqual(
      expect.arrayContaining(['application_decision', 'join_request_decision', 'group_code_expiring']),
    );
    const env = Object.fromEntries(
      purposes.map((purpose, i) => [templateEnvKey(purpose), `Template-${i}_abcdef`]),
    );
    expect(loadConfig({ NODE_ENV: 'production', ...real, ...env }).wechat.templates).toEqual(
      Object.fromEntries(purposes.map((purpose, i) => [purpose, `Template-${i}_abcdef`])),
    );
    expect(() =>
      loadConfig({ ...dev, WECHAT_TEMPLATE_APPLICATON_DECISION: 'AbC-123_xyzTemplateId' }),
    ).toThrow(/WECHAT_TEMPLATE_APPLICATON_DECISION: no notification purpose is declared for it/);
  });

  it('has a row in the README for every template key, naming the template and its fields', () => {
    const readme = readFileSync(resolve(REPO_ROOT, 'README.md'), 'utf8');
    const rows = readme.split('\n').filter((line) => line.startsWith('| `WECHAT_TEMPLATE_'));
    const keys = rows.map((row) => /^\| `(WECHAT_TEMPLATE_[A-Z0-9_]+)`/.exec(row)?.[1]);
    expect(keys.sort()).toEqual(notificationPurposes().map(templateEnvKey).sort());
    for (const purpose of notificationPurposes()) {
      const { name, template, fields } = notificationDeclaration(purpose);
      const layout = `${template} (${Object.values(fields)
        .map(({ key, label }) => `${key} ${label}`)
        .join(', ')})`;
      const row = rows.find((line) => line.startsWith(`| \`${templateEnvKey(purpose)}\``));
      expect([purpose, row]).toEqual([purpose, expect.stringContaining(name)]);
      expect([purpose, row]).toEqual([purpose, expect.stringContaining(layout)]);
    }
  });

  it('reads the submission template and the media check, which needs PUBLIC_URL in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', ...real }).wechat).toMatchObject({
      templates: { submission_decision: undefined },
      mediaCheck: null,
    });
    expect(
      loadConfig({
        NODE_ENV: 'production',
        ...real,
        WECHAT_TEMPLATE_SUBMISSION_DECISION: 'AbC-123_submissionTpl',
        WECHAT_MEDIA_CHECK: 'on',
        PUBLIC_URL: 'https://itss.example.org/',
      }).wechat,
    ).toMatchObject({
      templates: { submission_decision: 'AbC-123_submissionTpl' },
      mediaCheck: { publicUrl: 'https://itss.example.org' },
    });
    expect(() => loadConfig({ NODE_ENV: 'production', ...real, WECHAT_MEDIA_CHECK: 'on' })).toThrow(
      /PUBLIC_URL/,
    );
    expect(() => loadConfig({ ...dev, WECHAT_MEDIA_CHECK: 'yes' })).toThrow(/WECHAT_MEDIA_CHECK/);
    expect(loadConfig({ ...dev, WECHAT_MEDIA_CHECK: 'on', PORT: '3100' }).wechat.mediaCheck).toEqual({
      publicUrl: 'http://127.0.0.1:3100',
    });
  });

  it('reads the message push: Token, and EncodingAESKey for safe mode', () => {
    expect(loadConfig(dev).wechat.push).toBeNull();
    const key = 'A'.repeat(43);
    expect(
      loadConfig({ ...dev, WECHAT_PUSH_TOKEN: 'pushToken1', WECHAT_PUSH_AES_KEY: key }).wechat.push,
    ).toEqual({
      token: 'pushToken1',
      encodingAesKey: key,
    });
    expect(() => loadConfig({ ...dev, WECHAT_PUSH_AES_KEY: key })).toThrow(/WECHAT_PUSH_TOKEN/);
    expect(() => loadConfig({ ...dev, WECHAT_PUSH_TOKEN: 'no spaces' })).toThrow(/WECHAT_PUSH_TOKEN/);
    expect(() => loadConfig({ ...dev, WECHAT_PUSH_TOKEN: 'ok1', WECHAT_PUSH_AES_KEY: 'short' })).toThrow(
      /WECHAT_PUSH_AES_KEY/,
    );
  });

  it('refuses to start production with the push in plaintext mode: one signed URL would carry any body', () => {
    const production = {
      WECHAT_APPID: 'wx0123456789abcdef',
      WECHAT_SECRET: '0123456789abcdef0123456789abcdef',
      EVENT_TICKET_SECRET: 'production-ticket-secret-0123456789abcdef',
      WECHAT_PUSH_TOKEN: 'pushToken1',
    };
    expect(() => loadConfig(production)).toThrow(
      /WECHAT_PUSH_AES_KEY: required in production with WECHAT_PUSH_TOKEN/,
    );
    const key = 'A'.repeat(43);
    expect(loadConfig({ ...production, WECHAT_PUSH_AES_KEY: key }).wechat.push).toEqual({
      token: 'pushToken1',
      encodingAesKey: key,
    });
    expect(loadConfig({ ...dev, WECHAT_PUSH_TOKEN: 'pushToken1' }).wechat.push?.encodingAesKey).toBeNull();
  });

  it('serves the stand-in in development when no appid is configured', () => {
    expect(loadConfig(dev).wechat).toMatchObject({
      appid: STANDIN_APPID,
      serveStandin: true,
      apiBase: 'http://127.0.0.1:3000/__wechat',
      // The stand-in accepts any template: one id shows every purpose's flow without a console.
      templates: {
        application_decision: STANDIN_TEMPLATE_ID,
        join_request_decision: STANDIN_TEMPLATE_ID,
        group_code_expiring: STANDIN_TEMPLATE_ID,
      },
    });
  });
});
