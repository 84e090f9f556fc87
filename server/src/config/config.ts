import { isIP } from 'node:net';
import { resolve } from 'node:path';
import {
  DEFAULT_OFFER_HOURS,
  type NotificationPurpose,
  notificationPurposes,
  templateEnvKey,
} from '@itss/shared';
import { z } from 'zod';
import { type WechatPayConfig, wechatPayConfig, wechatPayKeys } from './wechatpay-config';

/** The repository root, so defaults do not depend on the directory the server was started from. */
export const REPO_ROOT = resolve(__dirname, '../../..');

const mysqlUrl = z
  .string()
  .regex(
    /^(mysql|mariadb):\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?$/,
    'must look like mysql://user:password@host:3306/database',
  );

const templateId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{10,64}$/, 'must be a template id from the WeChat console');

/** proxy-addr's names for address ranges, accepted in TRUST_PROXY like addresses. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An IPv4 or IPv6 address, optionally with a /prefix length. */
function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which peers may tell us the client's address in X-Forwarded-For. Off unless set: otherwise any
 * client could write the address the login throttle counts and the audit log records.
 */
const trustProxySchema = z.string().transform((value, ctx): false | number | string[] => {
  const text = value.trim();
  if (text === 'false') return false;
  if (/^[0-9]+$/.test(text)) {
    const hops = Number(text);
    if (hops >= 1 && hops <= 10) return hops;
  } else {
    const entries = text.split(',').map((entry) => entry.trim());
    if (entries.every((entry) => PROXY_RANGE_NAMES.has(entry) || isAddressOrCidr(entry))) return entries;
  }
  ctx.addIssue({
    code: 'custom',
    message:
      'must be a hop count (1-10) or a comma-separated list of proxy addresses or CIDRs (e.g. 10.0.0.0/8,loopback); "true" is refused because every client could then forge X-Forwarded-For',
  });
  return z.NEVER;
});

const configSchema = z.object({
  // Fail closed: only a deliberate NODE_ENV=development (npm start, the tests) serves the WeChat
  // stand-in and its demo admin; a bare `node server/dist/main.js` is production.
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  // Default by NODE_ENV below: loopback in development and tests, every interface in production.
  HOST: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: mysqlUrl.optional(),
  DATABASE_MIGRATION_URL: mysqlUrl.optional(),
  SQLITE_PATH: z.string().min(1).default(resolve(REPO_ROOT, 'data/itss.sqlite')),
  H5_DIR: z.string().min(1).default(resolve(REPO_ROOT, 'miniapp/dist/h5')),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug']).default('log'),
  WECHAT_APPID: z
    .string()
    .regex(/^wx[0-9a-f]{16}$/, 'must be a mini-program appid like wx0123456789abcdef')
    .optional(),
  WECHAT_SECRET: z
    .string()
    .regex(/^[0-9a-f]{32}$/, 'must be the 32-character AppSecret')
    .optional(),
  WECHAT_API_BASE: z.url({ protocol: /^https?$/ }).optional(),
  WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  WECHAT_CLOUD_HOSTING: z.stringbool().default(false),
  // Which version of the mini-program a campaign's code opens: release once published; trial or
  // develop while testing (WeChat refuses release codes for pages not yet published).
  WECHAT_CODE_ENV_VERSION: z.enum(['release', 'trial', 'develop']).default('release'),
  // Images of member submissions through WeChat's asynchronous media check: it costs quota
  // (200,000 a day per appid) and needs WeChat to fetch the image from PUBLIC_URL.
  WECHAT_MEDIA_CHECK: z.enum(['on', 'off'], 'must be on or off').default('off'),
  // Where WeChat reaches this server from the internet (https://example.org), for the media check.
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  // The message push of the WeChat console (消息推送, JSON format) at /api/wechat/push: its Token,
  // and its EncodingAESKey for safe mode (安全模式), which production requires with the Token.
  WECHAT_PUSH_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9]{3,32}$/, 'must be the Token from the WeChat console (3-32 letters or digits)')
    .optional(),
  WECHAT_PUSH_AES_KEY: z
    .string()
    .regex(/^[A-Za-z0-9]{43}$/, 'must be the 43-character EncodingAESKey from the WeChat console')
    .optional(),
  REDIS_URL: z
    .url({
      protocol: /^rediss?$/,
      hostname: /^[^/]+$/,
      error: 'must look like redis://[:password@]host:6379[/db] (rediss:// for TLS)',
    })
    .optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1-64 letters, digits or _ . : -')
    .default('itss:'),
  RESPONSE_CACHE: z.stringbool().default(true),
  TRUST_PROXY: trustProxySchema.optional(),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  UPLOAD_DIR: z.string().min(1).default(resolve(REPO_ROOT, 'data/uploads')),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_REGION: z.string().min(1).optional(),
  S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be a bucket name (3-63 lowercase letters, digits, . or -)',
    )
    .optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.stringbool().default(false),
  ...wechatPayKeys,
  // Signs event tickets' codes: a code forged or altered without it is refused without a lookup.
  EVENT_TICKET_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  EVENT_OFFER_HOURS: z.coerce.number().int().min(1).max(168).default(DEFAULT_OFFER_HOURS),
});

/** Tickets made in development and tests are signed with this; production must set its own. */
export const DEVELOPMENT_TICKET_SECRET = 'itss-development-ticket-secret-not-for-production';

/**
 * Subscribe-message templates (from the WeChat console), one per notification purpose a feature
 * declares in the contract, read from `WECHAT_TEMPLATE_<PURPOSE>`: no key is listed here. A purpose
 * left unset reaches people in the app's 消息 only; two purposes may name the same template.
 */
function templateKeys() {
  return Object.fromEntries(
    notificationPurposes().map((purpose) => [templateEnvKey(purpose), templateId.optional()]),
  );
}

/** What the local WeChat stand-in accepts; production refuses to start with these. */
export const STANDIN_APPID = 'wx00000000000000d0';
export const STANDIN_SECRET = '0000000000000000000000000000d0d0';
export const STANDIN_PREFIX = '/__wechat';
/** The subscribe-message template id development uses with the stand-in, for every purpose. */
export const STANDIN_TEMPLATE_ID = 'standin-application-decision';
const WECHAT_API = 'https://api.weixin.qq.com';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | {
      type: 'mysql';
      url: string;
      /**
       * A second account that owns the schema: migrations run with it, so the server's own account
       * needs no CREATE, ALTER, DROP or TRIGGER privilege (and so cannot truncate the audit log).
       */
      migrationUrl?: string;
    };

export interface WechatConfig {
  appid: string;
  secret: string;
  /** With serveStandin, createApp repoints it at the address really bound once the server listens. */
  apiBase: string;
  timeoutMs: number;
  /** Serve the local WeChat stand-in at STANDIN_PREFIX on this server (development without WeChat). */
  serveStandin: boolean;
  /** Trust WeChat cloud hosting's x-wx-openid header to identify the caller. */
  cloudHosting: boolean;
  /** env_version of the mini-program codes made for campaigns. */
  codeEnvVersion: 'release' | 'trial' | 'develop';
  /** Subscribe-message template ids by notification purpose; a purpose without one is in-app only. */
  templates: Partial<Record<NotificationPurpose, string>>;
  /**
   * Submitted images go through media_check_async, fetched by WeChat at `publicUrl` + the file's
   * path; null: they are not sent (staff look at them in review anyway).
   */
  mediaCheck: { publicUrl: string } | null;
  /** The message push WeChat sends events to (image check verdicts); null: not configured. */
  push: { token: string; encodingAesKey: string | null } | null;
}

/** Shared state (throttles, caches, locks) lives here when set, in each process's memory otherwise. */
export interface RedisConfig {
  url: string;
  /** Every key starts with it, so several deployments or test runs can share one Redis. */
  keyPrefix: string;
  /** How long a command may take; tests on a loaded machine allow more than production's 2 s. */
  commandTimeoutMs?: number;
}

/** An S3-compatible bucket (Tencent COS, MinIO, AWS) for uploaded files. */
export interface S3Config {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** bucket in the path rather than the host name: local S3 servers and some gateways need it. */
  forcePathStyle: boolean;
}

/** Where uploaded files' bytes go: the local folder, or the bucket when S3_* is set. */
export type StorageConfig = { type: 'local'; dir: string } | ({ type: 's3' } & S3Config);

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database: DatabaseConfig;
  h5Dir: string;
  /**
   * Where people reach this server from the internet (PUBLIC_URL, no trailing slash): the origin of
   * links printed for others to open, such as a certificate's verification QR code. Absent: the
   * origin the request came in on.
   */
  publicUrl?: string | null;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  wechat: WechatConfig;
  /** null: WeChat Pay is not offered (bank transfer only). */
  wechatpay: WechatPayConfig | null;
  redis: RedisConfig | null;
  /** Serve cached public reads; off only to measure or to rule the cache out while diagnosing. */
  responseCache: boolean;
  /**
   * Whose X-Forwarded-For to believe (Fastify's trustProxy): false, a hop count, or proxy addresses
   * and CIDRs. It decides `request.ip`, which the login throttle and the audit log use.
   */
  trustProxy: false | number | string[];
  /** A request's headers and body must have arrived within this time, or it is answered 408. */
  requestTimeoutMs: number;
  storage: StorageConfig;
  events: EventsConfig;
}

/** Training and events: how long an offered seat waits for its person, and the ticket codes' key. */
export interface EventsConfig {
  offerHours: number;
  ticketSecret: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: { key: string; message: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.key}: ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Read and validate the environment once; a bad value stops start-up naming its key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable means "not set", as in most .env tooling.
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = configSchema.safeParse(defined);
  const templates = z.object(templateKeys()).safeParse(defined);
  const issues = [...(parsed.error?.issues ?? []), ...(templates.error?.issues ?? [])];
  if (!parsed.success || !templates.success) {
    throw new ConfigError(issues.map((issue) => ({ key: issue.path.join('.'), message: issue.message })));
  }
  const c = parsed.data;
  const problems: { key: string; message: string }[] = [];
  for (const key of Object.keys(defined)) {
    // A mistyped key would otherwise leave its purpose in the app only, without a word.
    if (key.startsWith('WECHAT_TEMPLATE_') && !(key in templates.data)) {
      problems.push({ key, message: 'no notification purpose is declared for it in the contract' });
    }
  }
  if (c.DATABASE_MIGRATION_URL && !c.DATABASE_URL) {
    problems.push({
      key: 'DATABASE_MIGRATION_URL',
      message: 'needs DATABASE_URL (the embedded SQLite file has no accounts)',
    });
  }
  if (c.NODE_ENV === 'production') {
    if (!c.WECHAT_APPID) problems.push({ key: 'WECHAT_APPID', message: 'required in production' });
    if (!c.WECHAT_SECRET) problems.push({ key: 'WECHAT_SECRET', message: 'required in production' });
    if (c.WECHAT_APPID === STANDIN_APPID || c.WECHAT_SECRET === STANDIN_SECRET) {
      problems.push({
        key: 'WECHAT_SECRET',
        message: "the stand-in's development credentials are refused in production",
      });
    }
    if (c.WECHAT_API_BASE && c.WECHAT_API_BASE.replace(/\/$/, '') !== WECHAT_API) {
      problems.push({ key: 'WECHAT_API_BASE', message: `must be ${WECHAT_API} in production (no stand-in)` });
    }
  } else if (c.WECHAT_APPID && !c.WECHAT_SECRET) {
    problems.push({ key: 'WECHAT_SECRET', message: 'required with WECHAT_APPID' });
  }
  if (c.WECHAT_MEDIA_CHECK === 'on' && !c.PUBLIC_URL && c.NODE_ENV === 'production') {
    problems.push({
      key: 'PUBLIC_URL',
      message: 'required with WECHAT_MEDIA_CHECK=on (WeChat fetches images there)',
    });
  }
  if (c.WECHAT_PUSH_AES_KEY && !c.WECHAT_PUSH_TOKEN) {
    problems.push({ key: 'WECHAT_PUSH_TOKEN', message: 'required with WECHAT_PUSH_AES_KEY' });
  }
  // In plaintext mode WeChat signs only the timestamp and nonce, not the body: anyone who sees one
  // signed URL could send any event with it for five minutes. Production takes pushes encrypted only.
  if (c.WECHAT_PUSH_TOKEN && !c.WECHAT_PUSH_AES_KEY && c.NODE_ENV === 'production') {
    problems.push({
      key: 'WECHAT_PUSH_AES_KEY',
      message:
        'required in production with WECHAT_PUSH_TOKEN (safe mode: plaintext pushes are not signed over their body)',
    });
  }
  const s3Keys = ['S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
  const s3Set = s3Keys.filter((key) => c[key] !== undefined);
  if (c.S3_ENDPOINT || s3Set.length > 0) {
    // Half an S3 configuration would silently keep files on one server's disk: name what is missing.
    for (const key of s3Keys) {
      if (c[key] === undefined) problems.push({ key, message: 'required when any S3_* variable is set' });
    }
  }
  // Without credentials, development talks to the stand-in that this server serves itself.
  const serveStandin = !c.WECHAT_APPID;
  const wechatpay = wechatPayConfig(
    c,
    {
      env: c.NODE_ENV,
      port: c.PORT,
      appid: c.WECHAT_APPID ?? STANDIN_APPID,
      publicUrl: c.PUBLIC_URL,
      timeoutMs: c.WECHAT_TIMEOUT_MS,
      wechatStandin: serveStandin && !c.WECHAT_API_BASE,
    },
    problems,
  );
  if (c.NODE_ENV === 'production' && !c.EVENT_TICKET_SECRET) {
    problems.push({ key: 'EVENT_TICKET_SECRET', message: 'required in production' });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const standinTemplate = serveStandin ? STANDIN_TEMPLATE_ID : undefined;
  return {
    env: c.NODE_ENV,
    // In development the stand-in lets anyone log in as the demo admin: keep it on this machine.
    host: c.HOST ?? (c.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    port: c.PORT,
    database: c.DATABASE_URL
      ? {
          type: 'mysql',
          url: c.DATABASE_URL,
          ...(c.DATABASE_MIGRATION_URL && { migrationUrl: c.DATABASE_MIGRATION_URL }),
        }
      : { type: 'sqlite', path: resolve(c.SQLITE_PATH) },
    h5Dir: resolve(c.H5_DIR),
    publicUrl: c.PUBLIC_URL ? c.PUBLIC_URL.replace(/\/$/, '') : null,
    logLevel: c.LOG_LEVEL,
    wechat: {
      appid: c.WECHAT_APPID ?? STANDIN_APPID,
      secret: c.WECHAT_SECRET ?? STANDIN_SECRET,
      apiBase: (
        c.WECHAT_API_BASE ?? (serveStandin ? `http://127.0.0.1:${c.PORT}${STANDIN_PREFIX}` : WECHAT_API)
      ).replace(/\/$/, ''),
      timeoutMs: c.WECHAT_TIMEOUT_MS,
      serveStandin: serveStandin && !c.WECHAT_API_BASE,
      cloudHosting: c.WECHAT_CLOUD_HOSTING,
      codeEnvVersion: c.WECHAT_CODE_ENV_VERSION,
      // The stand-in accepts any template: development shows the whole flow without a console.
      templates: Object.fromEntries(
        notificationPurposes().map((purpose) => [
          purpose,
          templates.data[templateEnvKey(purpose)] ?? standinTemplate,
        ]),
      ),
      mediaCheck:
        c.WECHAT_MEDIA_CHECK === 'on'
          ? { publicUrl: (c.PUBLIC_URL ?? `http://127.0.0.1:${c.PORT}`).replace(/\/$/, '') }
          : null,
      push: c.WECHAT_PUSH_TOKEN
        ? { token: c.WECHAT_PUSH_TOKEN, encodingAesKey: c.WECHAT_PUSH_AES_KEY ?? null }
        : null,
    },
    wechatpay,
    redis: c.REDIS_URL ? { url: c.REDIS_URL, keyPrefix: c.REDIS_KEY_PREFIX } : null,
    responseCache: c.RESPONSE_CACHE,
    trustProxy: c.TRUST_PROXY ?? false,
    requestTimeoutMs: c.REQUEST_TIMEOUT_MS,
    storage:
      c.S3_BUCKET && c.S3_REGION && c.S3_ACCESS_KEY_ID && c.S3_SECRET_ACCESS_KEY
        ? {
            type: 's3',
            ...(c.S3_ENDPOINT && { endpoint: c.S3_ENDPOINT }),
            region: c.S3_REGION,
            bucket: c.S3_BUCKET,
            accessKeyId: c.S3_ACCESS_KEY_ID,
            secretAccessKey: c.S3_SECRET_ACCESS_KEY,
            forcePathStyle: c.S3_FORCE_PATH_STYLE,
          }
        : { type: 'local', dir: resolve(c.UPLOAD_DIR) },
    events: {
      offerHours: c.EVENT_OFFER_HOURS,
      ticketSecret: c.EVENT_TICKET_SECRET ?? DEVELOPMENT_TICKET_SECRET,
    },
  };
}

export type { WechatPayConfig } from './wechatpay-config';

/** Injection token of the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
