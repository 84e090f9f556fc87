const path = require('node:path');

// Component tests: plain jest + @testing-library/react on jsdom (see e2e/ for browser tests).
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'miniapp',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.spec.{ts,tsx}'],
  // Every mock's calls start empty in each test; a test that scripts answers resets its own mock.
  clearMocks: true,
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  transform: {
    '^.+\\.m?[jt]sx?$': ['babel-jest', { configFile: path.join(__dirname, 'babel.config.js') }],
  },
  // Taro's web components ship untranspiled ESM (with a vendored pnpm copy of tslib).
  transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@stencil|swiper|ssr-window|dom7|tslib|\\.pnpm)/)'],
  // The aliases of config/index.ts (and tsconfig.json paths); styles first, so no alias maps them.
  moduleNameMapper: {
    '\\.(css|scss)$': '<rootDir>/test/style-mock.js',
    '^@tarojs/taro$': '<rootDir>/test/taro-mock.ts',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@itss/shared$': path.resolve(__dirname, '../shared/src/index.ts'),
    // webpack's require.context has no jest equivalent: the stand-in reads the same files from disk.
    '^@/registry-context$': '<rootDir>/test/registry-context.ts',
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@test/(.*)$': '<rootDir>/test/$1',
  },
  globals: {
    API_BASE: 'https://api.test',
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    ENABLE_MUTATION_OBSERVER: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
  },
};
