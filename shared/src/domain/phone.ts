import { z } from 'zod';

/** A mainland China mobile number as WeChat's phone authorisation returns it for +86: 11 digits from 1. */
export const MAINLAND_MOBILE = /^1\d{10}$/;

export function isMainlandMobile(value: string): boolean {
  return MAINLAND_MOBILE.test(value);
}

export const mainlandMobileSchema = z.string().regex(MAINLAND_MOBILE, '请输入 11 位手机号');

/** 138****8000: lists and profiles show phones masked; only the person sees it whole when binding. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}
