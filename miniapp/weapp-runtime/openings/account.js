module.exports = {
  'packages/account/pages/privacy/index': { visitor: '我们收集哪些信息', staff: '我们收集哪些信息' },
  'packages/account/pages/messages/index': { visitor: '暂无消息', applicant: '暂无消息' },
  // Staff see their phone's own session; desktop-login.weapp.test.js revokes a computer's.
  'packages/account/pages/sessions/index': { staff: '本机' },
  // The browser's sign-in page, opened in WeChat: it points to the computer.
  'packages/account/pages/desktop-sign-in/index': { staff: '请在电脑浏览器中打开工作台' },
  // Without the code's scene there is no ticket: a message, no request; with it, desktop-login.weapp.test.js.
  'packages/account/pages/desktop-login/index': {
    visitor: '登录二维码无效，请在电脑上刷新后重新扫码',
    staff: '登录二维码无效，请在电脑上刷新后重新扫码',
  },
};
