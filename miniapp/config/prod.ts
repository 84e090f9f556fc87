import type { UserConfigExport } from '@tarojs/cli';

export default {
  mini: {
    // Size and the miniprogram-ci quality checks both need minified output.
    optimizeMainPackage: { enable: true },
  },
  h5: {},
  terser: { enable: true },
  csso: { enable: true },
} satisfies UserConfigExport<'webpack5'>;
