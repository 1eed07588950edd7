import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeyAuthenticator } from './services/api-key-authenticator.service';
import { ApiKeysService } from './services/api-keys.service';

/** API keys for integrations: managed by admins, turned into a principal on every request (docs/security.md). */
@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeysService, ApiKeyAuthenticator],
  exports: [ApiKeyAuthenticator],
})
export class ApiKeysModule {}
