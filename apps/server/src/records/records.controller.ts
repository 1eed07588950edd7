import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthContext, CurrentAuth } from '../auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { localeFromHeader } from '../common/http/locale';
import { BulkRecordsDto, CreateRecordDto, ListRecordsQueryDto, UpdateRecordDto } from './dto/record.dto';
import { type WriteContext } from './record-writer';
import { type EntityRef, RecordsService } from './records.service';

@ApiTags('records')
@ApiBearerAuth()
@Controller('apps/:app/entities/:entity/records')
export class RecordsController {
  constructor(private readonly records: RecordsService) {}

  @Get()
  list(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('entity') entityKey: string,
    @Query() query: ListRecordsQueryDto,
  ) {
    return this.records.list(
      auth.workspaceId,
      { appKey, entityKey },
      { ...query, filter: parseFilter(query.filter) },
    );
  }

  @Post()
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
  @HttpCode(200)
  bulk(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('entity') entityKey: string,
    @Body() body: BulkRecordsDto,
    @Headers('accept-language') language?: string,
  ) {
    return this.records.bulk(writeContext(auth, language, 'bulk'), { appKey, entityKey }, body);
  }

  @Get(':id')
  get(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('entity') entityKey: string,
    @Param('id') id: string,
  ) {
    return this.records.get(auth.workspaceId, { appKey, entityKey }, id);
  }

  @Patch(':id')
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
  history(
    @CurrentAuth() auth: AuthContext,
    @Param('app') appKey: string,
    @Param('entity') entityKey: string,
    @Param('id') id: string,
  ) {
    return this.records.history(auth.workspaceId, { appKey, entityKey }, id);
  }
}

function writeContext(auth: AuthContext, language: string | undefined, source: string): WriteContext {
  return { workspaceId: auth.workspaceId, userId: auth.userId, locale: localeFromHeader(language), source };
}

function parseFilter(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('FILTER_INVALID', {}, [{ path: 'filter', message: 'is not valid JSON' }]);
  }
}
