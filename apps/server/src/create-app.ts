import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { ServerLogger } from './common/http/server-logger';
import { HttpExceptionFilter } from './common/http/http-exception.filter';
import { verifyJsonBody } from './common/http/json-body';
import { setupOpenApi } from './common/http/openapi';
import { createValidationPipe } from './common/http/validation.pipe';
import { serveWebAssets } from './common/http/web-assets';
import { type ServerConfig } from './config/server-config';
import { RedisIoAdapter } from './realtime/redis-io.adapter';

/** The HTTP application as production runs it; tests build the same one. */
export async function createServerApp(
  config: ServerConfig,
  databaseUrl: string,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(ServerLogger));
  app.set('trust proxy', config.trustProxy);
  // App definitions with seed data can be large; anything beyond this is refused with a 413.
  app.useBodyParser('json', { limit: '20mb', verify: verifyJsonBody });
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useGlobalPipes(createValidationPipe());
  if (config.redisUrl) {
    const adapter = new RedisIoAdapter(app, config.redisUrl);
    await adapter.connect();
    app.useWebSocketAdapter(adapter);
  }
  setupOpenApi(app);
  serveWebAssets(app, config.webDistDir);
  return app;
}
