import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { withWechatPay } from './payments/wechatpay';
import { type AuthEnv, startAuthEnv } from './support/auth-env';
import { type RouteAccess, declaredRoutes, describeRoleMatrix } from './support/role-matrix';

/**
 * Every feature states who gets 2xx on its routes in `test/<feature>/access.ts` (and, where parts
 * of a feature are built apart, `test/<feature>/<part>.access.ts`); this file gathers them by
 * convention (no list to edit), checks each route for every persona, and fails when the
 * application declares a route that no feature listed.
 */
const ACCESS_FILE = /^(?:[a-z-]+\.)?access\.ts$/;

function accessOf(feature: string, file: string): RouteAccess[] {
  // Discovered at run time, and jest's describe is synchronous: a plain require is the way in.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(join(__dirname, feature, file)) as { ACCESS: RouteAccess[] }).ACCESS;
}

function featureMatrices(): RouteAccess[] {
  return readdirSync(__dirname, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(join(__dirname, entry.name))
        .filter((file) => ACCESS_FILE.test(file))
        .flatMap((file) => accessOf(entry.name, file)),
    );
}

const ROLE_MATRIX = featureMatrices();

describe('role matrix', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv(withWechatPay);
  });
  afterAll(() => env.close());

  describeRoleMatrix(() => env, ROLE_MATRIX);

  it('covers every route the application declares, each once', () => {
    const listed = ROLE_MATRIX.map((entry) => `${entry.method} ${entry.route}`).sort();
    expect(new Set(listed).size).toBe(listed.length);
    expect(declaredRoutes(env.server.app)).toEqual(listed);
  });
});
