import { isRealName, realNameSchema } from './person-name';
import { applicationBodySchema, applicationContactSchema } from '../applications';
import { acceptInviteRequestSchema, contactIdentitySchema, joinRequestBodySchema } from '../contacts';

const SYMBOLS = '姓名只能由汉字或字母组成（少数民族姓名可用间隔号“·”），不能包含表情、数字或符号';
const name = realNameSchema({ label: '姓名' });
const messageOf = (value: unknown) => name.safeParse(value).error?.issues.map((issue) => issue.message);

describe('a real name', () => {
  it.each(['李四', '欧阳娜娜', '阿依古丽·买买提', '阿依古丽・买买提', 'Anna', 'Zoë', '김민준'])(
    'accepts %s',
    (value) => {
      expect(name.parse(value)).toBe(value);
    },
  );

  it('trims what surrounds it', () => {
    expect(name.parse('  李四 ')).toBe('李四');
  });

  it.each(['李四😀', '😀😀', '王五❤️', '张👨‍👩‍👧', '张3', '李四！', '李<b>', '·李四', '李四·', '李··四'])(
    'refuses %s with one message that says what a name may hold',
    (value) => expect(messageOf(value)).toEqual([SYMBOLS]),
  );

  it('refuses a name of invisible Hangul fillers, which would show blank in the group', () => {
    expect(isRealName('\u3164\u3164')).toBe(false);
    expect(messageOf('\u3164\u3164')).toEqual([SYMBOLS]);
  });

  it('refuses spaces and dashes where the name makes a nickname, and allows single spaces where asked', () => {
    expect(messageOf('孙 同事')).toEqual(['姓名不能包含空格或短横线']);
    expect(messageOf('孙-同事')).toEqual(['姓名不能包含空格或短横线']);
    const spaced = realNameSchema({ label: '法定代表人', max: 30, spaces: true });
    expect(spaced.parse('John Smith')).toBe('John Smith');
    expect(spaced.safeParse('John  Smith').success).toBe(false);
    expect(spaced.safeParse('John😀').success).toBe(false);
  });

  it('asks for an empty name once, and measures a short or long one', () => {
    expect(messageOf('')).toEqual(['请填写姓名']);
    expect(messageOf('   ')).toEqual(['请填写姓名']);
    expect(messageOf(undefined)).toEqual(['请填写姓名']);
    expect(messageOf('李')).toEqual(['姓名至少 2 个字']);
    expect(messageOf('李'.repeat(21))).toEqual(['姓名最多 20 个字']);
    expect(
      realNameSchema({ label: '姓名', required: '请填写您的姓名' }).safeParse('').error?.issues[0]?.message,
    ).toBe('请填写您的姓名');
  });

  it('holds in every schema that takes a person’s real name', () => {
    const emoji = '李四😀';
    const paths = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
      result.error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(paths(contactIdentitySchema.safeParse({ name: emoji }))).toEqual([['name', SYMBOLS]]);
    expect(paths(acceptInviteRequestSchema.safeParse({ name: emoji }))).toEqual([['name', SYMBOLS]]);
    expect(paths(joinRequestBodySchema.safeParse({ name: emoji, creditCode: '91110000600037341L' }))).toEqual(
      [['name', SYMBOLS]],
    );
    expect(
      paths(
        applicationContactSchema.safeParse({
          name: emoji,
          title: '经理',
          mobile: '13912345678',
          email: 'a@b.cn',
        }),
      ),
    ).toEqual([['name', SYMBOLS.replace('姓名', '联系人姓名')]]);
    const legal = applicationBodySchema.safeParse({ legalRepresentative: '张三😀' });
    expect(legal.error?.issues.find((issue) => issue.path[0] === 'legalRepresentative')?.message).toBe(
      SYMBOLS.replace('姓名', '法定代表人'),
    );
  });
});
