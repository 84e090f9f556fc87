// dues.weapp.test.js goes deeper into the member's page. The demo unit is the seed's.
module.exports = {
  // The unit's name heads the page whether or not its bills are opened yet.
  'packages/dues/pages/index/index': {
    visitor: '会费仅限会员单位联系人查看',
    member_contact: '示例会员单位',
  },
};
