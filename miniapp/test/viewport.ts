import { act } from '@testing-library/react';

/**
 * A browser window whose width the test sets: `window.matchMedia` answers `(min-width: N px)` from
 * it and tells its listeners when `resize` crosses their width, as a browser does.
 */
export function fakeViewport(width: number): { resize: (next: number) => void } {
  let current = width;
  const lists: Set<() => void>[] = [];
  const matches = (query: string) => current >= Number(/min-width:\s*(\d+)px/.exec(query)?.[1]);
  window.matchMedia = (query: string) => {
    const listeners = new Set<() => void>();
    lists.push(listeners);
    return {
      get matches() {
        return matches(query);
      },
      addEventListener: (_: string, listener: () => void) => listeners.add(listener),
      removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
    } as unknown as MediaQueryList;
  };
  return {
    resize(next: number) {
      current = next;
      act(() => lists.forEach((listeners) => listeners.forEach((listener) => listener())));
    },
  };
}
