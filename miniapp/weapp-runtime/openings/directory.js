// The demo unit the server seeds.
module.exports = {
  'packages/directory/pages/index/index': { visitor: '示例会员单位', primary_contact: '示例会员单位' },
};
