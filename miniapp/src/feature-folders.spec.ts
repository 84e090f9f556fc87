import fs from 'node:fs';
import path from 'node:path';
import { ROUTES } from './routes';

/**
 * A feature is added by creating its folder (`packages/<feature>/`) and declaring its pages in the
 * route table, the one shared file it edits: the package's subpackages and tab bar come from that
 * table (app.config.ts), 工作台, 我的 and 首页 from its `entries.ts` (registry.ts). This test finds
 * every shared file that names a feature — by its folder (`packages/<feature>`, an import or a path)
 * or by one of its routes (`ROUTES.<page>`) — and fails on any the list below does not explain.
 */

const src = __dirname;
const packages = path.join(src, 'packages');
const features = fs
  .readdirSync(packages, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/**
 * What the app shell shows of a few features, named on purpose: the tab pages show the
 * association's, the news' and the membership's data, 首页 and 我的 the person's way into
 * membership (join), 我的 the account's unread count and the person's unit requests, the rich-text editor uploads into articles, and the shortcuts of
 * utils/actions.ts open the pages tabs link to. A new feature adds nothing here.
 */
const SHELL_USES: Record<string, string[]> = {
  'src/components/article-editor/index.tsx': ['news'],
  'src/components/article-editor/fields.tsx': ['news'],
  // The console's side navigation starts at 工作台, the staff feature's page.
  'src/components/kit/staff-shell.tsx': ['staff'],
  'src/pages/index/index.tsx': ['association', 'join', 'news'],
  'src/pages/news/index.tsx': ['news'],
  'src/pages/membership/index.tsx': ['association', 'membership'],
  'src/pages/contact/index.tsx': ['association'],
  'src/pages/me/index.tsx': ['account', 'join', 'unit'],
  'src/utils/actions.ts': ['account', 'directory', 'groups', 'join', 'news'],
};

/** The feature of each route key outside the main package, e.g. `review` → `join`. */
const featureOfRoute = new Map(
  Object.entries(ROUTES).flatMap(([key, page]) => {
    const feature = /^packages\/([\w-]+)\//.exec(page)?.[1];
    return feature ? [[key, feature] as const] : [];
  }),
);

/**
 * Source files outside the feature folders — the app's, its build configuration's and the component
 * tests' shared helpers — without the spec files and the route table.
 */
function sharedFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === packages ? [] : sharedFiles(full);
    if (!/\.(tsx?|scss)$/.test(entry.name) || /\.spec\.tsx?$/.test(entry.name)) return [];
    return full === path.join(src, 'routes.ts') ? [] : [full];
  });
}

function featuresNamedIn(text: string): string[] {
  const byFolder = features.filter((feature) => new RegExp(`packages/${feature}\\b`).test(text));
  const byRoute = (text.match(/\bROUTES\.\w+/g) ?? []).flatMap(
    (use) => featureOfRoute.get(use.slice('ROUTES.'.length)) ?? [],
  );
  return [...new Set([...byFolder, ...byRoute])].sort();
}

test('every route outside the main package belongs to a feature folder', () => {
  for (const feature of new Set(featureOfRoute.values())) expect(features).toContain(feature);
});

test('no shared file names a feature, except what the app shell shows on purpose', () => {
  const miniapp = path.join(src, '..');
  const files = ['src', 'test', 'config'].flatMap((dir) => sharedFiles(path.join(miniapp, dir)));
  const unexplained = files.flatMap((file) => {
    const name = path.relative(miniapp, file).split(path.sep).join('/');
    const allowed = SHELL_USES[name] ?? [];
    const named = featuresNamedIn(fs.readFileSync(file, 'utf8')).filter((f) => !allowed.includes(f));
    return named.length ? [`${name}: ${named.join(', ')}`] : [];
  });
  expect(unexplained).toEqual([]);
});

test('the check sees a feature named by its folder or by one of its routes', () => {
  expect(featuresNamedIn("import { getUnits } from '@/packages/unit/api';")).toEqual(['unit']);
  expect(featuresNamedIn('openPage(ROUTES.review, { id })')).toEqual(['join']);
  expect(featuresNamedIn('openPage(ROUTES.me)')).toEqual([]);
});
