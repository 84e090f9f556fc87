import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { SharedState } from '../state/shared-state';
import { JobScheduler } from './job-scheduler';

/**
 * Infrastructure, global like the StateModule: the JobScheduler features register their jobs
 * with. Its timers run everywhere but in tests, which run a job at the `now` they choose.
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(config: Pick<AppConfig, 'env'>): DynamicModule {
    return {
      module: JobsModule,
      providers: [
        {
          provide: JobScheduler,
          inject: [SharedState],
          useFactory: (state: SharedState) => new JobScheduler(state, { timers: config.env !== 'test' }),
        },
      ],
      exports: [JobScheduler],
    };
  }
}
