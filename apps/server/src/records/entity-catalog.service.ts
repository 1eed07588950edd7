import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AppDefinition, type EntityDefinition } from '@lowcode/app-model';
import { type CompiledEntity, compileEntity } from '@lowcode/form-engine';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { type FieldStorage, type SqlType, fieldStorage, tableName } from './utils/entity-storage';
import { type FieldResolver, type QueryableField } from './utils/record-query';
import { columnSql } from './utils/record-values';

/** Everything the records service needs about one entity of one app revision, built once per revision. */
export interface ResolvedEntity {
  workspaceId: string;
  appId: string;
  appKey: string;
  revision: number;
  schema: string;
  app: AppDefinition;
  entity: EntityDefinition;
  table: string;
  compiled: CompiledEntity;
  storage: Map<string, FieldStorage>;
  /** Field keys and system names (id, createdAt …) the query language may use, as SQL over alias `r`. */
  resolve: FieldResolver;
}

export const RECORD_ALIAS = 'r';

const SYSTEM_QUERY_FIELDS: Record<string, QueryableField> = {
  id: { sql: `${RECORD_ALIAS}._id`, type: 'uuid' },
  createdAt: { sql: `${RECORD_ALIAS}._created_at`, type: 'timestamptz' },
  updatedAt: { sql: `${RECORD_ALIAS}._updated_at`, type: 'timestamptz' },
  createdBy: { sql: `${RECORD_ALIAS}._created_by`, type: 'uuid' },
  updatedBy: { sql: `${RECORD_ALIAS}._updated_by`, type: 'uuid' },
};

@Injectable()
export class EntityCatalogService {
  private readonly cache = new Map<string, ResolvedEntity>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async resolve(
    workspaceId: string,
    appKey: string,
    entityKey: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ResolvedEntity> {
    const rows: { id: string; revision: number; storage_schema: string | null }[] = await manager.query(
      'SELECT id, revision, storage_schema FROM app WHERE workspace_id = $1 AND key = $2',
      [workspaceId, appKey],
    );
    const app = rows[0];
    if (!app || !app.storage_schema) throw new AppError('APP_NOT_FOUND', { key: appKey });
    const cacheKey = `${app.id}:${app.revision}:${entityKey}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;

    const [{ definition }] = (await manager.query('SELECT definition FROM app WHERE id = $1', [app.id])) as [
      { definition: AppDefinition },
    ];
    const entity = definition.entities.find((candidate) => candidate.key === entityKey);
    if (!entity) throw new AppError('ENTITY_NOT_FOUND', { app: appKey, entity: entityKey });
    const resolved = buildResolvedEntity(
      workspaceId,
      app.id,
      appKey,
      app.revision,
      app.storage_schema,
      definition,
      entity,
    );
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(cacheKey, resolved);
    return resolved;
  }
}

export function buildResolvedEntity(
  workspaceId: string,
  appId: string,
  appKey: string,
  revision: number,
  schema: string,
  app: AppDefinition,
  entity: EntityDefinition,
): ResolvedEntity {
  const storage = new Map(entity.fields.map((field) => [field.key, fieldStorage(field)]));
  const resolve: FieldResolver = (key) => {
    if (Object.prototype.hasOwnProperty.call(SYSTEM_QUERY_FIELDS, key)) return SYSTEM_QUERY_FIELDS[key];
    const field = storage.get(key);
    if (!field || field.kind === 'lookup' || field.kind === 'rollup') return undefined;
    const sql =
      field.kind === 'system' ? `${RECORD_ALIAS}.${field.column}` : columnSql(RECORD_ALIAS, field.column);
    return { sql, type: field.sqlType as SqlType };
  };
  return {
    workspaceId,
    appId,
    appKey,
    revision,
    schema,
    app,
    entity,
    table: tableName(schema, entity.key),
    compiled: compileEntity(entity),
    storage,
    resolve,
  };
}
