import { request } from './taro-mock';

// Every test starts on WeChat with no scripted answers; a test that needs H5 or answers says so.
beforeEach(() => {
  request.mockReset();
  process.env.TARO_ENV = 'weapp';
});
