#!/usr/bin/env node
// Checks a production weapp build (miniapp/dist/weapp) the way WeChat's tooling would, offline:
// the main package size against our budget, miniprogram-ci's code-quality rules, and its static
// dependency analysis. Exits non-zero on any failure, so CI can run it after `taro build --type weapp`.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const weappDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'miniapp', 'dist', 'weapp'));
// Our budget, half of WeChat's 2 MB: the main package loads before the first page, and each
// feature's pages belong in its own subpackages.
const MAIN_PACKAGE_LIMIT = 1024 * 1024;
// Files the developer tools keep for themselves and never upload.
const NOT_UPLOADED = new Set(['project.config.json', 'project.private.config.json']);

const failures = [];
const lines = [];
const report = (ok, label, detail = '') => {
  lines.push(`${ok ? 'PASS' : 'FAIL'}  ${label}${detail ? `  (${detail})` : ''}`);
  if (!ok) failures.push(label);
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function listFiles(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory()
      ? listFiles(full, base)
      : [path.relative(base, full).split(path.sep).join('/')];
  });
}

function mainPackageSize() {
  const appJson = JSON.parse(readFileSync(path.join(weappDir, 'app.json'), 'utf8'));
  const subRoots = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].map(
    (p) => p.root.replace(/^\/|\/?$/g, '') + '/',
  );
  return listFiles(weappDir)
    .filter((file) => !NOT_UPLOADED.has(file) && !subRoots.some((root) => file.startsWith(root)))
    .reduce((sum, file) => sum + statSync(path.join(weappDir, file)).size, 0);
}

function throwAwayKey(dir) {
  // miniprogram-ci insists on a key file; neither check signs or uploads anything with it.
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const file = path.join(dir, 'private.key');
  writeFileSync(file, privateKey, { mode: 0o600 });
  return file;
}

function unresolvedDependencies(analysis) {
  const problems = [];
  for (const module of analysis?.modules ?? []) {
    for (const error of module.errors ?? []) problems.push(`${module.id}: ${String(error.message ?? error)}`);
    for (const dep of module.deps ?? []) {
      if (dep.error)
        problems.push(`${module.id} -> ${dep.request}: ${String(dep.error.message ?? dep.error)}`);
    }
  }
  return problems;
}

async function main() {
  if (!existsSync(path.join(weappDir, 'app.json'))) {
    console.error(`No weapp build at ${weappDir}: run \`cd miniapp && npx taro build --type weapp\` first.`);
    process.exit(2);
  }
  const ci = require('miniprogram-ci');
  const keyDir = mkdtempSync(path.join(tmpdir(), 'itss-weapp-key-'));
  try {
    const size = mainPackageSize();
    report(size <= MAIN_PACKAGE_LIMIT, 'main package ≤ 1 MB', kb(size));

    const project = new ci.Project({
      appid: 'touristappid',
      type: 'miniProgram',
      projectPath: weappDir,
      privateKeyPath: throwAwayKey(keyDir),
      ignores: ['node_modules/**/*'],
    });

    const rules = await ci.checkCodeQuality(project);
    for (const rule of rules)
      report(rule.success, `code quality ${rule.name}`, rule.success ? '' : rule.text);

    const analysis = await ci.analyseCode(project, { silent: true });
    const problems = unresolvedDependencies(analysis);
    report(
      analysis !== undefined && problems.length === 0,
      'dependency analysis: every module resolves',
      analysis ? `${analysis.modules.length} modules, ${analysis.files.length} files` : 'no result',
    );
    for (const problem of problems) lines.push(`      ${problem}`);
  } finally {
    rmSync(keyDir, { recursive: true, force: true });
  }

  console.log(`weapp check of ${path.relative(process.cwd(), weappDir) || '.'}`);
  for (const line of lines) console.log(`  ${line}`);
  console.log(failures.length === 0 ? 'All checks passed.' : `${failures.length} check(s) failed.`);
  process.exit(failures.length === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error('weapp check could not run:', error);
  process.exit(1);
});
