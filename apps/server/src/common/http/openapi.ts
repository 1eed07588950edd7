import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI document at /api/docs (UI) and /api/docs-json. */
export function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Lowcode platform API')
      .setDescription(
        'Every error answers `{ "error": { "code", "message", "details": [{ "path", "message" }] } }`, ' +
          'localized by Accept-Language (zh-CN or en). Integrations authenticate with an API key ' +
          '(`Authorization: Bearer lck_…` or `X-API-Key: lck_…`) limited by its scopes; every caller has a ' +
          'rate limit and over it gets `429 RATE_LIMITED` with `Retry-After`.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'apiKey')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
