// Helpers shared by the project's scripts: running commands and knowing what is built.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

/**
 * Runs a command with inherited output; resolves with its exit code. `env` adds to the environment
 * (a key set to undefined is left out).
 */
export function run(command, args, { env = {}, cwd = ROOT, stdio = 'inherit' } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

export async function mustRun(command, args, options) {
  const code = await run(command, args, options);
  if (code !== 0) {
    console.error(`\n✖ ${command} ${args.join(' ')} exited with ${code}`);
    process.exit(code);
  }
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** True when `output` is missing or older than any of `inputs` (files or folders, relative to ROOT). */
export function isStale(output, inputs) {
  const target = join(ROOT, output);
  if (!existsSync(target)) return true;
  const built = statSync(target).mtimeMs;
  return inputs.some((input) => newestMtime(join(ROOT, input)) > built);
}
