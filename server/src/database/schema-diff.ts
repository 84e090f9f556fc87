import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/config';
import { dataSourceOptions } from './data-source';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/**
 * What the entities need beyond what the migrations build: TypeORM's own schema comparison, the one
 * `migration:generate` uses. Empty on an up-to-date tree; the generator writes it out otherwise.
 */
export async function schemaDiffAfterMigrations(config: DatabaseConfig): Promise<SchemaDiff> {
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: sql.upQueries.map((q) => q.query),
      down: sql.downQueries.map((q) => q.query).reverse(),
    };
  } finally {
    await dataSource.destroy();
  }
}
