import { Module } from '@nestjs/common';
import { EntityCatalogService } from './entity-catalog.service';
import { FormulaPropagation } from './formula-propagation.service';
import { RecordStorageService } from './record-storage.service';
import { AppAccessController, EntityAccessController } from './entity-access.controller';
import { RecordsController } from './records.controller';
import { RecordsService } from './records.service';
import { RecordExporterService } from './spreadsheet/record-exporter.service';
import { RecordImporterService } from './spreadsheet/record-importer.service';
import { RealtimeModule } from '../realtime/realtime.module';
import { FilesModule } from '../files/files.module';

@Module({
  imports: [RealtimeModule, FilesModule],
  controllers: [RecordsController, EntityAccessController, AppAccessController],
  providers: [
    EntityCatalogService,
    RecordsService,
    RecordStorageService,
    FormulaPropagation,
    RecordImporterService,
    RecordExporterService,
  ],
  exports: [RecordsService, RecordStorageService, EntityCatalogService],
})
export class RecordsModule {}
