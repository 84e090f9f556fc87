import type { FeatureEntries } from '@/registry';

/**
 * Every `packages/<feature>/entries.ts`, found by webpack at build time (jest maps this module to
 * test/registry-context.ts, which reads the same files from disk).
 */
export function loadFeatureEntries(): FeatureEntries[] {
  const context = require.context('./packages', true, /^\.\/[^/]+\/entries\.ts$/);
  return context
    .keys()
    .sort()
    .map((key) => (context(key) as { default: FeatureEntries }).default);
}
