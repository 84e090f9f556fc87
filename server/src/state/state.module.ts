import { type DynamicModule, Global, Module, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { InFlightRequests } from '../common/in-flight';
import type { AppConfig } from '../config/config';
import { ResponseCacheInterceptor } from './cached-response';
import { MemorySharedState } from './memory-shared-state';
import { openRedisState } from './redis-shared-state';
import { RESPONSE_CACHE_ENABLED, ResponseCache } from './response-cache';
import { SharedState } from './shared-state';
import { Throttle } from './throttle';

/** Long enough for any request to finish, short enough for an orchestrator's stop timeout. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Infrastructure, global like the DatabaseModule: SharedState (Redis when REDIS_URL is set, memory
 * otherwise), and the ResponseCache and Throttle over it. Features inject them without importing this module.
 */
@Global()
@Module({})
export class StateModule implements OnApplicationShutdown {
  constructor(
    private readonly state: SharedState,
    @Optional() private readonly inFlight?: InFlightRequests,
  ) {}

  static forRoot(config: Pick<AppConfig, 'redis' | 'responseCache'>): DynamicModule {
    return {
      module: StateModule,
      providers: [
        {
          provide: SharedState,
          useFactory: (): Promise<SharedState> | SharedState =>
            config.redis ? openRedisState(config.redis) : new MemorySharedState(),
        },
        { provide: RESPONSE_CACHE_ENABLED, useValue: config.responseCache },
        ResponseCache,
        ResponseCacheInterceptor,
        Throttle,
      ],
      exports: [SharedState, ResponseCache, ResponseCacheInterceptor, Throttle],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // Shutdown hooks run one module after the other in no promised order: let the handlers that
    // still use the connection finish first, whichever module closes first.
    await this.inFlight?.drain(SHUTDOWN_GRACE_MS);
    await this.state.close();
  }
}
