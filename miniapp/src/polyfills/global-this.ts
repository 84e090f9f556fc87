/**
 * zod (through @itss/shared) reads `globalThis` as soon as it loads, and some iOS WeChat runtimes on
 * older base libraries lack it ("Can't find variable: globalThis"). Where it is missing, a getter on
 * Object.prototype briefly exposes the global object (every global inherits from it), which then
 * gets its own `globalThis`. Imported first by app.tsx, before any page loads zod.
 */
declare const __itssGlobalObject: object;

export function ensureGlobalThis(): void {
  if (typeof globalThis === 'object') return;
  Object.defineProperty(Object.prototype, '__itssGlobalObject', {
    get(this: object) {
      return this;
    },
    configurable: true,
  });
  try {
    const root = __itssGlobalObject;
    Object.defineProperty(root, 'globalThis', { value: root, writable: true, configurable: true });
  } finally {
    Reflect.deleteProperty(Object.prototype, '__itssGlobalObject');
  }
}

ensureGlobalThis();
