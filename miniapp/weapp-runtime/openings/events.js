// Staff pages of events. The pages of one event are opened here without an id (they say where to
// come from); the editor opened so is a new event's form.
module.exports = {
  'packages/events/staff/list/index': {
    visitor: '此页面仅限会员服务部工作人员使用',
    staff: '新建活动',
  },
  'packages/events/staff/edit/index': { staff: '保存草稿' },
  'packages/events/staff/registrations/index': { staff: '未指定活动，请从「活动管理」进入' },
  'packages/events/staff/scanner/index': { staff: '未指定活动，请从「活动管理」进入' },
  'packages/events/staff/stats/index': { staff: '未指定活动，请从「活动管理」进入' },
};
