import path from 'node:path';
import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module';
import { loadJwtSecret } from '../auth/jwt-secret';
import { FileUrlSigner } from './file-urls';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { FILE_STORAGE, LocalDiskFileStorage } from './file-storage';

@Module({
  imports: [AuthModule],
  controllers: [FilesController],
  providers: [
    FilesService,
    {
      provide: FileUrlSigner,
      inject: [getDataSourceToken(), SERVER_CONFIG],
      useFactory: async (dataSource: DataSource, config: ServerConfig) =>
        new FileUrlSigner(await loadJwtSecret(dataSource, config.jwtSecret)),
    },
    {
      provide: FILE_STORAGE,
      inject: [SERVER_CONFIG],
      useFactory: (config: ServerConfig) => new LocalDiskFileStorage(path.join(config.dataDir, 'files')),
    },
  ],
  exports: [FileUrlSigner, FilesService],
})
export class FilesModule {}
