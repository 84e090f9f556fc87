// WeChat's own compilers on the production build: `wcc` turns every .wxml and .wxs into the view
// layer's template functions, `wcsc` every .wxss into style code. Both are the Linux builds of
// WeChat's binaries shipped in the npm package `miniprogram-compiler`; we call them directly because
// that package's wrapper returns (rather than throws) wcsc's refusal, which would hide a bad style.
const { spawnSync } = require('node:child_process');
const { accessSync, chmodSync, constants, existsSync, readFileSync, readdirSync } = require('node:fs');
const path = require('node:path');

const BIN_DIR = path.join(path.dirname(require.resolve('miniprogram-compiler/package.json')), 'bin');
const BINARIES = {
  linux: { wcc: 'linux/wcc', wcsc: 'linux/wcsc' },
  darwin: { wcc: 'mac/wcc', wcsc: 'mac/wcsc' },
  win32: { wcc: 'windows/wcc.exe', wcsc: 'windows/wcsc.exe' },
};
const MAX_BUFFER = 64 * 1024 * 1024;

/** Why WeChat's compilers cannot run on this machine, or null when they can. */
function compilersUnavailable() {
  const binaries = BINARIES[process.platform];
  if (!binaries || (process.platform !== 'darwin' && process.arch !== 'x64')) {
    return `miniprogram-compiler ships wcc/wcsc for linux-x64, macOS and Windows, not ${process.platform}-${process.arch}`;
  }
  return null;
}

/** The binary's path; npm unpacks them without the executable bit. */
function binary(name) {
  const reason = compilersUnavailable();
  if (reason) throw new Error(reason);
  const file = path.join(BIN_DIR, BINARIES[process.platform][name]);
  try {
    accessSync(file, constants.X_OK);
  } catch {
    chmodSync(file, 0o755);
  }
  return file;
}

/** Every file under `root` (relative, with forward slashes) whose name ends in `ext`. */
function listFiles(root, ext, dir = '') {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listFiles(root, ext, relative);
    return entry.name.endsWith(ext) ? [relative] : [];
  });
}

function readJson(root, relative) {
  const file = path.join(root, relative);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

function run(name, args, root) {
  const result = spawnSync(binary(name), args, { cwd: root, maxBuffer: MAX_BUFFER });
  if (result.error) throw new Error(`${name} could not run: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stderr.toString()}${result.stdout.toString()}`.trim();
    throw new Error(`${name} refused the build (exit ${result.status}):\n${output}`);
  }
  return result.stdout.toString();
}

/**
 * Compiles every .wxml and .wxs of the build with wcc. Returns the generated view-layer source
 * (it defines `$gwx`) and the list of templates it covers.
 * @param {string} root the build folder (miniapp/dist/weapp)
 */
function compileTemplates(root) {
  const templates = listFiles(root, '.wxml');
  const scripts = listFiles(root, '.wxs');
  // wcc wants, for each template with custom components, its name and the components' tags.
  const components = templates.flatMap((file) => {
    const using = readJson(root, file.replace(/\.wxml$/, '.json'))?.usingComponents;
    return using ? [[file, String(Object.keys(using).length), ...Object.keys(using)].join(' ')] : [];
  });
  const config = [String(components.length), ...components].join(' ');
  const source = run('wcc', ['-d', '-cc', config, ...templates, ...scripts, '-gn', '$gwx'], root);
  return { source, templates, scripts };
}

/**
 * Compiles every .wxss of the build with wcsc, pages' and components' first as WeChat's tools list
 * them. A style wcsc refuses (a `*` selector, a syntax error) throws with wcsc's message.
 * @param {string} root the build folder
 */
function compileStyles(root) {
  const styles = listFiles(root, '.wxss');
  const own = styles.filter(
    (file) => readJson(root, file.replace(/\.wxss$/, '.json')) && file !== 'app.wxss',
  );
  const shared = styles.filter((file) => !own.includes(file));
  const output = run('wcsc', ['-db', '-pc', String(own.length), ...own, ...shared], root);
  // The output is name=code pairs: the version, the common part, then one entry per page/component.
  const fields = output.split('=');
  const compiled = new Map();
  for (let i = 0; i + 1 < fields.length; i += 2) compiled.set(fields[i], fields[i + 1]);
  const missing = own.filter((file) => !compiled.has(file));
  if (missing.length) throw new Error(`wcsc produced no style for ${missing.join(', ')}`);
  // A component's style with selectors WeChat ignores in components (tags, ids, attributes).
  const ignored = own.flatMap((file) => {
    const isComponent = readJson(root, file.replace(/\.wxss$/, '.json'))?.component === true;
    const warning = /Some selectors are not allowed in component wxss[^"]*/.exec(compiled.get(file) ?? '');
    return isComponent && warning ? [`${file}: ${warning[0]}`] : [];
  });
  if (ignored.length) throw new Error(`wcsc: ${ignored.join('\n')}`);
  // wcsc marks a url() to a file of the package: WeChat loads no local image from a style.
  const local = [...compiled].filter(([, code]) => code.includes('-do-not-use-local-path-'));
  if (local.length) {
    throw new Error(
      `wcsc: a style loads a local file with url(), which WeChat refuses: ${local.map(([file]) => file).join(', ')}`,
    );
  }
  return { styles };
}

module.exports = { compileStyles, compileTemplates, compilersUnavailable, listFiles };
