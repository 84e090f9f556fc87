import {
  type DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { InFlightRequests } from '../common/in-flight';
import type { DatabaseConfig } from '../config/config';
import { openDatabase } from './open-database';

/** Long enough for any request to finish, short enough for an orchestrator's stop timeout. */
const SHUTDOWN_GRACE_MS = 10_000;

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly inFlight: InFlightRequests,
  ) {}

  static forRoot(config: DatabaseConfig): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        InFlightRequests,
        { provide: APP_INTERCEPTOR, useExisting: InFlightRequests },
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
      exports: [DataSource, InFlightRequests],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.inFlight.drain(SHUTDOWN_GRACE_MS);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
