// Before any group exists.
module.exports = {
  'packages/groups/pages/group/index': {
    visitor: '会员微信群仅限会员单位联系人',
    primary_contact: '暂无可加入的会员微信群',
  },
  'packages/groups/staff/groups/index': { staff: '新建群' },
  'packages/groups/staff/group-todos/index': { staff: '待处理' },
  'packages/groups/staff/group-removals/index': { staff: '已不再具有会员微信群资格' },
};
