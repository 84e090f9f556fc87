import { AuthError, ErrorCode, WechatError, defineErrors, errorDefinition, errorMessage } from './index';

describe('error codes declared by features', () => {
  it('maps every code of every feature to its status and Chinese message', () => {
    expect(errorDefinition(ErrorCode.NotFound)).toEqual({ status: 404, message: '您访问的内容不存在' });
    expect(errorDefinition(AuthError.SessionExpired)).toEqual({
      status: 401,
      message: '登录已过期，请重新登录',
    });
    expect(errorDefinition(WechatError.WechatUnavailable).status).toBe(503);
    for (const code of [
      ...Object.values(ErrorCode),
      ...Object.values(AuthError),
      ...Object.values(WechatError),
    ]) {
      expect(errorMessage(code)).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('treats an unknown code as an internal error', () => {
    expect(errorDefinition('NO_SUCH_CODE')).toEqual(errorDefinition(ErrorCode.Internal));
  });

  it('refuses a code that a second feature defines with another meaning', () => {
    expect(() => defineErrors({ Clash: { code: 'NOT_FOUND', status: 410, message: '另一个意思' } })).toThrow(
      /defined twice/,
    );
    expect(defineErrors({ Same: { code: 'NOT_FOUND', status: 404, message: '您访问的内容不存在' } })).toEqual(
      {
        Same: 'NOT_FOUND',
      },
    );
  });
});
