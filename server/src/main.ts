import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/config';
import { DatabaseStartupError } from './database/open-database';
import { StateStartupError } from './state/redis-shared-state';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  // Close the database only after the HTTP server has stopped, on SIGTERM from an orchestrator too.
  app.enableShutdownHooks();
  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  new Logger('Server').log(`ITSS 会员服务已启动: http://localhost:${port}/`);
}

bootstrap().catch((error: unknown) => {
  // Start-up refusals are expected operator errors: one clear line, no stack trace.
  if (
    error instanceof ConfigError ||
    error instanceof DatabaseStartupError ||
    error instanceof StateStartupError
  ) {
    console.error(`Start-up refused: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
