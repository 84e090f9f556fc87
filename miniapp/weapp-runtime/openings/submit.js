// The review and detail pages opened without an id.
module.exports = {
  'packages/submit/pages/mine/index': {
    visitor: '仅会员单位的联系人可以投稿',
    primary_contact: '我要投稿',
  },
  'packages/submit/pages/new/index': { primary_contact: '提交审核' },
  'packages/submit/pages/detail/index': { primary_contact: '没有找到这份投稿' },
  'packages/submit/staff/submissions/index': { staff: '暂无待审核的投稿' },
  'packages/submit/staff/submission/index': { staff: '没有找到这份投稿' },
};
