module.exports = {
  'packages/account/pages/privacy/index': { visitor: '我们收集哪些信息', staff: '我们收集哪些信息' },
  'packages/account/pages/messages/index': { visitor: '暂无消息', applicant: '暂无消息' },
};
