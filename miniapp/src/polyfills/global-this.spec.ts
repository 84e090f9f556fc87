import { runInNewContext } from 'node:vm';
import { ensureGlobalThis } from './global-this';

test('a runtime without globalThis gets one that is its global object, and nothing else', () => {
  // The function's own (compiled) source runs in a fresh realm from which globalThis is removed.
  const result = runInNewContext(`
    const root = this;
    delete root.globalThis;
    const before = typeof globalThis;
    (${ensureGlobalThis.toString()})();
    ({ before, after: typeof globalThis, same: globalThis === root, leaked: '__itssGlobalObject' in {} });
  `) as Record<string, unknown>;
  expect(result).toEqual({ before: 'undefined', after: 'object', same: true, leaked: false });
});

test('does nothing where globalThis exists', () => {
  const before = globalThis;
  ensureGlobalThis();
  expect(globalThis).toBe(before);
});
