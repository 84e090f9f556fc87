// The member pages of events: the list whatever the seed holds, the detail and the ticket opened
// without an id, 我的活动 of someone who has registered for nothing.
module.exports = {
  'packages/events/pages/list/index': { visitor: '培训与活动', member_contact: '培训与活动' },
  'packages/events/pages/detail/index': { visitor: '活动不存在或已下线' },
  'packages/events/pages/mine/index': { visitor: '您还没有报名活动' },
  'packages/events/pages/ticket/index': { visitor: '未找到该报名记录', member_contact: '未找到该报名记录' },
  // Staff pages. The pages of one event are opened here without an id (they say where to come
  // from); the editor opened so is a new event's form.
  'packages/events/staff/list/index': {
    visitor: '此页面仅限会员服务部工作人员使用',
    staff: '新建活动',
  },
  'packages/events/staff/edit/index': { staff: '保存草稿' },
  'packages/events/staff/registrations/index': { staff: '未指定活动，请从「活动管理」进入' },
  'packages/events/staff/scanner/index': { staff: '未指定活动，请从「活动管理」进入' },
  'packages/events/staff/stats/index': { staff: '未指定活动，请从「活动管理」进入' },
  // Nobody has asked for an invoice in the seed.
  'packages/events/staff/invoices/index': {
    visitor: '此页面仅限会员服务部工作人员使用',
    staff: '暂无待开具的发票申请',
  },
};
