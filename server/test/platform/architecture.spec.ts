import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The rules that keep features apart, checked on the source of every feature folder and its
 * sub-folders: a feature module is not global, owns its tables (injects only repositories of its
 * own entities, others go through the owner's service), no service passes an EntityManager around
 * (transactions travel with the call), every transaction reruns when a concurrent one makes it fail,
 * and a feature reaches another only through the files at the top of its folder (its sub-folders
 * are its own business). `wechat/` and `wechatpay/` are infrastructure every feature may use: they
 * own no table, open no transaction and depend on no feature.
 */
const SRC = join(__dirname, '../../src');
const MODULES = join(SRC, 'modules');
const WECHAT = join(SRC, 'wechat');
const WECHATPAY = join(SRC, 'wechatpay');

interface Source {
  /** The path from `src/`, e.g. `modules/groups/entry/entry.service.ts`. */
  file: string;
  text: string;
}

/** The `.ts` sources (tests aside) of a folder and all its sub-folders. */
function sourcesUnder(dir: string): Source[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): Source[] => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts')) return [];
    return [{ file: relative(SRC, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }];
  });
}

const features = readdirSync(MODULES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const sourcesOf = (feature: string): Source[] => sourcesUnder(join(MODULES, feature));

function entitiesOf(feature: string): string[] {
  return sourcesOf(feature)
    .filter(({ file }) => basename(file).endsWith('.entity.ts'))
    .flatMap(({ text }) => [...text.matchAll(/export class (\w+)/g)].map((m) => m[1]!));
}

/** Where each relative import of a source file leads, as a path from `src/`. */
function importsOf({ file, text }: Source): string[] {
  return [...text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((m) =>
    relative(SRC, resolve(SRC, dirname(file), m[1]!))
      .split(sep)
      .join('/'),
  );
}

function noDatabaseHandles({ file, text }: Source) {
  expect({ file, global: /@Global\(/.test(text) }).toEqual({ file, global: false });
  expect({ file, entityManager: /\bEntityManager\b/.test(text) }).toEqual({ file, entityManager: false });
}

describe('feature boundaries', () => {
  it('finds the features, and sources in their sub-folders', () => {
    expect(features).toEqual(expect.arrayContaining(['auth', 'users', 'staff', 'audit']));
    expect(sourcesUnder(WECHAT).map(({ file }) => file)).toEqual(
      expect.arrayContaining(['wechat/wechat.client.ts', 'wechat/standin/standin.ts']),
    );
    expect(sourcesUnder(WECHATPAY).map(({ file }) => file)).toEqual(
      expect.arrayContaining(['wechatpay/wechatpay.client.ts', 'wechatpay/standin/standin.ts']),
    );
  });

  it.each(features)('%s: no @Global module, no EntityManager, only its own repositories', (feature) => {
    const own = new Set(entitiesOf(feature));
    for (const source of sourcesOf(feature)) {
      const { file, text } = source;
      noDatabaseHandles(source);
      const injected = [...text.matchAll(/@InjectRepository\((\w+)\)/g)].map((m) => m[1]!);
      expect({ file, foreign: injected.filter((entity) => !own.has(entity)) }).toEqual({ file, foreign: [] });
      // The health check pings the connection itself, and the dashboard only reads: it counts across
      // the features' tables in GROUP BY queries and writes nothing. Certificates read a unit and
      // its year's bills in one statement, since the public check of a code is hot at events; they
      // write only their own table. Every other feature reads and writes through repositories.
      if (!['health', 'dashboard', 'certificates'].includes(feature)) {
        expect({ file, dataSource: /\bDataSource\b/.test(text) }).toEqual({ file, dataSource: false });
      }
    }
  });

  it.each(features)('%s: every @Transactional() unit reruns on a deadlock or duplicate key', (feature) => {
    for (const { file, text } of sourcesOf(feature)) {
      // @RetryOnConflict() goes right above: it must wrap the transaction, so each attempt is new.
      const bare = [...text.matchAll(/^(.*)\n\s*@Transactional\(/gm)]
        .filter((m) => m[1]!.trim() !== '@RetryOnConflict()')
        .map((m) => m[0].trim());
      expect({ file, bare }).toEqual({ file, bare: [] });
    }
  });

  it.each(features)(
    '%s: reaches other features only through the files at the top of their folders',
    (feature) => {
      for (const source of sourcesOf(feature)) {
        const inside = importsOf(source).filter((target) => {
          const [root, other, ...rest] = target.split('/');
          return root === 'modules' && other !== feature && rest.length > 1;
        });
        expect({ file: source.file, inside }).toEqual({ file: source.file, inside: [] });
      }
    },
  );

  it('registers each feature’s entities in its own module', () => {
    for (const feature of features) {
      const entities = entitiesOf(feature);
      if (entities.length === 0) continue;
      const module = readFileSync(join(MODULES, feature, `${feature}.module.ts`), 'utf8');
      const registered =
        /TransactionalRepositoriesModule\.forFeature\(\[([^\]]*)\]\)/.exec(module)?.[1] ?? '';
      expect({ feature, missing: entities.filter((e) => !registered.includes(e)) }).toEqual({
        feature,
        missing: [],
      });
    }
  });
});

describe('wechat/ and wechatpay/', () => {
  it.each(
    [...sourcesUnder(WECHAT), ...sourcesUnder(WECHATPAY)].map((source) => [source.file, source] as const),
  )('%s: owns no table, opens no transaction, depends on no feature', (_file, source) => {
    const { file, text } = source;
    noDatabaseHandles(source);
    const database = /\b(DataSource|InjectRepository|Transactional|TransactionHost)\b/.test(text);
    expect({ file, database }).toEqual({ file, database: false });
    const features = importsOf(source).filter((target) => target.startsWith('modules/'));
    expect({ file, features }).toEqual({ file, features: [] });
  });
});

/** The longest a file in a feature folder may grow: past it, the file does several jobs. */
const MAX_LINES = 400;
/**
 * Files allowed past MAX_LINES, by path from `src/`, each with its reason. Only data tables belong
 * here (a list of regions, say), never code: split a long service by job instead.
 */
const LONG_DATA_TABLES: Record<string, string> = {};

/** Every file of a folder and its sub-folders, tests included. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

describe('file length', () => {
  const lengths = filesUnder(MODULES).map((path) => ({
    file: relative(SRC, path).split(sep).join('/'),
    lines: readFileSync(path, 'utf8').split('\n').length,
  }));

  it(`keeps every file in modules/ within ${MAX_LINES} lines, data tables named above aside`, () => {
    const tooLong = lengths.filter(({ file, lines }) => lines > MAX_LINES && !(file in LONG_DATA_TABLES));
    expect(tooLong).toEqual([]);
  });

  it('exempts only files that exist and are still that long', () => {
    const stale = Object.keys(LONG_DATA_TABLES).filter(
      (name) => !lengths.some(({ file, lines }) => file === name && lines > MAX_LINES),
    );
    expect(stale).toEqual([]);
  });
});
