#!/usr/bin/env node
// Node 24 beside the Node that ran `npm install`: puts a Node 24 runtime from the npm registry into
// .cache/node24/runtime, and into .cache/node24/tree a copy of the server's sources with an
// `npm install` of their own made by that Node 24. better-sqlite3 is compiled for one Node ABI, so
// the copy gets its own build while the root node_modules stays as it was. The processes the tests
// spawn (server/dist/main.js, the staff CLI) resolve modules from where their files are, so they
// load the Node-24 build too — with no hook in the server.
//
//   node scripts/node24.mjs            prepare (CI's "Node 24: install"); reuses what is up to date:
//                                      the runtime by version, the install by the manifests and lock
//   node scripts/node24.mjs --headers  print the folder of the headers to build better-sqlite3 with
//                                      on Node 24 (see NODE24_HEADERS), installing them if needed
//   node scripts/test.mjs --node24     prepare, then run the server suites there
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, mustRun, run } from './lib.mjs';

/** The Node 24 LTS release the suites run on. */
export const NODE24_VERSION = process.env.NODE24_VERSION || '24.21.0';
/**
 * The Node headers better-sqlite3 is compiled against. From 24.19.0 on, `node_object_wrap.h` gives
 * every `node::ObjectWrap` an environment cleanup hook and removes it in the destructor; that code is
 * compiled into the addon, and when V8 collects a better-sqlite3 12 Statement outside a JavaScript
 * context the process aborts: "Assertion failed: (env) != nullptr" in RemoveEnvironmentCleanupHook
 * (nodejs/node#65446). Here it aborted the SQLite suite, and a plain loop of prepared statements
 * within a second, on 24.21.0 with 24.21.0's headers. Built against 24.18.1's headers the same addon
 * runs cleanly on later 24.x (same ABI, 137). better-sqlite3 13 (Node-API, no ObjectWrap) ends the
 * problem but needs Node 22+.
 */
export const NODE24_HEADERS = process.env.NODE24_HEADERS || '24.18.1';

const CACHE = join(ROOT, '.cache/node24');
const TREE = join(CACHE, 'tree');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** What the server suites need from the repository (miniapp/package.json: it is a workspace). */
const MIRRORED = [
  'package.json',
  'package-lock.json',
  'tsconfig.base.json',
  // The configuration tests check its table of WeChat template settings against the contract.
  'README.md',
  'shared',
  'server',
  'scripts',
  'miniapp/package.json',
];
const MANIFESTS = ['package.json', 'package-lock.json', 'shared/package.json', 'server/package.json'];
/** As in .gitignore: never copied. The tree keeps its own node_modules and dist. */
const LEFT_OUT = new Set(['node_modules', 'dist', 'data', 'coverage', '.swc', 'tmp']);
const KEPT = new Set(['node_modules', 'dist']);
/**
 * Prepares statements the way a busy server does and lets V8 collect them between turns of the
 * event loop: a build that aborts (see NODE24_HEADERS) does so here, not in the middle of a suite.
 */
const GC_CHECK = `
const db = new (require('better-sqlite3'))(':memory:');
let turns = 0;
const timer = setInterval(() => {
  for (let i = 0; i < 2000; i++) db.prepare('SELECT ? AS x').get(i);
  Array.from({ length: 20000 }, (_, i) => ({ i, s: 'x'.repeat(50) }));
  if (++turns === 100) clearInterval(timer), db.close();
}, 5);`;

/** npm's per-platform package of the Node binary and headers, named as the `node` package names it. */
function platformPackage() {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const arch = platform === 'win' && process.arch === 'ia32' ? 'x86' : process.arch;
  return `${platform === 'darwin' && arch === 'arm64' ? 'node-bin' : 'node'}-${platform}-${arch}`;
}

/** The environment of an npm started from here, without what an outer `npm run` exported. */
function npmEnv(extra = {}) {
  const outer = Object.keys(process.env).filter((key) => /^npm_/i.test(key));
  return { ...Object.fromEntries(outer.map((key) => [key, undefined])), ...extra };
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** Installs npm's Node package of `version` into `dir` unless it is there; returns its folder. */
async function installNode(version, dir, stdio) {
  const home = join(dir, 'node_modules', platformPackage());
  const manifest = join(home, 'package.json');
  if (existsSync(manifest) && readJson(manifest).version === version) return home;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  const spec = `${platformPackage()}@${version}`;
  const args = ['install', '--no-package-lock', '--no-audit', '--no-fund', '--prefer-offline', spec];
  await mustRun(npm, args, { cwd: dir, env: npmEnv(), stdio });
  return home;
}

/** The headers come with npm's Node package of their version: the runtime's own when they agree. */
const installHeaders = (stdio) =>
  installNode(NODE24_HEADERS, join(CACHE, NODE24_HEADERS === NODE24_VERSION ? 'runtime' : 'headers'), stdio);

/** Copies the sources into the tree; a file deleted here disappears there too. */
function mirror() {
  const skip = (path) => LEFT_OUT.has(basename(path)) || /\.(tsbuildinfo|log)$/.test(path);
  for (const entry of MIRRORED) {
    const from = join(ROOT, entry);
    const to = join(TREE, entry);
    mkdirSync(dirname(to), { recursive: true });
    if (statSync(from).isDirectory()) {
      mkdirSync(to, { recursive: true });
      for (const name of readdirSync(to)) if (!KEPT.has(name)) rmSync(join(to, name), { recursive: true });
      // Timestamps kept, so scripts/build.mjs rebuilds the tree's dist only when a source changed.
      cpSync(from, to, { recursive: true, preserveTimestamps: true, filter: (path) => !skip(path) });
    } else {
      cpSync(from, to, { preserveTimestamps: true });
    }
  }
}

/** Makes .cache/node24 ready; returns the Node 24 binary, the environment to run it in, and the tree. */
export async function prepareNode24() {
  const started = Date.now();
  // First: CI starts this while npm installs the root, which rewrites package-lock.json when it ends.
  mirror();
  const runtime = await installNode(NODE24_VERSION, join(CACHE, 'runtime'));
  const headers = await installHeaders();
  const node = join(runtime, readJson(join(runtime, 'package.json')).bin.node);
  const env = npmEnv({ PATH: `${dirname(node)}${delimiter}${process.env.PATH}` });

  const hash = createHash('sha256');
  for (const file of MANIFESTS) hash.update(readFileSync(join(TREE, file)));
  const stamp = { node: NODE24_VERSION, headers: NODE24_HEADERS, manifests: hash.digest('hex') };
  const stampFile = join(TREE, 'node_modules/.itss-node24.json');
  const installed = existsSync(stampFile) ? readJson(stampFile) : {};
  if (installed.node !== stamp.node || installed.headers !== stamp.headers) {
    // npm keeps an installed addon as it is: start from nothing when Node or the headers change.
    for (const dir of ['node_modules', 'shared/node_modules', 'server/node_modules'])
      rmSync(join(TREE, dir), { recursive: true, force: true });
  }
  if (installed.manifests !== stamp.manifests || !existsSync(stampFile)) {
    console.log(`\n▶ Node 24: npm install in ${TREE} (shared and server; better-sqlite3 from source)`);
    // npm and the install scripts (node-gyp) run on Node 24; this nodedir overrides a user-level one,
    // and better-sqlite3 is compiled against it rather than downloaded prebuilt (where reachable).
    const workspaces = ['--workspace=@itss/shared', '--workspace=@itss/server', '--include-workspace-root'];
    await mustRun(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', ...workspaces], {
      cwd: TREE,
      env: { ...env, npm_config_nodedir: headers, npm_config_build_from_source: 'better-sqlite3' },
    });
    writeFileSync(stampFile, JSON.stringify(stamp));
  }

  const { version } = readJson(join(TREE, 'node_modules/better-sqlite3/package.json'));
  const code = await run(node, ['-e', GC_CHECK], { cwd: TREE, env });
  if (code !== 0) {
    console.error(
      `\n✖ better-sqlite3 ${version} in ${TREE} does not survive garbage collection on Node ` +
        `${NODE24_VERSION} (exit ${code}); it was built against Node ${NODE24_HEADERS}'s headers: ` +
        'see NODE24_HEADERS in scripts/node24.mjs',
    );
    process.exit(1);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    `Node ${NODE24_VERSION} ready in ${TREE} (${seconds}s): better-sqlite3 ${version} built against ` +
      `Node ${NODE24_HEADERS}'s headers`,
  );
  return { node, env, tree: TREE };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--headers')) {
    // Only the folder on stdout, for `--nodedir="$(node scripts/node24.mjs --headers)"`.
    console.log(await installHeaders(['ignore', process.stderr, process.stderr]));
  } else {
    await prepareNode24();
  }
}
