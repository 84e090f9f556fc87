const path = require('node:path');

// Browser tests against the built H5 app served by the built server; see harness.ts.
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'miniapp-e2e',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: {
    '^@itss/shared$': path.resolve(__dirname, '../../shared/src/index.ts'),
  },
  testTimeout: 60000,
  maxWorkers: 1,
};
