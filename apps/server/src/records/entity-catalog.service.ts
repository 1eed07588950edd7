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

/** An app's identity and its current revision and storage, as read from its row. */
export interface CatalogApp {
  workspaceId: string;
  id: string;
  key: string;
  revision: number;
  storageSchema: string;
}

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
    return this.resolveFor(
      { workspaceId, id: app.id, key: appKey, revision: app.revision, storageSchema: app.storage_schema },
      entityKey,
      manager,
    );
  }

  /**
   * The entity of an app whose current revision and storage the caller has just read in its own
   * transaction (a flow step reads them with the instance it locks): the same answer as `resolve`, one
   * query fewer. Cached by app id and revision, so a new revision is never served from an old entry.
   */
  async resolveFor(
    app: CatalogApp,
    entityKey: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ResolvedEntity> {
    const cacheKey = `${app.id}:${app.revision}:${entityKey}`;
    const cached = this.cache.get(cacheKey);
    if (cached && cached.workspaceId === app.workspaceId) return cached;

    // Definition and revision in one read: an import committed since the caller's read is cached under
    // its own revision, never under the one the caller saw.
    const [stored] = (await manager.query(
      'SELECT definition, revision, storage_schema FROM app WHERE id = $1',
      [app.id],
    )) as [{ definition: AppDefinition; revision: number; storage_schema: string | null }?];
    if (!stored?.storage_schema) throw new AppError('APP_NOT_FOUND', { key: app.key });
    const entity = stored.definition.entities.find((candidate) => candidate.key === entityKey);
    if (!entity) throw new AppError('ENTITY_NOT_FOUND', { app: app.key, entity: entityKey });
    const resolved = buildResolvedEntity(
      app.workspaceId,
      app.id,
      app.key,
      stored.revision,
      stored.storage_schema,
      stored.definition,
      entity,
    );
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(`${app.id}:${stored.revision}:${entityKey}`, resolved);
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
