import fs from 'node:fs';
import os from 'node:os';
import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { type Response } from 'express';
import { ApiBearerAuth, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiKeyScope, type AuthContext, CurrentAuth } from '../auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { localeFromHeader } from '../common/http/locale';
import {
  BulkQueryDto,
  BulkRecordsDto,
  CreateRecordDto,
  ExportRecordsQueryDto,
  ImportRecordsDto,
  ListRecordsQueryDto,
  UpdateRecordDto,
} from './dto/record.dto';
import { EntityCatalogService } from './entity-catalog.service';
import { RecordExporterService } from './spreadsheet/record-exporter.service';
import { RecordImporterService } from './spreadsheet/record-importer.service';
import { type SheetFormat, sheetFormatOf } from './spreadsheet/sheet-reader';
import { type WriteContext } from './record-writer';
import { type EntityRef, RecordsService } from './records.service';

// Spreadsheets larger than this are refused with a 413 before any parsing.
const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

@ApiTags('records')
@ApiBearerAuth()
@Controller('apps/:app/entities/:entity/records')
export class RecordsController {
  constructor(
    private readonly records: RecordsService,
    private readonly catalog: EntityCatalogService,
    private readonly importer: RecordImporterService,
    private readonly exporter: RecordExporterService,
  ) {}

  @Get()
  @ApiKeyScope('records:read')
  list(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('entity') entityKey: string,
    @Query() query: ListRecordsQueryDto,
  ) {
    return this.records.list(auth, { appKey, entityKey }, { ...query, filter: parseFilter(query.filter) });
  }

  @Post()
  @ApiKeyScope('records:write')
  create(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('entity') entityKey: string,
    @Body() body: CreateRecordDto,
    @Headers('accept-language') language?: string,
  ) {
    return this.records.create(writeContext(auth, language, 'api'), { appKey, entityKey }, body.values);
  }

  @Post('bulk')
  @ApiKeyScope('records:write')
  @HttpCode(200)
  bulk(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('entity') entityKey: string,
    @Body() body: BulkRecordsDto,
    @Query() query: BulkQueryDto,
    @Headers('accept-language') language?: string,
  ) {
    const ref = { appKey, entityKey };
    return this.records.bulk(writeContext(auth, language, 'bulk'), ref, body, query.return === 'records');
  }

  @Get('export')
  @ApiKeyScope('records:read')
  @ApiQuery({ name: 'format', enum: ['xlsx', 'csv'], required: false })
  async export(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('entity') entityKey: string,
    @Query() exportQuery: ExportRecordsQueryDto,
    @Res() response: Response,
    @Headers('accept-language') language?: string,
  ) {
    const { format, ...query } = exportQuery;
    const sheetFormat = format ?? 'xlsx';
    const ref = { appKey, entityKey };
    // Refuse first: a role without the export grant gets the error alone, not an attachment holding it.
    await this.records.requireAction(auth, ref, 'export');
    // Resolve before streaming, so a bad app, entity or filter still gets a proper error response.
    await this.records.list(auth, ref, { ...query, filter: parseFilter(query.filter), limit: 1 });
    response.attachment(`${entityKey}.${sheetFormat}`);
    response.type(
      sheetFormat === 'xlsx'
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'text/csv',
    );
    await this.exporter.export(
      auth,
      ref,
      { ...query, filter: parseFilter(query.filter) },
      sheetFormat,
      localeFromHeader(language),
      response,
    );
  }

  @Get('import-template')
  @ApiKeyScope('records:read')
  @ApiQuery({ name: 'format', enum: ['xlsx', 'csv'], required: false })
  async importTemplate(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('entity') entityKey: string,
    @Query('format') format: string | undefined,
    @Res() response: Response,
    @Headers('accept-language') language?: string,
  ) {
    const sheetFormat = parseFormat(format);
    await this.catalog.resolve(auth.workspaceId, appKey, entityKey);
    response.attachment(`${entityKey}-template.${sheetFormat}`);
    await this.exporter.template(
      auth.workspaceId,
      { appKey, entityKey },
      sheetFormat,
      localeFromHeader(language),
      response,
    );
  }

  @Post('import')
  @ApiKeyScope('records:write')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(
    FileInterceptor('file', { dest: os.tmpdir(), limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } }),
  )
  async import(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('entity') entityKey: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: ImportRecordsDto,
    @Headers('accept-language') language?: string,
  ) {
    try {
      const format = file && sheetFormatOf(file.originalname);
      if (!file || !format) {
        throw new AppError('IMPORT_INVALID', {}, [
          { path: 'file', message: 'send an .xlsx or .csv file in the form field "file"' },
        ]);
      }
      return await this.importer.import(
        writeContext(auth, language, 'import'),
        { appKey, entityKey },
        { path: file.path, format },
        {
          mode: body.mode ?? 'preview',
          mapping: parseMapping(body.mapping),
          importId: body.importId,
        },
      );
    } finally {
      if (file?.path) fs.rmSync(file.path, { force: true });
    }
  }

  @Get(':id')
  @ApiKeyScope('records:read')
  get(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('entity') entityKey: string,
    @Param('id') id: string,
  ) {
    return this.records.get(auth, { appKey, entityKey }, id);
  }

  @Patch(':id')
  @ApiKeyScope('records:write')
  update(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('entity') entityKey: string,
    @Param('id') id: string,
    @Body() body: UpdateRecordDto,
    @Headers('accept-language') language?: string,
  ) {
    const ref: EntityRef = { appKey, entityKey };
    return this.records.update(writeContext(auth, language, 'api'), ref, id, body.version, body.values);
  }

  @Delete(':id')
  @ApiKeyScope('records:write')
  @HttpCode(204)
  async remove(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('entity') entityKey: string,
    @Param('id') id: string,
    @Headers('accept-language') language?: string,
  ): Promise<void> {
    await this.records.remove(writeContext(auth, language, 'api'), { appKey, entityKey }, id);
  }

  @Post(':id/restore')
  @ApiKeyScope('records:write')
  @HttpCode(200)
  restore(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('entity') entityKey: string,
    @Param('id') id: string,
    @Headers('accept-language') language?: string,
  ) {
    return this.records.restore(writeContext(auth, language, 'api'), { appKey, entityKey }, id);
  }

  @Get(':id/history')
  @ApiKeyScope('records:read')
  history(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('entity') entityKey: string,
    @Param('id') id: string,
  ) {
    return this.records.history(auth, { appKey, entityKey }, id);
  }
}

function writeContext(auth: AuthContext, language: string | undefined, source: string): WriteContext {
  return { ...auth, locale: localeFromHeader(language), source };
}

function parseFilter(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('FILTER_INVALID', {}, [{ path: 'filter', message: 'is not valid JSON' }]);
  }
}

function parseFormat(format: string | undefined): SheetFormat {
  if (format === undefined || format === 'xlsx') return 'xlsx';
  if (format === 'csv') return 'csv';
  throw new AppError('VALIDATION_FAILED', {}, [{ path: 'format', message: 'format must be xlsx or csv' }]);
}

function parseMapping(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (
      parsed &&
      typeof parsed === 'object' &&
      !Array.isArray(parsed) &&
      Object.values(parsed).every((v) => typeof v === 'string')
    ) {
      return Object.assign(Object.create(null) as Record<string, string>, parsed);
    }
  } catch {
    // answered below
  }
  throw new AppError('VALIDATION_FAILED', {}, [
    { path: 'mapping', message: 'mapping must be a JSON object of header → field key' },
  ]);
}
