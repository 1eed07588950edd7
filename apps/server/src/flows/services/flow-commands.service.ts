import { Injectable } from '@nestjs/common';
import { type CommentAudience } from '@lowcode/flow-engine';
import { type EntityManager } from 'typeorm';
import { type AuthContext } from '../../auth/auth-context';
import { AppError } from '../../common/errors/app-error';
import { PeopleService } from '../../people/people.service';
import { Clock } from '../../jobs/clock';
import { RealtimeService } from '../../realtime/realtime.service';
import { EntityCatalogService } from '../../records/entity-catalog.service';
import { RecordsService } from '../../records/records.service';
import { FlowAssignees } from './flow-assignees.service';
import { FlowDefinitions } from './flow-definitions.service';
import { FlowRunner, type StepCommand } from './flow-runner.service';
import { type Push } from './flow-step';
import { isUuid } from '../../common/ids';

export const TASK_ACTIONS = ['complete', 'approve', 'reject', 'return', 'transfer', 'add-signer'] as const;
/**
 * The actions that hand the company's work around — to someone else, or back to an earlier step: not for a
 * member outside the company (an external role). A tenant rating a repair or signing a lease answers the task;
 * what he is unhappy with goes in his answer, which the flow routes (a bad rating to a follow-up).
 */
export const STAFF_ONLY_ACTIONS: ReadonlySet<string> = new Set(['transfer', 'add-signer', 'return']);
export type TaskAction = (typeof TASK_ACTIONS)[number];

export interface TaskActionInput {
  data?: Record<string, unknown>;
  comment?: string;
  commentAudience?: CommentAudience;
  returnTo?: string;
  to?: string;
  users?: string[];
}

export interface InstanceSummary {
  id: string;
  status: string;
  outcome: string | null;
}

interface TaskRow {
  id: string;
  instance_id: string | null;
  kind: string;
  mode: string;
  status: string;
  assignees: string[];
  claimed_by: string | null;
}

/**
 * What people do with flows through the API: start, act on tasks, claim and release group tasks, withdraw
 * and cancel. Permissions beyond the engine's own (the task's assignee, the starter) are checked here;
 * ids of another workspace are simply not found.
 */
@Injectable()
export class FlowCommands {
  constructor(
    private readonly runner: FlowRunner,
    private readonly definitions: FlowDefinitions,
    private readonly assignees: FlowAssignees,
    private readonly records: RecordsService,
    private readonly catalog: EntityCatalogService,
    private readonly realtime: RealtimeService,
    private readonly clock: Clock,
    private readonly people: PeopleService,
  ) {}

  async start(
    auth: AuthContext,
    appKey: string,
    flowKey: string,
    input: { recordId?: string; variables?: Record<string, unknown> },
  ): Promise<InstanceSummary> {
    const outcome = await this.runner.transact(async (manager, pushes) => {
      const app = await this.definitions.appByKey(manager, auth.workspaceId, appKey);
      const definition = await this.definitions.definition(manager, app.id, app.revision);
      const flow = this.definitions.flowOf(definition, flowKey);
      if (!app.storageSchema) throw new AppError('APP_NOT_FOUND', { key: appKey });
      const entity = await this.catalog.resolveFor(
        { ...app, workspaceId: auth.workspaceId, storageSchema: app.storageSchema },
        flow.entity,
        manager,
      );
      // Starting on a record needs the right to see it; starting without one, the right to create one.
      if (input.recordId) await this.records.requireAllowed(manager, auth, entity, 'read', input.recordId);
      else await this.records.requireAllowed(manager, auth, entity, 'create');
      const started = await this.runner.start(manager, {
        workspaceId: auth.workspaceId,
        app,
        flowKey,
        recordId: input.recordId ?? null,
        actor: auth.userId,
        variables: input.variables,
      });
      pushes.push(...started.pushes);
      return started;
    });
    return { id: outcome.instanceId, status: outcome.state.status, outcome: outcome.state.outcome ?? null };
  }

  async act(auth: AuthContext, taskId: string, action: TaskAction, input: TaskActionInput) {
    return this.runner.transact(async (manager, pushes) => {
      // Someone outside the company hands no work around, and writes no note the company keeps from its requesters.
      const internalNote = input.commentAudience === 'internal' && !!input.comment;
      if ((STAFF_ONLY_ACTIONS.has(action) || internalNote) && (await this.people.isExternal(manager, auth)))
        throw new AppError(
          'FORBIDDEN',
          {},
          internalNote
            ? [{ path: 'commentAudience', message: 'internal notes are for the company’s staff' }]
            : [],
        );
      const actor = auth.userId;
      const run: StepCommand = async (runtime, state) => {
        // A task offered to one person has no claim by anyone else: claims need two assignees, and a change
        // of assignees drops the claim of whoever is no longer among them. The state's assignees are the
        // row's (both change in the same steps). Otherwise the claim is read under the instance lock:
        // claims change only while it is held.
        const offered = state.tasks.find((candidate) => candidate.id === taskId)?.assignees ?? [];
        if (offered.length > 1) {
          const current = await this.task(manager, auth.workspaceId, taskId);
          if (current.claimed_by && current.claimed_by !== actor && current.assignees.includes(actor))
            throw new AppError('TASK_CONFLICT', { reason: 'claimed by someone else' });
        }
        const base = { actor, comment: input.comment, commentAudience: input.commentAudience };
        switch (action) {
          case 'complete':
          case 'approve':
          case 'reject':
            return runtime.completeTask(taskId, { ...base, decision: action, data: input.data });
          case 'return':
            if (!input.returnTo)
              throw invalid('returnTo', 'returnTo names the task node to send the work back to');
            return runtime.completeTask(taskId, {
              ...base,
              decision: 'return',
              returnTo: input.returnTo,
              data: input.data,
            });
          case 'transfer': {
            const [to] = await this.memberIds(manager, auth.workspaceId, input.to ? [input.to] : [], 'to');
            return runtime.transferTask(taskId, { ...base, to: to! });
          }
          case 'add-signer': {
            const users = await this.memberIds(manager, auth.workspaceId, input.users ?? [], 'users');
            return runtime.addSigner(taskId, { ...base, users });
          }
        }
      };
      // The task's instance is found and locked in one query; a task of no instance is a standalone one.
      const outcome = await this.runner.commandOnTask(manager, auth.workspaceId, taskId, actor, run, {
        comment: input.comment,
        writesRecord: Object.keys(input.data ?? {}).length > 0,
      });
      if (outcome) {
        pushes.push(...outcome.pushes);
        return { task: taskId, instance: summary(outcome.instanceId, outcome.state) };
      }
      const task = await this.task(manager, auth.workspaceId, taskId);
      if (task.instance_id) throw new AppError('FLOW_INSTANCE_NOT_FOUND');
      if (action !== 'complete')
        throw invalid('decision', `A standalone task can only be completed, not "${action}"`);
      pushes.push(await this.completeStandalone(manager, auth, task, input.comment));
      return { task: taskId, instance: null };
    });
  }

  /** Takes a group task: the others no longer see it in their inbox until it is released. */
  async claim(auth: AuthContext, taskId: string, claim: boolean) {
    return this.runner.transact(async (manager, pushes) => {
      const found = await this.task(manager, auth.workspaceId, taskId);
      // Claims change under the same lock as the engine's steps, so a step never sees half a claim.
      if (found.instance_id)
        await manager.query('SELECT 1 FROM flow_instance WHERE id = $1 FOR UPDATE', [found.instance_id]);
      else await manager.query('SELECT 1 FROM flow_task WHERE id = $1 FOR UPDATE', [taskId]);
      const task = await this.task(manager, auth.workspaceId, taskId);
      if (task.status !== 'open')
        throw new AppError('TASK_CONFLICT', { reason: `the task is ${task.status}` });
      if (!task.assignees.includes(auth.userId)) throw new AppError('FORBIDDEN');
      if (task.mode !== 'single' || task.assignees.length < 2)
        throw invalid('task', 'Only a task offered to a group can be claimed or released');
      if (claim && task.claimed_by && task.claimed_by !== auth.userId)
        throw new AppError('TASK_CONFLICT', { reason: 'claimed by someone else' });
      if (!claim && task.claimed_by !== auth.userId)
        throw new AppError('TASK_CONFLICT', { reason: 'you have not claimed this task' });
      await manager.query('UPDATE flow_task SET claimed_by = $2 WHERE id = $1', [
        taskId,
        claim ? auth.userId : null,
      ]);
      const payload = {
        id: taskId,
        instanceId: task.instance_id,
        status: task.status,
        claimedBy: claim ? auth.userId : null,
      };
      pushes.push(() =>
        task.assignees.forEach((user) => this.realtime.toUser(user, 'task.changed', payload)),
      );
      return { task: taskId, claimedBy: claim ? auth.userId : null };
    });
  }

  async withdraw(auth: AuthContext, instanceId: string): Promise<InstanceSummary> {
    return this.instanceCommand(auth, instanceId, (runtime) => runtime.withdraw(auth.userId));
  }

  async cancel(auth: AuthContext, instanceId: string, reason?: string): Promise<InstanceSummary> {
    return this.instanceCommand(auth, instanceId, (runtime) => runtime.cancel(auth.userId, reason));
  }

  private instanceCommand(auth: AuthContext, instanceId: string, run: StepCommand) {
    return this.runner.transact(async (manager, pushes) => {
      const outcome = await this.runner.command(manager, auth.workspaceId, instanceId, auth.userId, run);
      pushes.push(...outcome.pushes);
      return summary(outcome.instanceId, outcome.state);
    });
  }

  private async task(manager: EntityManager, workspaceId: string, taskId: string): Promise<TaskRow> {
    if (!isUuid(taskId)) throw new AppError('TASK_NOT_FOUND');
    const [task] = (await manager.query(
      `SELECT id, instance_id, kind, mode, status, assignees, claimed_by FROM flow_task
        WHERE id = $1 AND workspace_id = $2`,
      [taskId, workspaceId],
    )) as TaskRow[];
    if (!task) throw new AppError('TASK_NOT_FOUND');
    return task;
  }

  /** Users named by id or username, each a member of the workspace; the field is named when one is not. */
  private async memberIds(manager: EntityManager, workspaceId: string, named: string[], field: string) {
    if (named.length === 0) throw invalid(field, `${field} must name at least one member`);
    const ids: string[] = [];
    for (const [index, name] of named.entries()) {
      const [id] = await this.assignees.members(manager, workspaceId, [name]);
      if (!id)
        throw invalid(
          field === 'to' ? 'to' : `users[${index}]`,
          `"${name}" is not a member of this workspace`,
        );
      ids.push(id);
    }
    return ids;
  }

  private async completeStandalone(
    manager: EntityManager,
    auth: AuthContext,
    task: TaskRow,
    comment?: string,
  ): Promise<Push> {
    await manager.query('SELECT 1 FROM flow_task WHERE id = $1 FOR UPDATE', [task.id]);
    const [current] = (await manager.query('SELECT status, assignees FROM flow_task WHERE id = $1', [
      task.id,
    ])) as TaskRow[];
    if (!current!.assignees.includes(auth.userId)) throw new AppError('FORBIDDEN');
    if (current!.status !== 'open')
      throw new AppError('TASK_CONFLICT', { reason: `the task is ${current!.status}` });
    await manager.query(
      `UPDATE flow_task SET status = 'completed', outcome = 'completed', completed_at = $4, completed_by = $2,
              comment = $3, decided_by = ARRAY[$2]::uuid[]
        WHERE id = $1`,
      [task.id, auth.userId, comment ?? null, this.clock.now()],
    );
    const payload = { id: task.id, instanceId: null, status: 'completed', assignees: current!.assignees };
    return () => current!.assignees.forEach((user) => this.realtime.toUser(user, 'task.changed', payload));
  }
}

const invalid = (path: string, message: string) =>
  new AppError('FLOW_COMMAND_INVALID', { reason: message }, [{ path, message }]);

const summary = (id: string, state: { status: string; outcome?: string }): InstanceSummary => ({
  id,
  status: state.status,
  outcome: state.outcome ?? null,
});
