import { z } from 'zod';

/** Hangul fillers are letters to Unicode yet print nothing: a "name" of them is blank in a group. */
const INVISIBLE_LETTERS = /[\u115F\u1160\u3164\uFFA0]/u;
/** Letters of any script (and their combining marks), in parts joined by a middle dot: 阿依古丽·买买提. */
const NAME_PARTS = /^[\p{L}\p{M}]+(?:[·•・‧][\p{L}\p{M}]+)*$/u;
/** The same, where a Latin name may also keep single spaces between its parts: John Smith. */
const NAME_PARTS_SPACED = /^[\p{L}\p{M}]+(?:[·•・‧ ][\p{L}\p{M}]+)*$/u;

export interface RealNameOptions {
  /** What the field is called in its messages: 姓名, 联系人姓名, 法定代表人. */
  label: string;
  /** The message for an empty field, when the form asks for it in its own words. */
  required?: string;
  max?: number;
  /**
   * Whether single spaces may separate the parts. Not for a name that becomes a WeChat group
   * nickname (单位简称-姓名), where a space or a dash would read as a second separator.
   */
  spaces?: boolean;
}

export function isRealName(value: string, spaces = false): boolean {
  return (spaces ? NAME_PARTS_SPACED : NAME_PARTS).test(value) && !INVISIBLE_LETTERS.test(value);
}

/**
 * A person's real name as typed in a form (trimmed): 2 to `max` letters, no emoji, digits or
 * symbols. It is shown to staff and colleagues and, for a contact, becomes the group nickname.
 */
export function realNameSchema({
  label,
  required = `请填写${label}`,
  max = 20,
  spaces = false,
}: RealNameOptions) {
  return (
    z
      .string(required)
      .trim()
      // An empty field is asked for, not measured: abort so it gets one message, not two.
      .min(1, { message: required, abort: true })
      .min(2, `${label}至少 2 个字`)
      .max(max, `${label}最多 ${max} 个字`)
      .refine((name) => spaces || !/[\s-]/.test(name), {
        message: `${label}不能包含空格或短横线`,
        abort: true,
      })
      .refine(
        (name) => isRealName(name, spaces),
        `${label}只能由汉字或字母组成（少数民族姓名可用间隔号“·”），不能包含表情、数字或符号`,
      )
  );
}
