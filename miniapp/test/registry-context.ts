import fs from 'node:fs';
import path from 'node:path';
import type { FeatureEntries } from '@/registry';

/** jest's stand-in for src/registry-context.ts: the same files, found on disk instead of by webpack. */
export function loadFeatureEntries(): FeatureEntries[] {
  const packages = path.join(__dirname, '..', 'src', 'packages');
  return fs
    .readdirSync(packages)
    .sort()
    .map((feature) => path.join(packages, feature, 'entries.ts'))
    .filter((file) => fs.existsSync(file))
    .map((file) => jest.requireActual<{ default: FeatureEntries }>(file).default);
}
