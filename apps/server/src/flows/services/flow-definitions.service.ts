import { Injectable } from '@nestjs/common';
import { type AppDefinition, type FlowDefinition } from '@lowcode/app-model';
import { type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';

export interface FlowAppRef {
  id: string;
  key: string;
  revision: number;
  /**
   * The app's storage schema, when the row was read in the caller's transaction: `revision` is then the
   * app's current one too, and a step resolves the app's entities without reading the row again.
   */
  storageSchema?: string | null;
}

/**
 * Flow definitions by app revision. A running instance keeps the revision it started on and always reads
 * its flow from that revision's stored definition, so publishing a new version never changes it midway.
 * Revisions are immutable, so the parsed definitions are cached for good (bounded).
 */
@Injectable()
export class FlowDefinitions {
  private readonly cache = new Map<string, AppDefinition>();

  /** The app of the caller's workspace by key, as it is now; another workspace's app is simply not found. */
  async appByKey(manager: EntityManager, workspaceId: string, appKey: string): Promise<FlowAppRef> {
    const [app] = (await manager.query(
      'SELECT id, key, revision, storage_schema AS "storageSchema" FROM app WHERE workspace_id = $1 AND key = $2',
      [workspaceId, appKey],
    )) as FlowAppRef[];
    if (!app) throw new AppError('APP_NOT_FOUND', { key: appKey });
    return app;
  }

  async definition(manager: EntityManager, appId: string, revision: number): Promise<AppDefinition> {
    const cacheKey = `${appId}:${revision}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const [stored] = (await manager.query(
      'SELECT definition_text FROM app_revision WHERE app_id = $1 AND revision = $2',
      [appId, revision],
    )) as { definition_text: string }[];
    let definition: AppDefinition | undefined;
    if (stored) definition = JSON.parse(stored.definition_text) as AppDefinition;
    else {
      // Apps imported before revisions were kept have only their current definition.
      const [current] = (await manager.query('SELECT definition FROM app WHERE id = $1 AND revision = $2', [
        appId,
        revision,
      ])) as { definition: AppDefinition }[];
      definition = current?.definition;
    }
    if (!definition)
      throw new AppError('FLOW_INSTANCE_CONFLICT', { reason: `app revision ${revision} is gone` });
    if (this.cache.size > 200) this.cache.clear();
    this.cache.set(cacheKey, definition);
    return definition;
  }

  flowOf(definition: AppDefinition, flowKey: string): FlowDefinition {
    const flow = (definition.flows ?? []).find((candidate) => candidate.key === flowKey);
    if (!flow) throw new AppError('FLOW_NOT_FOUND', { app: definition.key, flow: flowKey });
    return flow;
  }
}
