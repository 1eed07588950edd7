import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { getDataSourceToken } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { UsersModule } from '../users/users.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { loadJwtSecret } from './jwt-secret';

@Module({
  imports: [
    UsersModule,
    WorkspacesModule,
    ApiKeysModule,
    RateLimitModule,
    JwtModule.registerAsync({
      inject: [getDataSourceToken(), SERVER_CONFIG],
      useFactory: async (dataSource: DataSource, config: ServerConfig) => ({
        secret: await loadJwtSecret(dataSource, config.jwtSecret),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
