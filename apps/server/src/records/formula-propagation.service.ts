import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type AppDefinition } from '@lowcode/app-model';
import { type EntityManager } from 'typeorm';
import { type RecordChangeEvent, RecordEventDispatcher } from '../jobs/record-events';
import { RealtimeService } from '../realtime/realtime.service';
import { systemViewer } from './access/entity-access';
import { type CatalogApp, EntityCatalogService, type ResolvedEntity } from './entity-catalog.service';
import { formulaColumns, outOfDate, storeRecomputed } from './formula-recompute';
import { selectList, toRecordDtos } from './record-reader';
import { type WriteContext } from './record-writer';
import { type FormulaReach, formulaReaches } from './utils/formula-dependencies';
import { columnSql } from './utils/record-values';

/** The write path of a recomputed formula, as history and rules see it. */
export const FORMULA_SOURCE = 'formula';
/** Records read, recomputed and written back in one statement. */
const BATCH = 500;

type Chain = RecordChangeEvent['ruleChain'];

/**
 * Keeps stored formulas true when what they read from other rows changes (see `formulaReaches`): after a
 * write commits, the outbox hands it here, and the formulas of the records it reaches are recomputed under
 * their row locks and stored with a change-log row of their own (source `formula`, no actor, the same
 * version). That row is an event like any other: rules see the new value, the report cache moves on, and a
 * formula reading this one is reached in turn. Each entity is recomputed at most once per chain of such
 * writes (its link in the chain), so formulas reading each other across entities cannot loop.
 */
@Injectable()
export class FormulaPropagation implements OnModuleInit {
  /** Reaches by app id and revision (a revision's definition never changes). */
  private readonly reaches = new Map<string, Map<string, FormulaReach[]>>();

  constructor(
    private readonly dispatcher: RecordEventDispatcher,
    private readonly catalog: EntityCatalogService,
    private readonly realtime: RealtimeService,
  ) {}

  onModuleInit(): void {
    this.dispatcher.subscribe({
      name: 'formulas',
      onRecordChanges: (events, manager, afterCommit) => this.propagate(events, manager, afterCommit),
    });
  }

  async propagate(
    events: RecordChangeEvent[],
    manager: EntityManager,
    afterCommit: (run: () => void) => void,
  ): Promise<void> {
    for (const [appId, ofApp] of groupBy(events, (event) => event.appId)) {
      const app = await this.appOf(appId, manager);
      if (!app || app.reaches.size === 0) continue;
      // Writes of one transaction share their chain; each group is recomputed as one batch.
      for (const ofChain of groupBy(ofApp, (event) => JSON.stringify(event.ruleChain)).values()) {
        const chain = ofChain[0]!.ruleChain;
        const stale = await this.recordsReached(app, ofChain, manager);
        for (const [entityKey, ids] of stale) {
          const link = { ruleKey: `${FORMULA_SOURCE}:${entityKey}`, recordId: '' };
          if (chain.some((each) => each.ruleKey === link.ruleKey)) continue;
          const resolved = await this.catalog.resolveFor(app.catalog, entityKey, manager);
          const changed = await this.recompute(manager, resolved, [...ids], [...chain, link]);
          if (changed.length > 0)
            afterCommit(() =>
              this.realtime.toWorkspace(app.catalog.workspaceId, 'record.changed', {
                app: app.catalog.key,
                entity: entityKey,
                ids: changed,
                type: 'update',
              }),
            );
        }
      }
    }
  }

  /** The records, by entity, whose formulas the writes may have made stale. */
  private async recordsReached(
    app: { catalog: CatalogApp; reaches: Map<string, FormulaReach[]> },
    events: RecordChangeEvent[],
    manager: EntityManager,
  ): Promise<Map<string, Set<string>>> {
    const stale = new Map<string, Set<string>>();
    const mark = (entity: string, ids: Iterable<unknown>) => {
      const set = stale.get(entity) ?? new Set<string>();
      for (const id of ids) if (typeof id === 'string') set.add(id);
      if (set.size > 0) stale.set(entity, set);
    };
    // The written records each reach needs, and (for rollups) the records their relation pointed at before.
    const pending = new Map<FormulaReach, { source: string; written: Set<string>; before: unknown[] }>();
    for (const event of events) {
      for (const reach of app.reaches.get(event.entityKey) ?? []) {
        if (reach.kind === 'self') {
          if (event.type === 'restored') mark(reach.entity, [event.recordId]);
          continue;
        }
        const touched = event.changes.filter((change) => reach.fields.has(change.field));
        const counts =
          reach.kind === 'lookup'
            ? event.type === 'updated' && (reach.fields.size === 0 || touched.length > 0)
            : event.type !== 'updated' || touched.length > 0;
        if (!counts) continue;
        const entry = pending.get(reach) ?? { source: event.entityKey, written: new Set(), before: [] };
        entry.written.add(event.recordId);
        if (reach.kind === 'rollup')
          for (const change of touched) if (change.field === reach.relation) entry.before.push(change.from);
        pending.set(reach, entry);
      }
    }
    for (const [reach, { source, written, before }] of pending) {
      if (reach.kind === 'lookup') {
        const resolved = await this.catalog.resolveFor(app.catalog, reach.entity, manager);
        const link = columnSql('r', reach.relation);
        const rows: { id: string }[] = await manager.query(
          `SELECT r._id AS id FROM ${resolved.table} r
            WHERE r._deleted_at IS NULL AND ${reach.multiple ? `${link} && $1::uuid[]` : `${link} = ANY($1::uuid[])`}`,
          [[...written]],
        );
        mark(
          reach.entity,
          rows.map((row) => row.id),
        );
      } else if (reach.kind === 'rollup') {
        const resolved = await this.catalog.resolveFor(app.catalog, source, manager);
        const rows: { linked: unknown }[] = await manager.query(
          `SELECT ${columnSql('s', reach.relation)} AS linked FROM ${resolved.table} s WHERE s._id = ANY($1::uuid[])`,
          [[...written]],
        );
        mark(reach.entity, [...rows.map((row) => row.linked), ...before].flat());
      }
    }
    return stale;
  }

  /** Recomputes the records' formulas under their row locks, stores those that changed; answers their ids. */
  private async recompute(
    manager: EntityManager,
    resolved: ResolvedEntity,
    ids: string[],
    ruleChain: Chain,
  ): Promise<string[]> {
    const columns = formulaColumns(resolved);
    const context: WriteContext = {
      ...systemViewer(resolved.workspaceId, null),
      locale: 'zh-CN',
      source: FORMULA_SOURCE,
      ruleChain,
    };
    const changed: string[] = [];
    ids.sort();
    for (let from = 0; from < ids.length; from += BATCH) {
      const batch = ids.slice(from, from + BATCH);
      // Locked in id order before reading, so a concurrent edit of one of them is either seen or waits.
      await manager.query(
        `SELECT 1 FROM ${resolved.table} r WHERE r._id = ANY($1::uuid[]) ORDER BY r._id FOR UPDATE`,
        [batch],
      );
      const rows: Record<string, unknown>[] = await manager.query(
        `SELECT ${selectList(resolved)} FROM ${resolved.table} r WHERE r._id = ANY($1::uuid[])`,
        [batch],
      );
      const records = outOfDate(resolved, columns, await toRecordDtos(manager, resolved, rows, false));
      await storeRecomputed(manager, resolved, columns, records, context);
      changed.push(...records.map((record) => record.id));
    }
    return changed;
  }

  private async appOf(
    appId: string,
    manager: EntityManager,
  ): Promise<{ catalog: CatalogApp; reaches: Map<string, FormulaReach[]> } | undefined> {
    const [row] = (await manager.query(
      'SELECT workspace_id, key, revision, storage_schema FROM app WHERE id = $1',
      [appId],
    )) as { workspace_id: string; key: string; revision: number; storage_schema: string | null }[];
    if (!row?.storage_schema) return undefined;
    const catalog: CatalogApp = {
      workspaceId: row.workspace_id,
      id: appId,
      key: row.key,
      revision: row.revision,
      storageSchema: row.storage_schema,
    };
    const cacheKey = `${appId}:${row.revision}`;
    let reaches = this.reaches.get(cacheKey);
    if (!reaches) {
      const [stored] = (await manager.query('SELECT definition FROM app WHERE id = $1 AND revision = $2', [
        appId,
        row.revision,
      ])) as { definition: AppDefinition }[];
      reaches = stored ? formulaReaches(stored.definition) : new Map<string, FormulaReach[]>();
      if (this.reaches.size > 200) this.reaches.clear();
      this.reaches.set(cacheKey, reaches);
    }
    return { catalog, reaches };
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
