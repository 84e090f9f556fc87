import { HOME_ENTRIES, ME_ROWS, WORKBENCH_TILES, bySection } from './registry';

const texts = <T extends { section: string; text: string; order: number }>(items: readonly T[]) =>
  bySection(items).map((section) => [section.title, section.items.map((item) => item.text)]);

test('the workbench shows the features’ tiles in their sections and order', () => {
  expect(texts(WORKBENCH_TILES)).toEqual([
    ['入会', ['入会审核', '入会推广码']],
    [
      '会员',
      ['会员单位', '欠费与除名', '会员级别申请', '会员微信群', '入群待办', '待移出群聊', '会费', '会员通知'],
    ],
    ['资讯', ['文章管理', '投稿审核']],
    ['活动', ['活动管理', '活动发票']],
    ['记录', ['操作日志']],
  ]);
});

test('我的 shows the features’ rows in their sections and order', () => {
  expect(texts(ME_ROWS)).toEqual([
    [
      '入会与消息',
      ['我的申请', '消息', '我的单位', '会员名录', '会费', '会员风采投稿', '加入申请', '加入会员微信群'],
    ],
    ['活动', ['我的活动']],
    ['更多', ['工作台', '登录设备', '隐私政策', '入会咨询请联系会员服务部']],
  ]);
});

test('首页 shows the features’ quick links in order', () => {
  expect(HOME_ENTRIES.map((entry) => entry.title)).toEqual(['会员权益', '活动报名', '会员名录', '联系我们']);
});

test('no two entries of a list share an order, so the order never depends on discovery', () => {
  for (const list of [WORKBENCH_TILES, ME_ROWS, HOME_ENTRIES]) {
    const orders = list.map((entry) => entry.order);
    expect(new Set(orders).size).toBe(orders.length);
  }
});
