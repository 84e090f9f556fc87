module.exports = {
  'packages/staff/pages/index/index': { visitor: '仅工作人员可使用工作台', staff: '添加工作人员' },
  'packages/staff/pages/audit/index': { staff: '登录' },
};
