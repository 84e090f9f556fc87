import { z } from 'zod';

/**
 * A mainland China mobile number as WeChat's phone authorisation returns it for +86: 11 digits,
 * the second 3 to 9 (every mainland operator's segment starts 13–19; 10–12 are not mobile).
 */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

export function isMainlandMobile(value: string): boolean {
  return MAINLAND_MOBILE.test(value);
}

export const mainlandMobileSchema = z
  .string('请填写手机号')
  .trim()
  .min(1, { message: '请填写手机号', abort: true })
  .regex(MAINLAND_MOBILE, '请输入正确的 11 位手机号（以 13–19 开头）');

/** 138****8000: lists and profiles show phones masked; only the person sees it whole when binding. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}
