import { fireEvent, waitFor } from '@testing-library/react';

/** Types into a Taro Input found by selector, as a person would. */
export async function typeInto(selector: string, value: string): Promise<void> {
  const input = document.querySelector(selector);
  if (!input) throw new Error(`no input ${selector}`);
  // Taro's Input renders its inner <input> a moment later; a value arriving before it throws inside Taro.
  await waitFor(() => expect(input.querySelector('input')).not.toBeNull());
  fireEvent(input, new CustomEvent('input', { detail: { value }, bubbles: true }));
}

/** Types into a Taro Textarea found by selector (or the nth of them). */
export async function typeInTextarea(selector: string, value: string, nth = 0): Promise<void> {
  const textarea = document.querySelectorAll(selector)[nth];
  if (!textarea) throw new Error(`no textarea ${selector}`);
  await waitFor(() => expect(textarea.querySelector('textarea')).not.toBeNull());
  fireEvent(textarea, new CustomEvent('input', { detail: { value }, bubbles: true }));
}
