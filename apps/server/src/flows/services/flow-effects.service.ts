import { Injectable } from '@nestjs/common';
import { type LocalizedText } from '@lowcode/app-model';
import { type Effect, type EffectType, type NotifyReason, type TaskState } from '@lowcode/flow-engine';
import { type EntityManager } from 'typeorm';
import { JobQueue } from '../../jobs/job-queue';
import { FlowEventBus, type FlowLifecycleEvent } from '../../jobs/flow-events';
import { NotificationService } from '../../notifications/notification.service';
import { RealtimeService } from '../../realtime/realtime.service';
import { systemViewer } from '../../records/access/entity-access';
import { type RecordDto } from '../../records/record-reader';
import { type WriteContext } from '../../records/record-writer';
import { RecordsService } from '../../records/records.service';
import { type SqlParams, sqlParams } from '../../records/utils/sql';
import {
  type Push,
  type StepScope,
  type SubFlowStarter,
  TIMER_QUEUE,
  timerJobKey,
  WEBHOOK_QUEUE,
} from './flow-step';
import { fillTemplate } from '../../notifications/fill-template';
import { relationIds } from '../../records/utils/record-values';
import { BESIDE_RECORD, coalesceRecordWrites } from '../utils/record-writes';
import { type StepWrites } from '../utils/step-writes';
import { isUuid } from '../../common/ids';

type EffectOf<K extends EffectType> = Extract<Effect, { type: K }>;
interface EffectRun {
  manager: EntityManager;
  scope: StepScope;
  pushes: Push[];
  startSubFlow: SubFlowStarter;
  /** The comment of the decision that closed a task, kept on the task row. */
  comment?: string;
  /**
   * Who has decided each task whose deciders changed in the step; a task row the step writes anyway takes
   * them in that write, and its entry is removed (the runner writes those left).
   */
  deciders: Map<string, string[]>;
  /**
   * The step's record as stored, while nothing may have written it since: read under its row lock before
   * the step, or as the step's last `updateRecord` left it.
   */
  record?: RecordDto;
  /**
   * The step's task and timer writes, when the runner sends them with the state it stores (see StepWrites);
   * without it, each is a statement of its own.
   */
  writes?: StepWrites;
  /** The tasks as the step leaves them: whom a task closed in a deferred write is announced to. */
  tasks?: readonly TaskState[];
}
type TimerEffect = EffectOf<'scheduleTimer'> | EffectOf<'cancelTimer'>;
/** Each executor writes its effect with the timer effects it carries (see CARRIES) in one statement. */
type EffectExecutors = {
  [K in EffectType]: (effect: EffectOf<K>, run: EffectRun, timers: TimerEffect[]) => Promise<void>;
};

/**
 * Effects after which the record as the step's last `updateRecord` left it is still as stored: those that
 * never touch it, and `updateRecord` itself (it answers the record it leaves).
 */
const KEEP_RECORD = new Set<EffectType>([...BESIDE_RECORD, 'updateRecord']);

/** Effects written in the step's batch of task and timer writes when the runner gathers one. */
const DEFERRABLE = new Set<EffectType>([
  'createTask',
  'closeTask',
  'cancelTask',
  'scheduleTimer',
  'cancelTimer',
]);
/** Effects that read no task row nor timer job: the batch gathered before them need not be sent first. */
const BESIDE_TASKS = new Set<EffectType>([...DEFERRABLE, 'updateRecord', 'notify', 'callWebhook']);

/**
 * The timer effects an effect carries when they come right after it: a task's SLA timers when it opens,
 * their cancellation when it ends, the next timers of a run. They go out in the same statement (the
 * sub-statements of a `WITH` cannot see each other's rows, and these need not), in the step's order.
 */
const CARRIES: Partial<Record<EffectType, TimerEffect['type']>> = {
  createTask: 'scheduleTimer',
  closeTask: 'cancelTimer',
  cancelTask: 'cancelTimer',
  scheduleTimer: 'scheduleTimer',
  cancelTimer: 'cancelTimer',
};

/** The job keys of timers of this step's instance (their dedupe keys in the timer queue). */
const timerKeys = (run: EffectRun, timers: TimerEffect[]) =>
  timers.map((timer) => timerJobKey(run.scope.instanceId, timer.timerId));

const REASON_TITLES: Record<NotifyReason, LocalizedText> = {
  action: { 'zh-CN': '流程通知', en: 'Flow notice' },
  cc: { 'zh-CN': '抄送', en: 'For your information' },
  reminder: { 'zh-CN': '催办', en: 'Reminder' },
  overdue: { 'zh-CN': '已超时', en: 'Overdue' },
  escalation: { 'zh-CN': '超时升级', en: 'Escalated' },
  returned: { 'zh-CN': '已退回', en: 'Returned' },
};

/** The pg driver answers an UPDATE … RETURNING with `[rows, count]`. */
const updatedRows = <T>(result: unknown): T[] => (result as [T[], number])[0];

interface TaskRow {
  id: string;
  assignees: string[];
  status: string;
}

/**
 * Executes the effects of one engine step in the step's transaction: task rows, timer jobs, notifications,
 * record writes, webhook jobs, sub-flows. Whatever fails rolls the whole step back with the state, so an
 * instance never shows a task the engine does not know, nor the other way round.
 */
@Injectable()
export class FlowEffects {
  private readonly executors: EffectExecutors = {
    createTask: (effect, run, timers) => this.createTask(effect, run, timers),
    updateTask: (effect, run) => this.updateTask(effect, run),
    closeTask: (effect, run, timers) =>
      this.endTask(
        run,
        effect.taskId,
        'completed',
        effect.outcome,
        isUuid(run.scope.actor) ? run.scope.actor : null,
        timers,
      ),
    cancelTask: (effect, run, timers) =>
      this.endTask(run, effect.taskId, 'cancelled', effect.reason, null, timers),
    scheduleTimer: (effect, run, timers) => this.writeTimers(run, [effect, ...timers]),
    cancelTimer: (effect, run, timers) => this.writeTimers(run, [effect, ...timers]),
    notify: (effect, run) => this.notify(effect, run),
    createRecord: async (effect, run) => {
      const resolved = await run.scope.resolveEntity(effect.entity);
      await this.records.insert(
        run.manager,
        resolved,
        this.writeContext(run.scope),
        relationIds(resolved.entity, effect.values),
        effect.id,
      );
    },
    updateRecord: (effect, run) => this.updateRecord(effect, run),
    callWebhook: async (effect, run) => {
      const { workspaceId, appId, instanceId } = run.scope;
      await this.jobs.enqueue(
        WEBHOOK_QUEUE,
        {
          workspaceId,
          appId,
          instanceId,
          url: effect.url,
          method: effect.method,
          body: effect.body,
          idempotencyKey: effect.idempotencyKey,
        },
        { dedupeKey: effect.idempotencyKey, maxAttempts: 8 },
        run.manager,
      );
    },
    startSubFlow: async (effect, run) => {
      run.pushes.push(...(await run.startSubFlow(run.manager, run.scope, effect)));
    },
    // The instance row takes status, outcome and end time from the state the runner stores with the step;
    // rules listening for the end hear of it in the same transaction.
    instanceEnded: (effect, run) =>
      this.events.publish(
        { ...this.eventOf(run.scope), event: 'instanceEnded', status: effect.status },
        run.manager,
      ),
  };

  constructor(
    private readonly jobs: JobQueue,
    private readonly notifications: NotificationService,
    private readonly realtime: RealtimeService,
    private readonly records: RecordsService,
    private readonly events: FlowEventBus,
  ) {}

  async execute(
    manager: EntityManager,
    scope: StepScope,
    effects: Effect[],
    startSubFlow: SubFlowStarter,
    options: Pick<EffectRun, 'comment' | 'record' | 'writes' | 'tasks'> &
      Partial<Pick<EffectRun, 'deciders'>> = {},
  ): Promise<Push[]> {
    const run: EffectRun = { manager, scope, pushes: [], startSubFlow, deciders: new Map(), ...options };
    effects = coalesceRecordWrites(effects);
    for (let index = 0; index < effects.length;) {
      const effect = effects[index]!;
      const carried = CARRIES[effect.type];
      let end = index + 1;
      while (carried && end < effects.length && effects[end]!.type === carried) end += 1;
      const timers = effects.slice(index + 1, end) as TimerEffect[];
      if (!KEEP_RECORD.has(effect.type)) run.record = undefined;
      if (run.writes && !BESIDE_TASKS.has(effect.type)) await run.writes.flush(manager);
      await (this.executors[effect.type] as (e: Effect, r: EffectRun, t: TimerEffect[]) => Promise<void>)(
        effect,
        run,
        timers,
      );
      index = end;
    }
    return run.pushes;
  }

  /** The SQL of timer effects (of one type, as CARRIES groups them), its values added to `params`. */
  private timersSql(run: EffectRun, timers: TimerEffect[], params: SqlParams): string | undefined {
    const { workspaceId, instanceId } = run.scope;
    if (timers.length === 0) return undefined;
    if (timers.some((timer) => timer.type !== timers[0]!.type))
      throw new Error('Timers of both kinds in one statement');
    if (timers[0]!.type === 'cancelTimer')
      return this.jobs.cancelSql(TIMER_QUEUE, timerKeys(run, timers), params);
    const jobs = (timers as EffectOf<'scheduleTimer'>[]).map((timer) => ({
      payload: { workspaceId, instanceId, timerId: timer.timerId },
      options: { runAt: new Date(timer.fireAt), dedupeKey: timerJobKey(instanceId, timer.timerId) },
    }));
    return this.jobs.enqueueSql(TIMER_QUEUE, jobs, params);
  }

  private async writeTimers(run: EffectRun, timers: TimerEffect[]): Promise<void> {
    const cancels = timers[0]?.type === 'cancelTimer';
    const writes = await this.deferring(run, cancels ? timerKeys(run, timers) : []);
    if (writes) return this.batchTimers(run, writes, timers);
    const params = sqlParams();
    const sql = this.timersSql(run, timers, params);
    if (sql) await run.manager.query(sql, params.values);
  }

  /** Adds timer writes to the step's batch: the timers it schedules are rows the batch creates. */
  private batchTimers(run: EffectRun, writes: StepWrites, timers: TimerEffect[]): void {
    const sql = this.timersSql(run, timers, writes.params);
    if (sql) writes.add(sql, timers[0]!.type === 'scheduleTimer' ? timerKeys(run, timers) : []);
  }

  /**
   * The batch a write joins, or undefined when it is to run now (the runner gathers none). A write of rows
   * the batch creates sends the batch first: one statement's parts do not see each other's rows.
   */
  private async deferring(run: EffectRun, touched: string[]): Promise<StepWrites | undefined> {
    if (!run.writes) return undefined;
    if (run.writes.touchesCreated(touched)) await run.writes.flush(run.manager);
    return run.writes;
  }

  private writeContext(scope: StepScope): WriteContext {
    const userId = isUuid(scope.actor) ? scope.actor : null;
    return { ...systemViewer(scope.workspaceId, userId), locale: 'zh-CN', source: 'flow' };
  }

  /**
   * A notify action's text with `{{record.field}}` filled from the instance's record as it stands now, the
   * records, people and departments it links to by their titles (新租户 {{record.tenant}} 已签约 → 张三),
   * options by their labels, money and date-times as a person reads them.
   */
  private async filled(template: LocalizedText, run: EffectRun): Promise<LocalizedText> {
    const { scope } = run;
    if (!scope.recordId || !Object.values(template).some((text) => text?.includes('{{'))) return template;
    const resolved = await scope.resolveEntity(scope.entityKey);
    const [record] = await this.records.findMany(run.manager, resolved, [scope.recordId]);
    if (!record) return fillTemplate(template, { record: {} });
    return fillTemplate(
      template,
      { record: { ...record.values, id: record.id } },
      { titles: record.display, entity: resolved.entity, entities: resolved.app.entities },
    );
  }

  private nodeLabel(scope: StepScope, nodeKey: string): LocalizedText {
    return scope.flow.nodes.find((node) => node.key === nodeKey)?.label ?? { 'zh-CN': nodeKey };
  }

  private async createTask(
    effect: EffectOf<'createTask'>,
    run: EffectRun,
    timers: TimerEffect[],
  ): Promise<void> {
    const { scope } = run;
    const node = scope.flow.nodes.find((candidate) => candidate.key === effect.nodeKey);
    // The rule that found the assignees: the node's fallback when its own found no one.
    const rule =
      node && 'assignee' in node ? (effect.fallback ? node.assigneeFallback : node.assignee) : undefined;
    // One task offered to several people that any one of them completes is a group task: it can be claimed.
    const group = effect.mode === 'single' && effect.assignees.length > 1;
    const writes = run.writes;
    const params = writes?.params ?? sqlParams();
    const v = [
      effect.taskId,
      scope.workspaceId,
      scope.appId,
      scope.instanceId,
      scope.flow.key,
      effect.nodeKey,
      effect.kind,
      effect.mode,
      JSON.stringify(effect.label),
      effect.assignees,
      group && rule?.type === 'role' ? rule.role : null,
      effect.dueAt ?? null,
      effect.remindAt ?? null,
      scope.entityKey,
      scope.recordId,
      effect.form ? JSON.stringify(effect.form) : null,
      run.scope.now,
      JSON.stringify(effect.fallback ? { fallback: true } : {}),
    ].map((value) => params.add(value));
    const insert = `INSERT INTO flow_task (id, workspace_id, app_id, instance_id, flow_key, node_key, kind, mode, title,
                              assignees, candidate_role, status, due_at, remind_at, entity_key, record_id, form, created_at,
                              source)
       VALUES (${v[0]}, ${v[1]}, ${v[2]}, ${v[3]}, ${v[4]}, ${v[5]}, ${v[6]}, ${v[7]}, ${v[8]}, ${v[9]}::uuid[], ${v[10]},
               'open', ${v[11]}, ${v[12]}, ${v[13]}, ${v[14]}, ${v[15]}, ${v[16]}, ${v[17]}::jsonb)`;
    // The task and its SLA timers in one statement: the step's, or one of their own.
    if (writes) {
      writes.add(insert, [effect.taskId]);
      this.batchTimers(run, writes, timers);
    } else {
      const withTimers = this.timersSql(run, timers, params);
      await run.manager.query(withTimers ? `WITH task AS (${insert}) ${withTimers}` : insert, params.values);
    }
    const payload = {
      id: effect.taskId,
      app: scope.appKey,
      flow: scope.flow.key,
      instanceId: scope.instanceId,
      title: effect.label,
      dueAt: effect.dueAt ?? null,
    };
    run.pushes.push(() =>
      effect.assignees.forEach((user) => this.realtime.toUser(user, 'task.created', payload)),
    );
  }

  private async updateTask(effect: EffectOf<'updateTask'>, run: EffectRun): Promise<void> {
    const [before] = (await run.manager.query('SELECT assignees FROM flow_task WHERE id = $1', [
      effect.taskId,
    ])) as TaskRow[];
    const rows = updatedRows<TaskRow>(
      await run.manager.query(
        `UPDATE flow_task SET assignees = COALESCE($2::uuid[], assignees), priority = COALESCE($3, priority),
              escalated = COALESCE($4, escalated),
              -- A claim ends when the claimer is no longer among the assignees (transferred, escalated away).
              claimed_by = CASE WHEN $2::uuid[] IS NOT NULL AND NOT (claimed_by = ANY($2::uuid[])) THEN NULL ELSE claimed_by END
        WHERE id = $1 RETURNING id, assignees, status`,
        [effect.taskId, effect.assignees ?? null, effect.priority ?? null, effect.escalated ?? null],
      ),
    );
    this.pushChanged(run, rows[0], before?.assignees ?? []);
    if (effect.escalated) {
      const [task] = (await run.manager.query('SELECT node_key FROM flow_task WHERE id = $1', [
        effect.taskId,
      ])) as {
        node_key: string;
      }[];
      await this.events.publish(
        { ...this.eventOf(run.scope), event: 'taskOverdue', taskKey: task?.node_key },
        run.manager,
      );
    }
  }

  /** The part of a lifecycle event every event of this step shares. */
  eventOf(scope: StepScope): Omit<FlowLifecycleEvent, 'event'> {
    return {
      workspaceId: scope.workspaceId,
      appId: scope.appId,
      flowKey: scope.flowKey,
      instanceId: scope.instanceId,
      entityKey: scope.entityKey,
      recordId: scope.recordId,
      ...(scope.currentRevision !== undefined && {
        app: { key: scope.appKey, revision: scope.currentRevision },
      }),
    };
  }

  private async endTask(
    run: EffectRun,
    taskId: string,
    status: 'completed' | 'cancelled',
    outcome: string,
    completedBy: string | null,
    timers: TimerEffect[],
  ): Promise<void> {
    // The deciders of a task closed by a decision are written with its end: one new version of the row.
    const deciders = run.deciders.get(taskId) ?? null;
    run.deciders.delete(taskId);
    // Deferred only when the step says whom the task was offered to (the push names them).
    const known = run.tasks?.find((task) => task.id === taskId);
    const writes = known && (await this.deferring(run, [taskId, ...timerKeys(run, timers)]));
    const params = writes?.params ?? sqlParams();
    const v = [
      taskId,
      status,
      outcome,
      run.scope.now,
      completedBy,
      status === 'completed' ? (run.comment ?? null) : null,
      deciders,
    ].map((value) => params.add(value));
    const update = `UPDATE flow_task SET status = ${v[1]}, outcome = ${v[2]}, completed_at = ${v[3]}, completed_by = ${v[4]},
              comment = ${v[5]}, decided_by = COALESCE(${v[6]}::uuid[], decided_by)
        WHERE id = ${v[0]} RETURNING id, assignees, status`;
    // The task and the cancellation of its timers in one statement: the step's, or one of their own.
    if (writes) {
      writes.add(update);
      this.batchTimers(run, writes, timers);
      this.pushChanged(run, { id: taskId, assignees: known.assignees, status }, []);
      return;
    }
    const withTimers = this.timersSql(run, timers, params);
    const rows = withTimers
      ? ((await run.manager.query(
          `WITH task AS (${update}), timers AS (${withTimers}) SELECT * FROM task`,
          params.values,
        )) as TaskRow[])
      : updatedRows<TaskRow>(await run.manager.query(update, params.values));
    this.pushChanged(run, rows[0], []);
  }

  private pushChanged(run: EffectRun, row: TaskRow | undefined, previousAssignees: string[]): void {
    if (!row) return;
    const users = [...new Set([...previousAssignees, ...row.assignees])];
    const payload = {
      id: row.id,
      instanceId: run.scope.instanceId,
      status: row.status,
      assignees: row.assignees,
    };
    run.pushes.push(() => users.forEach((user) => this.realtime.toUser(user, 'task.changed', payload)));
  }

  private async notify(effect: EffectOf<'notify'>, run: EffectRun): Promise<void> {
    const { scope } = run;
    const nodeLabel = this.nodeLabel(scope, effect.nodeKey);
    const reason = REASON_TITLES[effect.reason];
    const title: LocalizedText =
      effect.template && effect.reason === 'action'
        ? await this.filled(effect.template, run)
        : {
            'zh-CN': `${reason['zh-CN']}：${nodeLabel['zh-CN']}`,
            en: `${reason.en}: ${nodeLabel.en ?? nodeLabel['zh-CN']}`,
          };
    if (effect.reason === 'cc') {
      await run.manager.query(
        `INSERT INTO flow_task_cc (workspace_id, app_id, instance_id, node_key, user_id, created_at)
         SELECT $1, $2, $3, $4, u.id, $6 FROM unnest($5::uuid[]) AS u (id)
         ON CONFLICT (instance_id, node_key, user_id) DO NOTHING`,
        [scope.workspaceId, scope.appId, scope.instanceId, effect.nodeKey, effect.to, scope.now],
      );
    }
    const push = await this.notifications.create(run.manager, {
      workspaceId: scope.workspaceId,
      userIds: effect.to,
      appId: scope.appId,
      title,
      body: scope.flow.label,
      // A task opens the task; anything else (an action's message, a copy) opens the record it is about.
      link: effect.taskId
        ? { kind: 'task', id: effect.taskId }
        : scope.recordId
          ? { kind: 'record', app: scope.appKey, entity: scope.entityKey, id: scope.recordId }
          : { kind: 'flowInstance', id: scope.instanceId },
      source: {
        flow: scope.flow.key,
        instance: scope.instanceId,
        node: effect.nodeKey,
        reason: effect.reason,
      },
      dedupeKey: effect.idempotencyKey,
    });
    run.pushes.push(push);
  }

  private async updateRecord(effect: EffectOf<'updateRecord'>, run: EffectRun): Promise<void> {
    const { scope } = run;
    // An instance without a stored record (a manual flow) keeps its values in the state only; a record
    // deleted meanwhile is left alone.
    if (!scope.recordId) return;
    // The next updateRecord of the step patches the record as this one left it, without reading it again.
    const resolved = await scope.resolveEntity(scope.entityKey);
    run.record = await this.records.patchCurrent(
      run.manager,
      resolved,
      this.writeContext(scope),
      scope.recordId,
      relationIds(resolved.entity, effect.values),
      run.record,
    );
  }
}
