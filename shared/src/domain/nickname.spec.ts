import { groupNickname, unitShortName } from './nickname';

test.each([
  ['北京数智运维科技有限公司', '数智运维科技'],
  ['广东省深圳市云栈信息技术股份有限公司', '云栈信息技术'],
  ['杭州云栈信息技术有限公司', '云栈信息技术'],
  ['中国电子技术标准化研究院', '中国电子技术标准'],
  ['华为技术有限公司', '华为技术'],
  ['北京大学', '北京大学'],
])('the short name of %s is %s', (name, short) => {
  expect(unitShortName(name)).toBe(short);
});

test('the group nickname is 单位简称-姓名', () => {
  expect(groupNickname('北京数智运维科技有限公司', ' 王芳 ')).toBe('数智运维科技-王芳');
});
