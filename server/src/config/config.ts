import { resolve } from 'node:path';
import { z } from 'zod';

/** The repository root, so defaults do not depend on the directory the server was started from. */
export const REPO_ROOT = resolve(__dirname, '../../..');

const mysqlUrl = z
  .string()
  .regex(
    /^(mysql|mariadb):\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?$/,
    'must look like mysql://user:password@host:3306/database',
  );

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: mysqlUrl.optional(),
  SQLITE_PATH: z.string().min(1).default(resolve(REPO_ROOT, 'data/itss.sqlite')),
  H5_DIR: z.string().min(1).default(resolve(REPO_ROOT, 'miniapp/dist/h5')),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug']).default('log'),
});

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'mysql'; url: string };

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database: DatabaseConfig;
  h5Dir: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
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
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ key: issue.path.join('.'), message: issue.message })),
    );
  }
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    database: c.DATABASE_URL
      ? { type: 'mysql', url: c.DATABASE_URL }
      : { type: 'sqlite', path: resolve(c.SQLITE_PATH) },
    h5Dir: resolve(c.H5_DIR),
    logLevel: c.LOG_LEVEL,
  };
}

/** Injection token of the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
