// dues.weapp.test.js goes deeper into the member's page, dues-staff.weapp.test.js into staff's. The
// demo unit is the seed's.
module.exports = {
  // The unit's name heads the page whether or not its bills are opened yet.
  'packages/dues/pages/index/index': {
    visitor: '会费仅限会员单位联系人查看',
    member_contact: '示例会员单位',
  },
  'packages/dues/staff/index/index': { visitor: '此页面仅限会员服务部工作人员使用', staff: '会费事务' },
  'packages/dues/staff/bills/index': { staff: '导出Excel' },
  // Opened without an id.
  'packages/dues/staff/bill/index': { staff: '没有找到该账单' },
  'packages/dues/staff/statement/index': { staff: '选择银行流水文件' },
  // No contact has asked for a receipt yet.
  'packages/dues/staff/receipts/index': { staff: '暂无待开具的票据申请' },
  // The form appears once GET /api/dues/settings has answered.
  'packages/dues/staff/settings/index': { staff: '保存收款设置' },
};
