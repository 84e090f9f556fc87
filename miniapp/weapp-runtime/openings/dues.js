// Staff's dues pages on a fresh server (the member page is listed by its own entry below them when
// it lands); dues-staff.weapp.test.js goes deeper.
module.exports = {
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
