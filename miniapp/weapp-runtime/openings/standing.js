// standing.weapp.test.js goes deeper into the member's request page. The development seeds: the demo
// unit (a 委员单位) has asked to move up to 副会长单位, and 示例欠费单位（演示） owes two past years.
module.exports = {
  'packages/standing/pages/upgrade/index': {
    visitor: '会员级别申请仅限会员单位联系人',
    primary_contact: '待审核的申请',
  },
  'packages/standing/staff/arrears/index': {
    visitor: '此页面仅限会员服务部工作人员使用',
    staff: '示例欠费单位（演示）',
  },
  // Opened without a unit.
  'packages/standing/staff/arrears-unit/index': { staff: '没有找到该会员单位' },
  'packages/standing/staff/level-requests/index': { staff: '示例会员单位' },
};
