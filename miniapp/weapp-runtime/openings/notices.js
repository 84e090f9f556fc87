// Staff's notices: no notice is sent in the runtime suite, so the list is empty; members meet
// notices in 消息 (account.js).
module.exports = {
  'packages/notices/staff/notices/index': {
    visitor: '此页面仅限会员服务部工作人员使用',
    staff: '还没有发送过通知',
  },
  'packages/notices/staff/notice-new/index': { staff: '发送对象' },
};
