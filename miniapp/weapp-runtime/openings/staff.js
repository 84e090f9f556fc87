module.exports = {
  'packages/staff/pages/index/index': { visitor: '此页面仅限会员服务部工作人员使用', staff: '添加工作人员' },
  'packages/staff/pages/audit/index': { staff: '登录' },
  'packages/staff/pages/dashboard/index': {
    visitor: '此页面仅限会员服务部工作人员使用',
    staff: '会员单位（按级别与状态）',
  },
};
