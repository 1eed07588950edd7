import { type Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import {
  type EntityDefinition,
  type FieldDefinition,
  type Locale,
  lookupTarget,
  optionLabel,
  singleValueOptions,
} from '@lowcode/app-model';
import { isComputedField } from '@lowcode/form-engine';
import ExcelJS from 'exceljs';
import { EntityAccess, type Viewer } from '../access/entity-access';
import { AuditService } from '../../audit/audit.service';
import { EntityCatalogService } from '../entity-catalog.service';
import { type RecordDto } from '../record-reader';
import { type EntityRef, type ListQuery, RecordsService } from '../records.service';
import { headerFor } from './column-mapping';
import { type SheetFormat } from './sheet-reader';

const PAGE_SIZE = 200;

/**
 * Writes the records a list query selects (same filter, sort and search) as xlsx or CSV, page by page, so
 * memory stays flat however many there are. Headers are "Label (key)", so the file imports back.
 */
@Injectable()
export class RecordExporterService {
  constructor(
    private readonly catalog: EntityCatalogService,
    private readonly records: RecordsService,
    private readonly audit: AuditService,
  ) {}

  async export(
    viewer: Viewer,
    ref: EntityRef,
    query: ListQuery,
    format: SheetFormat,
    locale: Locale,
    output: Writable,
  ): Promise<void> {
    await this.records.requireAction(viewer, ref, 'export');
    const resolved = await this.catalog.resolve(viewer.workspaceId, ref.appKey, ref.entityKey);
    const access = EntityAccess.of(viewer, resolved.app, resolved.entity, resolved.schema);
    const entity = resolved.entity;
    // Only what the viewer may see: hidden fields are not columns of their file either.
    const fields = entity.fields.filter((field) => !access.hidden(field.key));
    const sheet = new SheetWriter(format, output, entity);
    sheet.row(fields.map((field) => headerFor(field, locale)));
    let cursor: string | undefined;
    do {
      const page = await this.records.list(viewer, ref, { ...query, cursor, limit: PAGE_SIZE });
      for (const record of page.items)
        sheet.row(fields.map((field) => cellFor(field, record, locale, resolved.app.entities, entity)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    await sheet.end();
    await this.audit.record({
      workspaceId: viewer.workspaceId,
      actorId: viewer.userId,
      action: 'records.exported',
      target: `${ref.appKey}.${ref.entityKey}`,
      details: { format, filter: query.filter ?? null, q: query.q ?? null },
    });
  }

  /** An empty sheet with the importable fields' headers: what a user fills in to import. */
  async template(
    workspaceId: string,
    ref: EntityRef,
    format: SheetFormat,
    locale: Locale,
    output: Writable,
  ): Promise<void> {
    const { entity } = await this.catalog.resolve(workspaceId, ref.appKey, ref.entityKey);
    const sheet = new SheetWriter(format, output, entity);
    sheet.row(
      entity.fields.filter((field) => !isComputedField(field)).map((field) => headerFor(field, locale)),
    );
    await sheet.end();
  }
}

class SheetWriter {
  private readonly workbook?: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly worksheet?: ExcelJS.Worksheet;

  constructor(
    private readonly format: SheetFormat,
    private readonly output: Writable,
    entity: EntityDefinition,
  ) {
    if (format === 'xlsx') {
      this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: output,
        useSharedStrings: false,
        useStyles: false,
      });
      this.worksheet = this.workbook.addWorksheet(entity.key);
    } else {
      output.write('\uFEFF'); // so Excel opens UTF-8 Chinese correctly
    }
  }

  row(cells: unknown[]): void {
    if (this.worksheet) {
      this.worksheet.addRow(cells).commit();
      return;
    }
    this.output.write(cells.map(csvCell).join(',') + '\r\n');
  }

  async end(): Promise<void> {
    if (this.workbook) {
      this.worksheet!.commit();
      await this.workbook.commit();
    } else {
      await new Promise<void>((resolve) => this.output.end(resolve));
    }
  }
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A leading = + - @ would run as a formula when the file is opened: quote it as text.
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A value as a person reads it in a sheet: option labels, record titles, file names, 是/否; a lookup as the
 * field it looks up (a payment's 费项 as 物业费, not its code).
 */
function cellFor(
  field: FieldDefinition,
  record: RecordDto,
  locale: Locale,
  entities: readonly EntityDefinition[],
  entity: EntityDefinition,
): unknown {
  const value = record.values[field.key];
  if (value === null || value === undefined) return null;
  const display = record.display[field.key];
  if (display !== undefined) return Array.isArray(display) ? display.join('、') : display;
  const looked = lookupTarget(entities, entity, field);
  if (looked) {
    const values = looked.multiple && Array.isArray(value) ? value : [value];
    return values
      .map((each) => valueCell(looked.field, each, locale))
      .filter((cell) => cell !== null && cell !== undefined && cell !== '')
      .join('、');
  }
  return valueCell(field, value, locale);
}

function valueCell(field: FieldDefinition, value: unknown, locale: Locale): unknown {
  if (value === null || value === undefined) return null;
  const options = singleValueOptions(field);
  if (options) return optionLabel(options, value, locale) ?? value;
  switch (field.type) {
    case 'multiSelect':
      return (value as string[])
        .map((option) => optionLabel(field.options, option, locale) ?? option)
        .join('、');
    case 'checkbox':
      return value ? (locale === 'en' ? 'yes' : '是') : locale === 'en' ? 'no' : '否';
    case 'attachment':
    case 'image':
      return (value as { name: string }[]).map((file) => file.name).join('、');
    case 'signature':
      return (value as { name?: string }).name ?? '';
    case 'location':
      return (value as { address?: string }).address ?? '';
    case 'dateRange': {
      const range = value as { start?: string; end?: string };
      return `${range.start ?? ''} ~ ${range.end ?? ''}`;
    }
    case 'subTable':
    case 'lookup':
    case 'rollup':
      return typeof value === 'object' ? JSON.stringify(value) : value;
    default:
      return value;
  }
}
