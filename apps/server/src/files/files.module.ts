import path from 'node:path';
import { Module } from '@nestjs/common';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { FILE_STORAGE, LocalDiskFileStorage } from './file-storage';

@Module({
  controllers: [FilesController],
  providers: [
    FilesService,
    {
      provide: FILE_STORAGE,
      inject: [SERVER_CONFIG],
      useFactory: (config: ServerConfig) => new LocalDiskFileStorage(path.join(config.dataDir, 'files')),
    },
  ],
})
export class FilesModule {}
