/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.scss';

/** Injected by config/index.ts: the API origin ('' in H5, where the server serves the app). */
declare const API_BASE: string;

declare namespace NodeJS {
  /** webpack's require.context, which src/registry-context.ts uses to find every feature's entries. */
  interface Require {
    context(
      directory: string,
      recursive: boolean,
      filter: RegExp,
    ): { keys(): string[]; (key: string): unknown };
  }
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'h5';
    TARO_APP_API_BASE?: string;
  }
}
