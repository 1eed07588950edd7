import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  createFlowRuntime,
  createGuardedEvaluator,
  type FlowInstanceState,
  type FlowRuntime,
  type StepResult,
} from '@lowcode/flow-engine';
import { type DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { Clock } from '../../jobs/clock';
import { FlowEventBus } from '../../jobs/flow-events';
import { type FlowDefinition } from '@lowcode/app-model';
import { EntityCatalogService, type ResolvedEntity } from '../../records/entity-catalog.service';
import { type RecordDto } from '../../records/record-reader';
import { RecordsService } from '../../records/records.service';
import { engineCall } from '../flow.exception';
import { addBusinessTime } from '../utils/business-calendar';
import { decisionRows, TRANSITION_RECORD, transitionRows } from '../utils/step-rows';
import { BusinessCalendar } from './business-calendar.service';
import { FlowAssignees } from './flow-assignees.service';
import { type FlowAppRef, FlowDefinitions } from './flow-definitions.service';
import { FlowEffects } from './flow-effects.service';
import { type Push, type StepScope, type SubFlowStarter } from './flow-step';
import { StepWrites } from '../utils/step-writes';
import { WORKSPACE_TIME_ZONE } from '../../records/record-writer';
import { isUuid } from '../../common/ids';
import { transactionWithPreparedStatements } from '../../database/prepared-statements';

export interface StartRequest {
  workspaceId: string;
  /** The app and the revision whose flow definition the instance will run to its end. */
  app: FlowAppRef;
  flowKey: string;
  recordId: string | null;
  /** The record values when there is no stored record (manual flows, sub-flows on another entity). */
  record?: Record<string, unknown>;
  actor: string;
  variables?: Record<string, unknown>;
  /** Starts at most one instance per flow and key (`change:<id>`, `parent:<effect>`). */
  triggerKey?: string;
  parentInstanceId?: string;
}

/** What a command does with the recovered engine; `state` is the instance as locked (not to be changed). */
export type StepCommand = (runtime: FlowRuntime, state: FlowInstanceState) => Promise<StepResult>;

export interface CommandOptions {
  /** The decision's comment, kept on the task row. */
  comment?: string;
  /** The command brings form values: the step writes the record, so it is read under its row lock. */
  writesRecord?: boolean;
}

export interface StepOutcome {
  instanceId: string;
  state: FlowInstanceState;
  pushes: Push[];
  /** False when a trigger had already started this instance, or a step changed nothing. */
  changed: boolean;
}

interface InstanceRow {
  id: string;
  workspace_id: string;
  app_id: string;
  app_key: string;
  flow_key: string;
  app_revision: number;
  entity_key: string;
  record_id: string | null;
  state: FlowInstanceState;
  lock_version: number;
  /** The app's current revision and storage, which its records are read and written with. */
  app_current_revision: number;
  storage_schema: string | null;
}

const evaluate = createGuardedEvaluator();

/** The record as the engine sees it: its values plus `id`. */
const engineRecord = (record: RecordDto): Record<string, unknown> => ({ ...record.values, id: record.id });

/** Whether a flow has action nodes that write its record (its steps then read the record under lock). */
const updatesRecord = (flow: FlowDefinition): boolean =>
  flow.nodes.some((node) => node.type === 'action' && node.action.type === 'updateRecord');

/**
 * Runs flow instances durably: each command is one transaction that locks the instance row, recovers the
 * engine from the stored state, runs the command, executes its effects and stores the new state with its
 * transitions. A failure anywhere rolls all of it back, so the instance is exactly as before.
 */
@Injectable()
export class FlowRunner {
  private readonly logger = new Logger('FlowRunner');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly definitions: FlowDefinitions,
    private readonly assignees: FlowAssignees,
    private readonly effects: FlowEffects,
    private readonly calendar: BusinessCalendar,
    private readonly catalog: EntityCatalogService,
    private readonly records: RecordsService,
    private readonly events: FlowEventBus,
  ) {}

  /**
   * Runs `work` in a transaction and makes its socket pushes once it has committed. A step's statements are
   * the same texts step after step: they run as prepared statements (database/prepared-statements.ts).
   */
  async transact<T>(work: (manager: EntityManager, pushes: Push[]) => Promise<T>): Promise<T> {
    const pushes: Push[] = [];
    const result = await transactionWithPreparedStatements(this.dataSource, (manager) =>
      work(manager, pushes),
    );
    this.flush(pushes);
    return result;
  }

  flush(pushes: Push[]): void {
    for (const push of pushes) {
      try {
        push();
      } catch (error) {
        this.logger.warn(`Push after commit failed: ${String(error)}`);
      }
    }
  }

  async start(manager: EntityManager, request: StartRequest): Promise<StepOutcome> {
    if (request.triggerKey) {
      const existing = await this.byTrigger(manager, request.app.id, request.flowKey, request.triggerKey);
      if (existing) return { instanceId: existing.id, state: existing.state, pushes: [], changed: false };
    }
    const definition = await this.definitions.definition(manager, request.app.id, request.app.revision);
    const flow = this.definitions.flowOf(definition, request.flowKey);
    const resolveEntity = this.entityResolver(manager, request.workspaceId, request.app);
    let record = request.record ?? {};
    let locked: RecordDto | undefined;
    if (request.recordId) {
      const lock = updatesRecord(flow);
      const stored = await this.stepRecord(manager, await resolveEntity(flow.entity), request.recordId, lock);
      if (!stored) throw new AppError('RECORD_NOT_FOUND');
      record = engineRecord(stored);
      if (lock) locked = stored;
    }
    const scope: StepScope = {
      workspaceId: request.workspaceId,
      appId: request.app.id,
      appKey: request.app.key,
      revision: request.app.revision,
      definition,
      flow,
      flowKey: flow.key,
      entityKey: flow.entity,
      recordId: request.recordId,
      instanceId: randomUUID(),
      actor: request.actor,
      now: this.clock.now(),
      resolveEntity,
      currentRevision: request.app.storageSchema ? request.app.revision : undefined,
    };
    const runtime = await this.runtime(manager, scope);
    const { state, effects, transitions } = await engineCall(() =>
      runtime.start({
        record,
        variables: request.variables,
        actor: request.actor,
        instanceId: scope.instanceId,
      }),
    );
    // The instance and its first transitions in one statement; neither when the trigger already started it.
    const inserted = (await manager.query(
      `WITH inserted AS (
         INSERT INTO flow_instance (id, workspace_id, app_id, flow_key, app_revision, entity_key, record_id, status,
                                    outcome, error, state, started_by, started_at, ended_at, trigger_key,
                                    parent_instance_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (app_id, flow_key, trigger_key) WHERE trigger_key IS NOT NULL DO NOTHING RETURNING id
       ), transitions AS (
         INSERT INTO flow_transition (instance_id, seq, at, actor_id, from_node, to_node, action, data, comment)
         SELECT i.id, t.seq, t.at, t.actor_id, t.from_node, t.to_node, t.action, t.data, t.comment
           FROM inserted i, jsonb_to_recordset($17::jsonb) AS t (${TRANSITION_RECORD})
       )
       SELECT id FROM inserted`,
      [
        scope.instanceId,
        scope.workspaceId,
        scope.appId,
        flow.key,
        scope.revision,
        flow.entity,
        scope.recordId,
        state.status,
        state.outcome ?? null,
        state.error ?? null,
        JSON.stringify(state),
        isUuid(request.actor) ? request.actor : null,
        state.startedAt,
        state.endedAt ?? null,
        request.triggerKey ?? null,
        request.parentInstanceId ?? null,
        JSON.stringify(transitionRows(transitions)),
      ],
    )) as { id: string }[];
    if (inserted.length === 0) {
      // Another server started it from the same trigger between our check and our insert.
      const existing = await this.byTrigger(manager, request.app.id, request.flowKey, request.triggerKey!);
      return { instanceId: existing!.id, state: existing!.state, pushes: [], changed: false };
    }
    await this.events.publish({ ...this.effects.eventOf(scope), event: 'instanceStarted' }, manager);
    const pushes = await this.effects.execute(manager, scope, effects, this.startSubFlow, { record: locked });
    return { instanceId: scope.instanceId, state, pushes, changed: true };
  }

  /**
   * One command on a stored instance, under its row lock. The engine sees the record as stored now (people
   * and rules may have changed it since the last step), and the decision's comment lands on the task row.
   */
  async command(
    manager: EntityManager,
    workspaceId: string,
    instanceId: string,
    actor: string,
    run: StepCommand,
    options: CommandOptions = {},
  ): Promise<StepOutcome> {
    if (!isUuid(instanceId)) throw new AppError('FLOW_INSTANCE_NOT_FOUND');
    const [row] = await this.lockInstance(manager, 'i.id = $1', [instanceId, workspaceId]);
    if (!row) throw new AppError('FLOW_INSTANCE_NOT_FOUND');
    return this.step(manager, row, actor, run, options);
  }

  /**
   * A command on the instance a task belongs to, found and locked in one query; undefined when the task is
   * none of an instance in the workspace (a standalone task, or no task at all).
   */
  async commandOnTask(
    manager: EntityManager,
    workspaceId: string,
    taskId: string,
    actor: string,
    run: StepCommand,
    options: CommandOptions = {},
  ): Promise<StepOutcome | undefined> {
    if (!isUuid(taskId)) return undefined;
    const [row] = await this.lockInstance(
      manager,
      'i.id = (SELECT t.instance_id FROM flow_task t WHERE t.id = $1 AND t.workspace_id = $2)',
      [taskId, workspaceId],
    );
    return row && this.step(manager, row, actor, run, options);
  }

  /** The instance row under its lock, with its app's key and current storage ($2 is the workspace). */
  private lockInstance(manager: EntityManager, which: string, params: [string, string]) {
    return manager.query(
      `SELECT i.id, i.workspace_id, i.app_id, a.key AS app_key, i.flow_key, i.app_revision, i.entity_key, i.record_id,
              i.state, i.lock_version, a.revision AS app_current_revision, a.storage_schema
         FROM flow_instance i JOIN app a ON a.id = i.app_id
        WHERE ${which} AND i.workspace_id = $2 FOR UPDATE OF i`,
      params,
    ) as Promise<InstanceRow[]>;
  }

  private async step(
    manager: EntityManager,
    row: InstanceRow,
    actor: string,
    run: StepCommand,
    { comment, writesRecord }: CommandOptions,
  ): Promise<StepOutcome> {
    const { workspace_id: workspaceId, id: instanceId } = row;
    const definition = await this.definitions.definition(manager, row.app_id, row.app_revision);
    const flow = this.definitions.flowOf(definition, row.flow_key);
    const resolveEntity = this.entityResolver(manager, workspaceId, {
      id: row.app_id,
      key: row.app_key,
      revision: row.app_current_revision,
      storageSchema: row.storage_schema,
    });
    const scope: StepScope = {
      workspaceId,
      appId: row.app_id,
      appKey: row.app_key,
      revision: row.app_revision,
      definition,
      flow,
      flowKey: flow.key,
      entityKey: row.entity_key,
      recordId: row.record_id,
      instanceId,
      actor,
      now: this.clock.now(),
      resolveEntity,
      currentRevision: row.storage_schema ? row.app_current_revision : undefined,
    };
    const before = row.state;
    let current = before;
    let locked: RecordDto | undefined;
    if (row.record_id && before.status === 'running') {
      const resolved = await resolveEntity(row.entity_key);
      const lock = writesRecord === true || updatesRecord(flow);
      const stored = await this.stepRecord(manager, resolved, row.record_id, lock);
      if (stored) current = { ...before, record: engineRecord(stored) };
      if (lock) locked = stored;
    }
    const runtime = await this.runtime(manager, scope);
    runtime.recover(current);
    const { state, effects, transitions } = await engineCall(() => run(runtime, current));
    if (effects.length === 0 && transitions.length === 0)
      return { instanceId, state: before, pushes: [], changed: false };
    const deciders = new Map(decisionRows(before, state).map((row) => [row.id, row.deciders]));
    const writes = new StepWrites();
    const pushes = await this.effects.execute(manager, scope, effects, this.startSubFlow, {
      comment,
      record: locked,
      deciders,
      writes,
      tasks: state.tasks,
    });
    // The step's task and timer writes, its state, its transitions and the deciders of tasks no effect
    // wrote, in one statement — the deciders of a task created in it after the rest.
    if (writes.touchesCreated([...deciders.keys()])) await writes.flush(manager);
    const p = writes.params;
    const [id, stateJson, status, outcome, error, endedAt, lockVersion, transitionsJson, decidersJson] = [
      instanceId,
      JSON.stringify(state),
      state.status,
      state.outcome ?? null,
      state.error ?? null,
      state.endedAt ?? null,
      row.lock_version,
      JSON.stringify(transitionRows(transitions)),
      JSON.stringify([...deciders].map(([task, users]) => ({ id: task, deciders: users }))),
    ].map((value) => p.add(value));
    const statement = `WITH ${writes.ctes()}updated AS (
         UPDATE flow_instance SET state = ${stateJson}, status = ${status}, outcome = ${outcome}, error = ${error},
                ended_at = ${endedAt}, lock_version = lock_version + 1
          WHERE id = ${id} AND lock_version = ${lockVersion} RETURNING id
       ), transitions AS (
         INSERT INTO flow_transition (instance_id, seq, at, actor_id, from_node, to_node, action, data, comment)
         SELECT ${id}, t.seq, t.at, t.actor_id, t.from_node, t.to_node, t.action, t.data, t.comment
           FROM jsonb_to_recordset(${transitionsJson}::jsonb) AS t (${TRANSITION_RECORD})
       ), decisions AS (
         UPDATE flow_task f SET decided_by = d.deciders
           FROM jsonb_to_recordset(${decidersJson}::jsonb) AS d (id uuid, deciders uuid[])
          WHERE f.instance_id = ${id} AND f.id = d.id
       )
       SELECT count(*)::int AS updated FROM updated`;
    const [stored] = (await manager.query(statement, p.values)) as { updated: number }[];
    if (stored?.updated !== 1)
      throw new AppError('FLOW_INSTANCE_CONFLICT', { reason: 'changed concurrently' });
    return { instanceId, state, pushes, changed: true };
  }

  private async runtime(manager: EntityManager, scope: StepScope): Promise<FlowRuntime> {
    const calendar = await this.calendar.exceptions(manager);
    return createFlowRuntime(
      scope.flow,
      {
        // One instant per step: every date the step writes (tasks, timers, transitions) agrees.
        now: () => scope.now,
        newId: randomUUID,
        timeZone: WORKSPACE_TIME_ZONE,
        evaluate,
        resolveAssignees: (rule, context) => this.assignees.resolve(manager, scope, rule, context),
        businessCalendar: (start, duration) => addBusinessTime(start, duration, calendar),
      },
      // Overdue work goes to whom the SLA escalates to (a manager can then re-dispatch it), marked urgent.
      { version: scope.revision, escalation: { reassign: true, raisePriority: true } },
    );
  }

  /** Sub-flows run on the parent's app revision, on the parent's record when they share its entity. */
  private readonly startSubFlow: SubFlowStarter = async (manager, scope, effect) => {
    const child = this.definitions.flowOf(scope.definition, effect.flow);
    const sameRecord = child.entity === scope.entityKey;
    const outcome = await this.start(manager, {
      workspaceId: scope.workspaceId,
      app: { id: scope.appId, key: scope.appKey, revision: scope.revision },
      flowKey: effect.flow,
      recordId: sameRecord ? scope.recordId : null,
      record: effect.record,
      actor: scope.actor,
      triggerKey: `parent:${effect.idempotencyKey}`,
      parentInstanceId: scope.instanceId,
    });
    return outcome.pushes;
  };

  private async byTrigger(manager: EntityManager, appId: string, flowKey: string, triggerKey: string) {
    const [row] = (await manager.query(
      'SELECT id, state FROM flow_instance WHERE app_id = $1 AND flow_key = $2 AND trigger_key = $3',
      [appId, flowKey, triggerKey],
    )) as { id: string; state: FlowInstanceState }[];
    return row;
  }

  /** The record as the engine sees it: its values plus `id`; undefined when it is gone. */
  async loadRecord(
    manager: EntityManager,
    workspaceId: string,
    appKey: string,
    entityKey: string,
    recordId: string,
  ): Promise<Record<string, unknown> | undefined> {
    if (!isUuid(recordId)) return undefined;
    const resolved = await this.catalog.resolve(workspaceId, appKey, entityKey, manager);
    const stored = await this.stepRecord(manager, resolved, recordId, false);
    return stored && engineRecord(stored);
  }

  /**
   * The record a step runs on; undefined when it is gone. A step that may write it reads it under its row
   * lock: the engine then decides on the record its writes patch, and the first write reads nothing again.
   */
  private async stepRecord(
    manager: EntityManager,
    resolved: ResolvedEntity,
    recordId: string,
    lock: boolean,
  ): Promise<RecordDto | undefined> {
    if (!isUuid(recordId)) return undefined;
    const [record] = lock
      ? [await this.records.readForUpdate(manager, resolved, recordId)]
      : await this.records.findMany(manager, resolved, [recordId], { display: false });
    return record && !record.deletedAt ? record : undefined;
  }

  /**
   * The app's entities as stored now, resolved at most once per entity in a step: from the app row the
   * step read in its transaction when `app` carries its storage schema, else with one query. Never kept
   * beyond the step.
   */
  private entityResolver(
    manager: EntityManager,
    workspaceId: string,
    app: FlowAppRef,
  ): (entityKey: string) => Promise<ResolvedEntity> {
    const { storageSchema } = app;
    const resolved = new Map<string, Promise<ResolvedEntity>>();
    return (entityKey) => {
      let entity = resolved.get(entityKey);
      if (!entity) {
        entity = storageSchema
          ? this.catalog.resolveFor({ ...app, workspaceId, storageSchema }, entityKey, manager)
          : this.catalog.resolve(workspaceId, app.key, entityKey, manager);
        resolved.set(entityKey, entity);
      }
      return entity;
    };
  }
}
