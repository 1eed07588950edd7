import { Module } from '@nestjs/common';
import { EntityCatalogService } from './entity-catalog.service';
import { RecordStorageService } from './record-storage.service';
import { RecordsController } from './records.controller';
import { RecordsService } from './records.service';

@Module({
  controllers: [RecordsController],
  providers: [EntityCatalogService, RecordsService, RecordStorageService],
  exports: [RecordsService, RecordStorageService],
})
export class RecordsModule {}
