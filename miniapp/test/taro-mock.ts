/**
 * A hand-written stand-in for @tarojs/taro (jest maps the package here). Each API is declared once,
 * in taro-apis.ts, and reached both ways the app and the tests use: named, and as `Taro.…`.
 */
import * as apis from './taro-apis';

export * from './taro-apis';
export default apis;
