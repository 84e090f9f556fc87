import { defineErrors } from '../errors';

/** What WeChat's server API answered, in terms a person can act on (see server/src/wechat). */
export const WechatError = defineErrors({
  /** WeChat refused the login or phone code (40029): invalid, expired or already used. */
  WechatCodeInvalid: {
    code: 'WECHAT_CODE_INVALID',
    status: 401,
    message: '微信登录凭证无效或已使用，请重新进入小程序后再试',
  },
  /** WeChat flags the account as high-risk (40226). */
  WechatUserRestricted: {
    code: 'WECHAT_USER_RESTRICTED',
    status: 403,
    message: '微信提示当前账号存在安全风险，暂时无法登录，请在微信中完成验证后再试',
  },
  /** getwxacodeunlimit refused the page (41030): the version the code opens does not have it yet. */
  WechatPageUnpublished: {
    code: 'WECHAT_PAGE_UNPUBLISHED',
    status: 409,
    message: '入会页面尚未在微信发布，暂时无法生成小程序码，请发布新版本后重试',
  },
  /** WeChat is busy, unreachable or too slow. */
  WechatUnavailable: { code: 'WECHAT_UNAVAILABLE', status: 503, message: '微信服务暂时不可用，请稍后再试' },
});
