// The production weapp build in WeChat's own runtime pieces (see README.md). The test file's jsdom
// plays WeChat's WebView (exparser renders into it); the mini-program's code runs in a separate
// logic-layer context without browser globals.
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'miniapp-weapp',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/**/*.weapp.test.js'],
  // The suite is plain JavaScript; only the seeding library all suites share is TypeScript.
  transform: { '\\.ts$': ['@swc/jest'] },
  testTimeout: 30000,
  maxWorkers: 1,
};
