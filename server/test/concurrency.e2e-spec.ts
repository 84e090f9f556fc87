import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { withWechatPay } from './payments/wechatpay';
import { type AuthEnv, startAuthEnv } from './support/auth-env';
import type { ConcurrencyCase } from './support/concurrency';
import { TEST_DB } from './support/harness';
import { declaredRoutes } from './support/role-matrix';

/**
 * Every feature lists in `test/<feature>/concurrency.ts` (and, where parts of a feature are built
 * apart, `test/<feature>/<part>.concurrency.ts`) what happens when its write routes are called many
 * times at once; this file gathers them by convention (no list to edit), runs each on a fresh
 * environment, and fails when the application declares a write route that no case covers.
 */
const CASES_FILE = /^(?:[a-z-]+\.)?concurrency\.ts$/;

function casesOf(feature: string, file: string): ConcurrencyCase[] {
  // Discovered at run time, and jest's describe is synchronous: a plain require is the way in.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(join(__dirname, feature, file)) as { CONCURRENCY: ConcurrencyCase[] }).CONCURRENCY;
}

const CASES = readdirSync(__dirname, { withFileTypes: true })
  // support/concurrency.ts is the helper itself.
  .filter((entry) => entry.isDirectory() && entry.name !== 'support')
  .flatMap((entry) =>
    readdirSync(join(__dirname, entry.name))
      .filter((file) => CASES_FILE.test(file))
      .flatMap((file) => casesOf(entry.name, file)),
  );

describe(`concurrent writes on ${TEST_DB}`, () => {
  for (const entry of CASES) {
    describe(entry.route, () => {
      it(
        entry.title,
        async () => {
          const env = await startAuthEnv(withWechatPay);
          try {
            await entry.run(env);
          } finally {
            await env.close();
          }
        },
        120_000,
      );
    });
  }

  describe('coverage', () => {
    let env: AuthEnv;
    beforeAll(async () => {
      env = await startAuthEnv(withWechatPay);
    });
    afterAll(() => env.close());

    it('has a case for every write route the application declares', () => {
      const writes = declaredRoutes(env.server.app).filter((route) => !route.startsWith('GET '));
      const covered = new Set(CASES.map((entry) => entry.route));
      expect(writes.filter((route) => !covered.has(route))).toEqual([]);
      expect([...covered].filter((route) => !writes.includes(route))).toEqual([]);
    });
  });
});
