// The member pages of events: the list whatever the seed holds, the detail and the ticket opened
// without an id, 我的活动 of someone who has registered for nothing.
module.exports = {
  'packages/events/pages/list/index': { visitor: '培训与活动', member_contact: '培训与活动' },
  'packages/events/pages/detail/index': { visitor: '活动不存在或已下线' },
  'packages/events/pages/mine/index': { visitor: '您还没有报名活动' },
  'packages/events/pages/ticket/index': { visitor: '未找到该报名记录', member_contact: '未找到该报名记录' },
};
