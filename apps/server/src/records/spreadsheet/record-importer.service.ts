import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type FieldDefinition, type Locale, localize } from '@lowcode/app-model';
import { handlerFor, renderMessage } from '@lowcode/form-engine';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { EntityAccess } from '../access/entity-access';
import { AuditService } from '../../audit/audit.service';
import { RealtimeService } from '../../realtime/realtime.service';
import { EntityCatalogService, type ResolvedEntity } from '../entity-catalog.service';
import { WORKSPACE_TIME_ZONE, type WriteContext } from '../record-writer';
import { type EntityRef, RecordsService } from '../records.service';
import { fieldStorage, tableName } from '../utils/entity-storage';
import { sameValue } from '../utils/record-values';
import { quoteIdent, sqlParams } from '../utils/sql';
import { mapColumns } from './column-mapping';
import { readSheetRows, type SheetFormat } from './sheet-reader';

export type ImportMode = 'preview' | 'validOnly' | 'allOrNothing';

export interface RowError {
  row: number;
  field: string;
  column: string;
  message: string;
}

export interface ImportReport {
  mode: ImportMode;
  total: number;
  valid: number;
  invalid: number;
  imported: number;
  /** The first errors, row by row (at most MAX_REPORTED_ERRORS). */
  errors: RowError[];
  columns: { header: string; field: string | null }[];
}

const BATCH_SIZE = 1000;
const MAX_REPORTED_ERRORS = 1000;

interface PendingRow {
  row: number;
  values: Record<string, unknown>;
  /** Relation and user cells still holding titles, resolved per batch. */
  references: { field: FieldDefinition; column: string; titles: string[] }[];
}

/**
 * Spreadsheet import: streams rows, converts cells with the form engine, resolves relation titles, validates
 * every row and reports errors by row, field and reason. `validOnly` imports the good rows, `allOrNothing`
 * nothing if any row is bad; either way in one transaction, batch by batch through the one create path.
 */
@Injectable()
export class RecordImporterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: EntityCatalogService,
    private readonly records: RecordsService,
    private readonly realtime: RealtimeService,
    private readonly audit: AuditService,
  ) {}

  async import(
    context: WriteContext,
    ref: EntityRef,
    file: { path: string; format: SheetFormat },
    options: { mode: ImportMode; mapping?: Record<string, string>; importId?: string },
  ): Promise<ImportReport> {
    await this.records.requireAction(context, ref, 'import');
    await this.records.requireAction(context, ref, 'create');
    const run = async (manager: EntityManager) => {
      const resolved = await this.catalog.resolve(context.workspaceId, ref.appKey, ref.entityKey, manager);
      return this.run(manager, resolved, context, file, options);
    };
    if (options.mode === 'preview') return run(this.dataSource.manager);
    return this.dataSource
      .transaction(async (manager) => {
        const report = await run(manager);
        // Rolling back is how "all or nothing" keeps nothing.
        if (options.mode === 'allOrNothing' && report.invalid > 0) throw new ImportRejected(report);
        await this.audit.record(
          {
            workspaceId: context.workspaceId,
            actorId: context.userId,
            action: 'records.imported',
            target: `${ref.appKey}.${ref.entityKey}`,
            details: {
              mode: options.mode,
              total: report.total,
              imported: report.imported,
              invalid: report.invalid,
            },
          },
          manager,
        );
        return report;
      })
      .catch((error: unknown) => {
        if (error instanceof ImportRejected) return { ...error.report, imported: 0 };
        throw error;
      });
  }

  private async run(
    manager: EntityManager,
    resolved: ResolvedEntity,
    context: WriteContext,
    file: { path: string; format: SheetFormat },
    options: { mode: ImportMode; mapping?: Record<string, string>; importId?: string },
  ): Promise<ImportReport> {
    const report: ImportReport = {
      mode: options.mode,
      total: 0,
      valid: 0,
      invalid: 0,
      imported: 0,
      errors: [],
      columns: [],
    };
    let mapping: ReturnType<typeof mapColumns> | undefined;
    let headers: string[] = [];
    let batch: PendingRow[] = [];
    let columnOf = new Map<string, string>(); // field key → its column header, for error reports
    const addError = (error: RowError) => {
      if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(error);
    };

    const access = EntityAccess.of(context, resolved.app, resolved.entity, resolved.schema);
    const flush = async () => {
      const rows = batch;
      batch = [];
      const valid = await this.validateBatch(manager, resolved, context, rows, addError, columnOf);
      const good = valid.filter((row) =>
        this.mayChoose(access, resolved, row, context.locale, addError, columnOf),
      );
      report.valid += good.length;
      report.invalid += rows.length - good.length;
      if (options.mode !== 'preview' && good.length > 0) {
        const ids = await this.records.insertMany(
          manager,
          resolved,
          { ...context, source: 'import' },
          good.map((row) => row.values),
          (index, field) => `row ${good[index]!.row}: ${field}`,
        );
        await this.refuseOutsideScope(manager, resolved, access, ids, good);
        report.imported += good.length;
      }
      if (options.importId) {
        this.realtime.toUser(context.userId ?? '', 'import.progress', {
          importId: options.importId,
          processed: report.total,
        });
      }
    };

    for await (const { rowNumber, cells } of readSheetRows(file.path, file.format)) {
      if (!mapping) {
        headers = cells.map((cell) => (cell === null || cell === undefined ? '' : String(cell)));
        mapping = mapColumns(resolved.entity, cells, options.mapping);
        report.columns = headers.map((header, index) => ({
          header,
          field: mapping!.columns.get(index)?.key ?? null,
        }));
        columnOf = new Map([...mapping.columns].map(([index, field]) => [field.key, headers[index] ?? '']));
        if (mapping.columns.size === 0) {
          throw new AppError('IMPORT_INVALID', {}, [
            { path: 'file', message: 'no column matches a field of the entity' },
          ]);
        }
        continue;
      }
      if (cells.every((cell) => cell === null || cell === undefined || cell === '')) continue;
      report.total += 1;
      const pending = this.convertRow(rowNumber, cells, mapping.columns, headers, context.locale, addError);
      if (pending) batch.push(pending);
      else report.invalid += 1;
      if (batch.length >= BATCH_SIZE) await flush();
    }
    if (batch.length) await flush();
    report.errors.sort((a, b) => a.row - b.row);
    return report;
  }

  private convertRow(
    row: number,
    cells: unknown[],
    columns: Map<number, FieldDefinition>,
    headers: string[],
    locale: Locale,
    addError: (error: RowError) => void,
  ): PendingRow | undefined {
    const pending: PendingRow = { row, values: {}, references: [] };
    let ok = true;
    for (const [index, field] of columns) {
      const cell = cells[index] ?? null;
      const column = headers[index] ?? '';
      if (isReference(field) && cell !== null && cell !== '') {
        const titles = String(cell)
          .split(/[,，、;；]/)
          .map((title) => title.trim())
          .filter(Boolean);
        pending.references.push({ field, column, titles });
        continue;
      }
      const converted = handlerFor(field).fromCell(cell, field as never);
      if ('error' in converted) {
        ok = false;
        const message = renderMessage(converted.error.code, locale, converted.error.params, {
          label: localize(field.label, locale),
        });
        addError({ row, field: field.key, column, message });
      } else if (converted.value !== null) {
        pending.values[field.key] = converted.value;
      }
    }
    return ok ? pending : undefined;
  }

  /**
   * A row may not set what the importing role may only read — read-only and hidden fields, unless at their
   * default — as a create through the API may not: the spreadsheet is another door to the same records.
   */
  private mayChoose(
    access: EntityAccess,
    resolved: ResolvedEntity,
    row: PendingRow,
    locale: Locale,
    addError: (error: RowError) => void,
    columnOf: Map<string, string>,
  ): boolean {
    const refused = resolved.entity.fields.filter(
      (field) =>
        field.key in row.values &&
        (access.readOnly(field.key) || access.hidden(field.key)) &&
        !sameValue(row.values[field.key], field.defaultValue),
    );
    for (const field of refused) {
      const message = locale === 'en' ? 'your role may not set this field' : '您的角色不能填写此字段';
      addError({ row: row.row, field: field.key, column: columnOf.get(field.key) ?? '', message });
    }
    return refused.length === 0;
  }

  /**
   * Imported rows must land inside the role's create scope, as a record created through the API must; one
   * outside refuses the whole import (its transaction rolls back). A preview writes nothing, so it cannot
   * tell — the scope is judged on the stored row.
   */
  private async refuseOutsideScope(
    manager: EntityManager,
    resolved: ResolvedEntity,
    access: EntityAccess,
    ids: string[],
    rows: PendingRow[],
  ): Promise<void> {
    const params = sqlParams([ids]);
    const scope = access.scopeSql('create', params);
    if (!scope) return;
    const outside: { id: string }[] = await manager.query(
      `SELECT r._id AS id FROM ${resolved.table} r WHERE r._id = ANY($1::uuid[]) AND NOT coalesce(${scope}, false)`,
      params.values,
    );
    if (outside.length === 0) return;
    const rowOf = new Map(ids.map((id, index) => [id, rows[index]!.row]));
    throw new AppError(
      'FORBIDDEN',
      {},
      outside.map(({ id }) => ({
        path: `row ${rowOf.get(id)}`,
        message: 'outside the rows your role may create',
      })),
    );
  }

  /** Resolves titles to ids for the whole batch at once, then validates each row with the form engine. */
  private async validateBatch(
    manager: EntityManager,
    resolved: ResolvedEntity,
    context: WriteContext,
    rows: PendingRow[],
    addError: (error: RowError) => void,
    columnOf: Map<string, string>,
  ): Promise<PendingRow[]> {
    const { locale } = context;
    const idsByTitle = new Map<FieldDefinition, Map<string, string>>();
    for (const field of resolved.entity.fields.filter(isReference)) {
      const titles = [
        ...new Set(
          rows.flatMap((row) =>
            row.references.filter((ref) => ref.field === field).flatMap((ref) => ref.titles),
          ),
        ),
      ];
      if (titles.length) idsByTitle.set(field, await this.lookupTitles(manager, resolved, field, titles));
    }
    const good: PendingRow[] = [];
    for (const row of rows) {
      let ok = true;
      for (const reference of row.references) {
        const known = idsByTitle.get(reference.field) ?? new Map<string, string>();
        const missing = reference.titles.filter((title) => !known.has(title));
        if (missing.length) {
          ok = false;
          const label = localize(reference.field.label, locale);
          const message =
            locale === 'en'
              ? `${label}: no record "${missing.join('", "')}"`
              : `${label}：找不到“${missing.join('”、“')}”`;
          addError({ row: row.row, field: reference.field.key, column: reference.column, message });
          continue;
        }
        const ids = reference.titles.map((title) => known.get(title)!);
        const multiple =
          reference.field.type === 'relation'
            ? reference.field.relation.multiple
            : (reference.field as { multiple?: boolean }).multiple;
        row.values[reference.field.key] = multiple ? ids : ids[0];
      }
      const validation = resolved.compiled.validate(row.values, {
        locale,
        mode: 'create',
        actor: context.userId,
        timeZone: WORKSPACE_TIME_ZONE,
      });
      if (!validation.ok) {
        ok = false;
        // A missing reference already explains its field; "is required" on top would only be noise.
        const explained = new Set(
          row.references.map((ref) => ref.field.key).filter((key) => !(key in row.values)),
        );
        for (const error of validation.errors.filter((candidate) => !explained.has(candidate.path))) {
          const column = columnOf.get(error.path.split(/[.[]/)[0]!) ?? '';
          addError({ row: row.row, field: error.path, column, message: error.message });
        }
      }
      if (ok) good.push(row);
    }
    return good;
  }

  /**
   * Title → id for a relation (by the target's title field or id), a user field (by username or name) or a
   * department field (by name or key; its id is its key) — what the export wrote reads back.
   */
  private async lookupTitles(
    manager: EntityManager,
    resolved: ResolvedEntity,
    field: FieldDefinition,
    titles: string[],
  ): Promise<Map<string, string>> {
    if (field.type === 'department') {
      const departments: { key: string; name: string }[] = await manager.query(
        'SELECT key, name FROM department WHERE workspace_id = $1 AND (key = ANY($2) OR name = ANY($2))',
        [resolved.workspaceId, titles],
      );
      const map = new Map(departments.map((department) => [department.key, department.key]));
      for (const department of departments)
        if (!map.has(department.name)) map.set(department.name, department.key);
      return map;
    }
    if (field.type !== 'relation') {
      const users: { id: string; username: string; display_name: string }[] = await manager.query(
        `SELECT u.id, u.username, u.display_name FROM workspace_member m JOIN app_user u ON u.id = m.user_id
          WHERE m.workspace_id = $1 AND (u.username = ANY($2) OR u.display_name = ANY($2))`,
        [resolved.workspaceId, titles],
      );
      return new Map(
        users.flatMap(
          (user) =>
            [
              [user.username, user.id],
              [user.display_name, user.id],
            ] as [string, string][],
        ),
      );
    }
    const target = resolved.app.entities.find((entity) => entity.key === field.relation.entity)!;
    const titleField = target.fields.find(
      (candidate) => candidate.key === (target.titleField ?? target.fields[0]?.key),
    );
    const storage = titleField && fieldStorage(titleField);
    const title = storage?.kind === 'column' ? `${quoteIdent(storage.column)}::text` : '_id::text';
    const rows: { id: string; title: string }[] = await manager.query(
      `SELECT _id AS id, ${title} AS title FROM ${tableName(resolved.schema, target.key)}
        WHERE _deleted_at IS NULL AND (${title} = ANY($1) OR _id::text = ANY($1))`,
      [titles],
    );
    const map = new Map<string, string>();
    for (const row of rows) {
      map.set(row.id, row.id);
      if (!map.has(row.title)) map.set(row.title, row.id);
    }
    return map;
  }
}

const isReference = (field: FieldDefinition) =>
  field.type === 'relation' || field.type === 'user' || field.type === 'department';

class ImportRejected extends Error {
  constructor(readonly report: ImportReport) {
    super('import rejected');
  }
}
