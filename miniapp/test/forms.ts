import { fireEvent, waitFor } from '@testing-library/react';

/** Types into a Taro Input found by selector, as a person would. */
export async function typeInto(selector: string, value: string): Promise<void> {
  const input = document.querySelector(selector);
  if (!input) throw new Error(`no input ${selector}`);
  // Taro's Input renders its inner <input> a moment later; a value arriving before it throws inside Taro.
  await waitFor(() => expect(input.querySelector('input')).not.toBeNull());
  fireEvent(input, new CustomEvent('input', { detail: { value }, bubbles: true }));
}
