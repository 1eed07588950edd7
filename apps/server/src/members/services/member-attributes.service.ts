import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type EntityDefinition,
  type LocalizedText,
  type MemberAttributeDefinition,
} from '@lowcode/app-model';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { fieldStorage, tableName } from '../../records/utils/entity-storage';
import { quoteIdent } from '../../records/utils/sql';
import {
  checkDeclaredAttributes,
  type DeclaredAttribute,
  type RecordReference,
  referencesByTarget,
} from '../utils/declared-attributes';
import { type MemberAttributes } from '../utils/member-rules';

/** A member attribute an app of the workspace declares, for the members page. */
export type MemberAttributeOption = MemberAttributeDefinition & {
  app: string;
  appLabel: LocalizedText;
  /** `relation`: the entity whose records the values name, so a picker can search them and show titles. */
  target?: EntityDefinition;
};

interface InstalledApp {
  key: string;
  label: LocalizedText;
  schema: string | null;
  attributes: MemberAttributeDefinition[];
  entities: EntityDefinition[];
}

/**
 * The member attributes the workspace's apps declare (`memberAttributes` of their definitions): what the
 * members page offers, what a member's declared attributes must fit, and the titles of the records that
 * relation attributes name. Attributes no app declares stay free-form (checked by member-rules only).
 */
@Injectable()
export class MemberAttributesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(workspaceId: string, manager: EntityManager = this.dataSource.manager) {
    const apps = await this.installed(manager, workspaceId);
    return apps.flatMap((app) =>
      app.attributes.map((attribute): MemberAttributeOption => {
        const target =
          attribute.type === 'relation'
            ? app.entities.find((entity) => entity.key === attribute.entity)
            : undefined;
        return { ...attribute, app: app.key, appLabel: app.label, ...(target ? { target } : {}) };
      }),
    );
  }

  /**
   * Refuses (400, each problem at its path such as `attributes.projects[1]`) declared attributes that do not
   * fit their declaration, or that name records which do not exist or are deleted.
   */
  async check(manager: EntityManager, workspaceId: string, attributes: MemberAttributes): Promise<void> {
    const apps = await this.installed(manager, workspaceId);
    if (apps.length === 0) return;
    const declared: DeclaredAttribute[] = apps.flatMap((app) =>
      app.attributes.map((definition) => ({ app: app.key, definition })),
    );
    const { problems, references } = checkDeclaredAttributes(attributes, declared);
    const found = await this.existing(manager, apps, references, true);
    for (const reference of references)
      if (!found.has(key(reference.app, reference.entity, reference.id)))
        problems.push({
          path: reference.path,
          message: `"${reference.id}" is no record of ${reference.entity} (app ${reference.app})`,
        });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', {}, problems);
  }

  /**
   * Titles of the records the members' relation attributes name, by id (deleted records keep theirs, so a
   * stale value still reads as what it was). Empty when no app declares a relation attribute.
   */
  async titles(
    manager: EntityManager,
    workspaceId: string,
    members: readonly MemberAttributes[],
  ): Promise<Map<string, string>> {
    const apps = await this.installed(manager, workspaceId);
    if (!apps.some((app) => app.attributes.some((attribute) => attribute.type === 'relation')))
      return new Map();
    const declared = apps.flatMap((app) =>
      app.attributes.map((definition) => ({ app: app.key, definition })),
    );
    const references = members.flatMap(
      (attributes) => checkDeclaredAttributes(attributes, declared).references,
    );
    const found = await this.existing(manager, apps, references, false);
    const titles = new Map<string, string>();
    for (const reference of references) {
      const record = found.get(key(reference.app, reference.entity, reference.id));
      if (record) titles.set(reference.id, record.title);
    }
    return titles;
  }

  /** Apps of the workspace that declare member attributes, with their entities (for relation targets). */
  private async installed(manager: EntityManager, workspaceId: string): Promise<InstalledApp[]> {
    const rows = (await manager.query(
      `SELECT key, label, storage_schema AS schema, definition->'memberAttributes' AS attributes,
          definition->'entities' AS entities
        FROM app WHERE workspace_id = $1 AND jsonb_typeof(definition->'memberAttributes') = 'array'
          AND jsonb_array_length(definition->'memberAttributes') > 0
        ORDER BY key`,
      [workspaceId],
    )) as InstalledApp[];
    return rows;
  }

  /**
   * The referenced records that exist, keyed by app, entity and id, with their titles (the entity's
   * titleField, else its first field). `live` leaves deleted records out. Table and column names come from
   * the stored, validated definition and are quoted; the ids are parameters.
   */
  private async existing(
    manager: EntityManager,
    apps: readonly InstalledApp[],
    references: readonly RecordReference[],
    live: boolean,
  ): Promise<Map<string, { id: string; title: string }>> {
    const found = new Map<string, { id: string; title: string }>();
    for (const group of referencesByTarget(references)) {
      const app = apps.find((candidate) => candidate.key === group.app);
      const entity = app?.entities.find((candidate) => candidate.key === group.entity);
      if (!app?.schema || !entity) continue;
      const titleField = entity.fields.find(
        (field) => field.key === (entity.titleField ?? entity.fields[0]?.key),
      );
      const storage = titleField && fieldStorage(titleField);
      const title = storage?.kind === 'column' ? `${quoteIdent(storage.column)}::text` : '_id::text';
      const rows = (await manager.query(
        `SELECT _id::text AS id, ${title} AS title FROM ${tableName(app.schema, entity.key)}
          WHERE _id = ANY($1::uuid[])${live ? ' AND _deleted_at IS NULL' : ''}`,
        [group.ids],
      )) as { id: string; title: string | null }[];
      for (const row of rows)
        found.set(key(group.app, group.entity, row.id), { id: row.id, title: row.title ?? row.id });
    }
    return found;
  }
}

const key = (app: string, entity: string, id: string) => `${app}\u0000${entity}\u0000${id.toLowerCase()}`;
