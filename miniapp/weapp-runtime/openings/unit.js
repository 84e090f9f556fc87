// staff-members.weapp.test.js goes deeper into the staff pages. The demo unit is the seed's.
module.exports = {
  // Opened without an id or a token.
  'packages/unit/pages/index/index': { applicant: '没有找到该会员单位' },
  'packages/unit/pages/invite/index': { visitor: '邀请链接无效', member_contact: '邀请链接无效' },
  'packages/unit/staff/units/index': { staff: '示例会员单位' },
  'packages/unit/staff/unit/index': { staff: '没有找到该会员单位' },
  'packages/unit/staff/unit-new/index': { staff: '录入系统上线前已入会的单位' },
  'packages/unit/staff/units-import/index': { staff: '选择Excel表格' },
  'packages/unit/staff/seat-limits/index': { staff: '每家单位的联系人名额' },
};
