import { isMainlandMobile, mainlandMobileSchema, maskPhone } from './phone';
import { applicationContactSchema } from '../applications';
import { grantStaffRequestSchema } from '../staff';

const messageOf = (value: unknown) => mainlandMobileSchema.safeParse(value).error?.issues[0]?.message;

describe('mainland mobile number', () => {
  it.each([
    '13800138000',
    '14700000000',
    '15912345678',
    '16612345678',
    '17700000000',
    '18800000000',
    '19912345678',
  ])('accepts %s (segments 13–19)', (phone) => {
    expect(isMainlandMobile(phone)).toBe(true);
    expect(mainlandMobileSchema.parse(phone)).toBe(phone);
  });

  it.each(['12345678901', '10086000000', '11111111111'])(
    'refuses %s, which no mainland mobile starts with',
    (phone) => {
      expect(isMainlandMobile(phone)).toBe(false);
      expect(messageOf(phone)).toBe('请输入正确的 11 位手机号（以 13–19 开头）');
    },
  );

  it.each(['1380013800', '138001380001', '+8613800138000', '138-0013-8000', '１３８００１３８０００'])(
    'refuses %s, which is not 11 plain digits',
    (phone) => expect(messageOf(phone)).toBe('请输入正确的 11 位手机号（以 13–19 开头）'),
  );

  it('asks for an empty number rather than calling it wrong, and forgives stray spaces around it', () => {
    expect(messageOf('')).toBe('请填写手机号');
    expect(messageOf('   ')).toBe('请填写手机号');
    expect(mainlandMobileSchema.parse(' 13800138000 ')).toBe('13800138000');
  });

  it('holds in every schema that takes a mobile number', () => {
    const contact = { name: '李四', title: '经理', mobile: '12345678901', email: 'lisi@example.com' };
    expect(applicationContactSchema.safeParse(contact).error?.issues).toEqual([
      expect.objectContaining({ path: ['mobile'], message: '请输入正确的 11 位手机号（以 13–19 开头）' }),
    ]);
    expect(applicationContactSchema.safeParse({ ...contact, mobile: '13912345678' }).success).toBe(true);
    expect(grantStaffRequestSchema.safeParse({ phone: '12345678901' }).success).toBe(false);
    expect(grantStaffRequestSchema.safeParse({ phone: '13912345678' }).success).toBe(true);
  });

  it('masks the middle of a number', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
});
