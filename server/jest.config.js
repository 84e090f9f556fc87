/**
 * Unit specs (src/**\/*.spec.ts) and API tests (test/**\/*.e2e-spec.ts) on the database that
 * TEST_DB names: "sqlite" (default) or "mariadb" (TEST_DB=mariadb; scripts/test.mjs runs both).
 */
/** @type {import('jest').Config} */
module.exports = {
  displayName: `server:${process.env.TEST_DB === 'mariadb' ? 'mariadb' : 'sqlite'}`,
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.(spec|medium-spec|e2e-spec)\\.ts$',
  moduleNameMapper: { '^@itss/shared$': '<rootDir>/../shared/src' },
  // Nest 12 and some of its dependencies ship ESM only: let swc compile them with the rest (cookie:
  // for fastify.inject, which tests use to call from addresses other than loopback).
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|content-disposition|cookie)/)'],
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  testTimeout: 30000,
  // One migrated database per run, copied for each test environment (test/support/template-database.ts).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
