import { Agent, request } from 'node:http';
import { errorBodySchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { AuditEntity } from '../../src/modules/audit/audit.entity';
import { type AuthEnv, bearer } from './auth-env';

/**
 * The concurrency helper: fire N identical or conflicting requests at once, then check the answers,
 * the final state and the audit rows. SQLite runs one transaction at a time, so races show on
 * MariaDB; the suite runs on both. Each feature lists its cases in test/<feature>/concurrency.ts;
 * concurrency.e2e-spec.ts gathers them and fails when a write route has none.
 */
export interface ConcurrencyCase {
  /** The write route as Nest declares it, e.g. "DELETE /api/staff/:userId". */
  route: string;
  /** What races and what must hold afterwards. */
  title: string;
  /** Runs on an environment of its own: fresh database, WeChat stand-in and shared state. */
  run(env: AuthEnv): Promise<void>;
}

export interface Answer {
  status: number;
  body: unknown;
}

export interface Call {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  token?: string;
  body?: unknown;
  /** Sent as it is instead of a JSON body, e.g. a multipart upload. */
  raw?: { contentType: string; bytes: Buffer };
  headers?: Record<string, string>;
}

/** One request over a socket of `agent`, answered with its status and (JSON) body. */
function send(agent: Agent, baseUrl: string, call: Call): Promise<Answer> {
  const body = call.raw?.bytes ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(call.path, baseUrl),
      {
        agent,
        method: call.method,
        headers: {
          ...(call.token ? bearer(call.token) : {}),
          ...(body === undefined
            ? {}
            : {
                'content-type': call.raw?.contentType ?? 'application/json',
                'content-length': Buffer.byteLength(body),
              }),
          ...call.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            body: res.headers['content-type']?.includes('json') ? (JSON.parse(text) as unknown) : text,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends the calls at once and returns the answers in the order of the calls. One connection per
 * call is opened and warmed up first; then every request is written in the same tick, so they reach
 * the server together rather than one connection handshake apart (which let most of them run one
 * after the other). Identical requests: `atOnce(env, times(6, call))`.
 */
export async function atOnce(env: AuthEnv, calls: Call[]): Promise<Answer[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: calls.length });
  try {
    await Promise.all(
      calls.map(
        () =>
          new Promise<void>((resolve, reject) => {
            request(new URL('/api/health', env.server.baseUrl), { agent }, (res) => {
              res.resume();
              res.on('end', resolve);
            })
              .on('error', reject)
              .end();
          }),
      ),
    );
    return await Promise.all(calls.map((call) => send(agent, env.server.baseUrl, call)));
  } finally {
    agent.destroy();
  }
}

/** `n` copies of one call. */
export function times(n: number, call: Call): Call[] {
  return Array.from({ length: n }, () => call);
}

/**
 * The answers counted by status and, for errors, code: `{ '200': 5, '409 STAFF_LAST_ADMIN': 1 }`.
 * Compared with toEqual, a 500 anywhere fails with its code in the diff.
 */
export function tally(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status, body } of answers) {
    const error = status >= 400 ? errorBodySchema.safeParse(body) : undefined;
    const key = error?.success ? `${status} ${error.data.code}` : String(status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The audit rows of one action, optionally about one person: the log must hold each change once. */
export async function auditRows(env: AuthEnv, action: string, targetUserId?: number): Promise<AuditEntity[]> {
  return env.server.app
    .get(DataSource)
    .getRepository(AuditEntity)
    .find({
      where: { action, ...(targetUserId === undefined ? {} : { target: `user:${targetUserId}` }) },
      order: { id: 'ASC' },
    });
}
