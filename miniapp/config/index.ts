import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

// weapp and h5 must not share an output folder, or each build wipes the other.
const platform = process.env.TARO_ENV ?? 'weapp';

// The contract is compiled from its TypeScript source so webpack can tree-shake it and a stale
// shared/dist (or another checkout's, through the node_modules symlink) can never be bundled.
const sharedSrc = path.resolve(__dirname, '..', '..', 'shared', 'src');

// Import aliases; tsconfig.json (paths) and jest.config.js (moduleNameMapper) list the same three.
// `@/…` is miniapp/src (also in scss: `@use '@/styles/tokens'`), `@test/…` the test helpers.
const miniappRoot = path.resolve(__dirname, '..');

// The mini-program calls the API on an absolute origin; H5 is served by the API itself (same origin).
const apiBase = platform === 'h5' ? '' : (process.env.TARO_APP_API_BASE ?? 'http://localhost:3000');

export default defineConfig<'webpack5'>((merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'itss-miniapp',
    date: '2025-1-1',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase),
    },
    alias: {
      '@itss/shared': path.join(sharedSrc, 'index.ts'),
      '@': path.join(miniappRoot, 'src'),
      '@test': path.join(miniappRoot, 'test'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // zod ships ES2020 syntax (?. and ??) that older WeChat runtimes cannot parse.
      compile: { include: [sharedSrc, (file: string) => /node_modules[\\/]zod[\\/]/.test(file)] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      compile: { include: [sharedSrc] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Taro's H5 runtime and components alone are about 320 KB: budget for that rather than warn on every build.
      // The session (app.tsx) needs the contract's schemas at launch, so zod (about 130 KB) lives in the entry
      // once instead of being copied into every page chunk: first-load bytes stay about the same.
      webpackChain(chain) {
        chain.performance.maxEntrypointSize(500 * 1024).maxAssetSize(400 * 1024);
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        // Taro's H5 page sets the root font size from the window (its smaller side), so rpx grow with
        // it: at 1366 × 800 body text would be 30 px. Capped at a 430 px phone's root, the design's 750
        // px are 430 CSS px on any wider screen: member pages keep the phone's look in a column of that
        // width, 工作台 pages lay the same sizes out across the screen (styles/_layout.scss).
        pxtransform: { enable: true, config: { maxRootSize: (40 * 430) / 750 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig);
});
