import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AppChange,
  type AppDefinition,
  canonicalizeAppDefinition,
  diffAppDefinitions,
  keepCustomizations,
  type Locale,
  validateAppDefinition,
} from '@lowcode/app-model';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { RealtimeService } from '../realtime/realtime.service';
import {
  type FormulaRecompute,
  RecordStorageService,
  type StorageImpact,
} from '../records/record-storage.service';
import { RecordsService } from '../records/records.service';
import { AuditService } from '../audit/audit.service';
import { loadSeedRecords, type SeedRecords, type SeedTarget } from '../records/seed-loader';
import { App } from './app.entity';
import { AppRevision } from './app-revision.entity';
import { type AppSummary, toAppSummary } from './app-summary';

export type ImportAction = 'create' | 'update' | 'unchanged';

export interface ImportResult {
  dryRun: boolean;
  appKey: string;
  action: ImportAction;
  changes: AppChange[];
  /** Existing records that the new definition would refuse (dry run of an upgrade). */
  impact?: StorageImpact[];
  /** Entities of an upgrade whose formulas changed, with the stored records they were recomputed over. */
  formulasRecomputed?: FormulaRecompute[];
  app?: AppSummary;
}

export interface ImportOptions {
  dryRun: boolean;
  locale: Locale;
  /** Optimistic concurrency: the revision the caller based the import on (0 for a new app). */
  expectedRevision?: number;
  /** Runs in the import's transaction after a new app's tables exist (e.g. to load demo data). */
  onCreated?: (manager: EntityManager, target: SeedTarget) => Promise<void>;
  /**
   * A template's upgrade: what the installed app has beside the incoming definition (the customer's own
   * fields, entities, flows …) is kept, see `keepCustomizations`.
   */
  keepCustomizations?: boolean;
}

/** Who acts, in which workspace (and from where, over HTTP); the API and the CLI both pass one. */
export interface Actor {
  workspaceId: string;
  userId: string | null;
  ip?: string;
}

@Injectable()
export class AppsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly realtime: RealtimeService,
    private readonly storage: RecordStorageService,
    private readonly records: RecordsService,
    private readonly audit: AuditService,
  ) {}

  async list(workspaceId: string): Promise<AppSummary[]> {
    const apps = await this.dataSource
      .getRepository(App)
      .find({ where: { workspaceId }, order: { key: 'ASC' } });
    return apps.map(toAppSummary);
  }

  async get(workspaceId: string, key: string): Promise<App> {
    const app = await this.dataSource.getRepository(App).findOneBy({ workspaceId, key });
    if (!app) throw new AppError('APP_NOT_FOUND', { key });
    return app;
  }

  /** The canonical text, so export → import → export is byte-identical. */
  async export(workspaceId: string, key: string): Promise<string> {
    return (await this.get(workspaceId, key)).definitionText;
  }

  /**
   * Validates, then creates or upgrades the app in one transaction; an invalid definition changes nothing.
   * A dry run answers what the import would add, change or remove.
   */
  async import(actor: Actor, input: unknown, options: ImportOptions): Promise<ImportResult> {
    const validation = validateAppDefinition(input, { locale: options.locale });
    if (!validation.ok) {
      throw new AppError(
        'APP_DEFINITION_INVALID',
        { count: validation.errors.length },
        validation.errors.map(({ path, message }) => ({ path, message })),
      );
    }

    const result = await this.dataSource.transaction(async (manager) => {
      const existing = await this.findForImport(
        manager,
        actor.workspaceId,
        validation.app.key,
        !options.dryRun,
      );
      checkExpectedRevision(validation.app.key, existing, options.expectedRevision);
      const previous = existing ? (JSON.parse(existing.definitionText) as AppDefinition) : null;
      const definition =
        options.keepCustomizations && previous
          ? withCustomizations(validation.app, previous, options.locale)
          : validation.app;
      const text = canonicalizeAppDefinition(definition);
      const changes = diffAppDefinitions(previous, definition, { locale: options.locale });
      const action: ImportAction = !existing
        ? 'create'
        : existing.definitionText === text
          ? 'unchanged'
          : 'update';
      if (options.dryRun || action === 'unchanged') {
        const impact =
          existing && previous && action === 'update'
            ? await this.storage.impact(manager, existing, previous, definition, options.locale)
            : undefined;
        return {
          dryRun: options.dryRun,
          appKey: definition.key,
          action,
          changes,
          impact,
          app: existing && toAppSummary(existing),
        };
      }
      const saved = await this.save(manager, actor, existing, definition, text);
      saved.storageSchema = await this.storage.sync(manager, saved, previous, definition);
      await manager.getRepository(App).update({ id: saved.id }, { storageSchema: saved.storageSchema });
      const formulasRecomputed = previous
        ? await this.storage.recomputeFormulas(
            manager,
            { ...saved, storageSchema: saved.storageSchema },
            previous,
            definition,
          )
        : undefined;
      const target: SeedTarget = {
        workspaceId: actor.workspaceId,
        appId: saved.id,
        appKey: saved.key,
        revision: saved.revision,
        schema: saved.storageSchema,
        app: definition,
      };
      if (action === 'create' && options.onCreated) await options.onCreated(manager, target);
      if (action === 'create' && definition.seed) {
        // Seed records come with the first import only; an upgrade never duplicates or overwrites data.
        await loadSeedRecords(manager, this.records, target, definition.seed as SeedRecords, {
          userId: actor.userId,
          locale: options.locale,
          source: 'seed',
        });
      }
      await this.audit.record(
        {
          workspaceId: actor.workspaceId,
          actorId: actor.userId,
          action: 'app.imported',
          target: definition.key,
          details: { action, revision: saved.revision, version: definition.version, changes: changes.length },
          ip: actor.ip,
        },
        manager,
      );
      await manager.getRepository(AppRevision).insert({
        workspaceId: actor.workspaceId,
        appId: saved.id,
        revision: saved.revision,
        version: definition.version,
        definitionText: text,
        changes: diffAppDefinitions(previous, definition, { locale: 'en' }),
        createdBy: actor.userId,
      });
      return {
        dryRun: false,
        appKey: definition.key,
        action,
        changes,
        formulasRecomputed,
        app: toAppSummary(saved),
      };
    });

    if (!result.dryRun && result.action !== 'unchanged') {
      this.realtime.toWorkspace(actor.workspaceId, 'app.changed', { key: result.appKey, action: 'imported' });
    }
    return { ...result, app: result.app ?? undefined };
  }

  async remove(actor: Actor, key: string): Promise<void> {
    const deleted = await this.dataSource.getRepository(App).delete({ workspaceId: actor.workspaceId, key });
    if (!deleted.affected) throw new AppError('APP_NOT_FOUND', { key });
    await this.audit.record({
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'app.deleted',
      target: key,
      ip: actor.ip,
    });
    this.realtime.toWorkspace(actor.workspaceId, 'app.changed', { key, action: 'deleted' });
  }

  /** Locks the row for a real import so two concurrent imports of one app serialize. */
  private findForImport(
    manager: EntityManager,
    workspaceId: string,
    key: string,
    lock: boolean,
  ): Promise<App | null> {
    const query = manager.getRepository(App).createQueryBuilder('app').where({ workspaceId, key });
    return (lock ? query.setLock('pessimistic_write') : query).getOne();
  }

  private async save(
    manager: EntityManager,
    actor: Actor,
    existing: App | null,
    definition: AppDefinition,
    text: string,
  ): Promise<App> {
    const repository = manager.getRepository(App);
    const app =
      existing ??
      repository.create({
        workspaceId: actor.workspaceId,
        key: definition.key,
        revision: 0,
        createdBy: actor.userId,
      });
    Object.assign(app, {
      label: definition.label,
      version: definition.version,
      formatVersion: definition.formatVersion,
      revision: app.revision + 1,
      definition,
      definitionText: text,
      updatedBy: actor.userId,
    });
    // A concurrent first import of the same key loses on the unique (workspace_id, key) constraint.
    return repository.save(app).catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') {
        throw new AppError('APP_REVISION_CONFLICT', { key: definition.key, current: 1, expected: 0 });
      }
      throw error;
    });
  }
}

function checkExpectedRevision(key: string, existing: App | null, expected: number | undefined): void {
  const current = existing?.revision ?? 0;
  if (expected !== undefined && expected !== current) {
    throw new AppError(
      'APP_REVISION_CONFLICT',
      { key, current, expected },
      [],
      existing && toAppSummary(existing),
    );
  }
}

/**
 * The incoming definition with the installed app's own additions kept, validated again: an addition that no
 * longer fits (a customer's rule over a field the new version dropped) is named, and nothing changes.
 */
function withCustomizations(
  incoming: AppDefinition,
  installed: AppDefinition,
  locale: Locale,
): AppDefinition {
  const merged = validateAppDefinition(keepCustomizations(incoming, installed), { locale });
  if (!merged.ok)
    throw new AppError(
      'APP_DEFINITION_INVALID',
      { count: merged.errors.length },
      merged.errors.map(({ path, message }) => ({ path, message })),
    );
  return merged.app;
}
