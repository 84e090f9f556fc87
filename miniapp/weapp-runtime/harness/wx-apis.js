// The names of WeChat's `wx` API, read from WeChat's own type definitions (miniprogram-api-typings):
// the harness's `wx` has every one of them, so a page never finds an API silently missing; the ones
// the harness does not implement report their use.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

/** @type {Map<string, 'method' | 'property'> | null} */
let cache = null;

/** @returns {Map<string, 'method' | 'property'>} name → kind, for every member of `interface Wx` */
function wechatApiNames() {
  if (cache) return cache;
  const file = path.join(
    path.dirname(require.resolve('miniprogram-api-typings/package.json')),
    'types/wx/lib.wx.api.d.ts',
  );
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  /** @type {Map<string, 'method' | 'property'>} */
  const names = new Map();
  /** @param {import('typescript').Node} node */
  const visit = (node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'Wx') {
      for (const member of node.members) {
        if (!member.name || !ts.isIdentifier(member.name)) continue;
        names.set(member.name.text, ts.isMethodSignature(member) ? 'method' : 'property');
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (names.size < 100) throw new Error(`found only ${names.size} wx APIs in ${file}`);
  cache = names;
  return names;
}

module.exports = { wechatApiNames };
