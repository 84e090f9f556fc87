import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { getRepositoryToken } from '@nestjs/typeorm';
import type { EntityTarget, ObjectLiteral, Repository } from 'typeorm';

type Host = TransactionHost<TransactionalAdapterTypeOrm>;

/**
 * A repository that resolves, on every call, to the repository of the transaction the caller is in
 * (or of the plain connection outside one). This is why a service marked `@Transactional()` takes
 * every repository call beneath it, in any module, into one transaction without passing an
 * EntityManager around.
 */
function transactionalRepository<T extends ObjectLiteral>(
  host: Host,
  entity: EntityTarget<T>,
): Repository<T> {
  return new Proxy({} as Repository<T>, {
    get(_target, property) {
      const repository = host.tx.getRepository(entity);
      const value: unknown = Reflect.get(repository, property, repository);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(repository)
        : value;
    },
  });
}

/**
 * `TypeOrmModule.forFeature` with transaction-following repositories: a feature module registers the
 * entities it owns here and injects them with `@InjectRepository(Entity)` as usual. The plain
 * `TypeOrmModule.forFeature` binds each repository to the default EntityManager, so a write through
 * it would silently escape the surrounding transaction.
 */
@Module({})
export class TransactionalRepositoriesModule {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- entity classes are plain constructors
  static forFeature(entities: Function[]): DynamicModule {
    const providers: Provider[] = entities.map((entity) => ({
      provide: getRepositoryToken(entity),
      useFactory: (host: Host) => transactionalRepository(host, entity),
      inject: [TransactionHost],
    }));
    return { module: TransactionalRepositoriesModule, providers, exports: providers };
  }
}
