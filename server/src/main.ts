import { Logger } from '@nestjs/common';
import { isStartupRefusal } from './common/startup';
import { loadConfig } from './config/config';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  // The application's modules are loaded once the configuration is accepted: a refusal is answered
  // without loading them (about a second and a half of CPU).
  const { createApp } = await import('./app.factory.js');
  const app = await createApp(config);
  // Close the database only after the HTTP server has stopped, on SIGTERM from an orchestrator too.
  app.enableShutdownHooks();
  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // A wildcard or loopback address is reachable as localhost; any other only under its own name.
  const local = ['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(config.host);
  new Logger('Server').log(`ITSS 会员服务已启动: http://${local ? 'localhost' : config.host}:${port}/`);
}

bootstrap().catch((error: unknown) => {
  // Start-up refusals are expected operator errors: one clear line, no stack trace.
  if (isStartupRefusal(error)) {
    console.error(`Start-up refused: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
