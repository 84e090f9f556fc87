// babel-preset-taro also serves jest (babel-jest), where TARO_ENV is unset.
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
};
