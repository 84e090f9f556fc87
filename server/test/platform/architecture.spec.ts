import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * The rules that keep features apart, checked on the source: a feature module is not global, owns its
 * tables (injects only repositories of its own entities, others go through the owner's service), no
 * service passes an EntityManager around (transactions travel with the call), and every transaction
 * reruns when a concurrent one makes it fail.
 */
const MODULES = join(__dirname, '../../src/modules');

function sourcesOf(feature: string): { file: string; text: string }[] {
  return readdirSync(join(MODULES, feature))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .map((file) => ({
      file: `${feature}/${file}`,
      text: readFileSync(join(MODULES, feature, file), 'utf8'),
    }));
}

const features = readdirSync(MODULES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

function entitiesOf(feature: string): string[] {
  return sourcesOf(feature)
    .filter(({ file }) => basename(file).endsWith('.entity.ts'))
    .flatMap(({ text }) => [...text.matchAll(/export class (\w+)/g)].map((m) => m[1]!));
}

describe('feature boundaries', () => {
  it('finds the features', () => {
    expect(features).toEqual(expect.arrayContaining(['auth', 'users', 'staff', 'audit']));
  });

  it.each(features)('%s: no @Global module, no EntityManager, only its own repositories', (feature) => {
    const own = new Set(entitiesOf(feature));
    for (const { file, text } of sourcesOf(feature)) {
      expect({ file, global: /@Global\(/.test(text) }).toEqual({ file, global: false });
      expect({ file, entityManager: /\bEntityManager\b/.test(text) }).toEqual({ file, entityManager: false });
      const injected = [...text.matchAll(/@InjectRepository\((\w+)\)/g)].map((m) => m[1]!);
      expect({ file, foreign: injected.filter((entity) => !own.has(entity)) }).toEqual({ file, foreign: [] });
      // The health check pings the connection itself; every feature reads and writes through repositories.
      if (feature !== 'health') {
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
