import {
  type DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/config';
import { openDatabase } from './open-database';

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(config: DatabaseConfig): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          useFactory: async () => {
            const { dataSource, created, migrationsRun } = await openDatabase(config);
            const logger = new Logger('Database');
            if (created && config.type === 'sqlite')
              logger.log(`Created a new SQLite database at ${config.path}`);
            if (migrationsRun.length > 0) logger.log(`Applied migrations: ${migrationsRun.join(', ')}`);
            return dataSource;
          },
        },
      ],
      exports: [DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
