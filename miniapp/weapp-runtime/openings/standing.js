// standing.weapp.test.js goes deeper into the member's request page. The demo unit is the seed's: a
// 委员单位 with this year's bill open and no arrears.
module.exports = {
  'packages/standing/pages/upgrade/index': {
    visitor: '会员级别申请仅限会员单位联系人',
    primary_contact: '暂无级别变更申请',
  },
  'packages/standing/staff/arrears/index': {
    visitor: '此页面仅限会员服务部工作人员使用',
    staff: '暂无逾期未缴会费的会员单位',
  },
  // Opened without a unit.
  'packages/standing/staff/arrears-unit/index': { staff: '没有找到该会员单位' },
  'packages/standing/staff/level-requests/index': { staff: '暂无待审核的级别申请' },
};
