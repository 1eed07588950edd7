import { Injectable } from '@nestjs/common';
import { type AppDefinition, type Assignee } from '@lowcode/app-model';
import { type AssigneeContext, createGuardedEvaluator } from '@lowcode/flow-engine';
import { type EntityManager } from 'typeorm';
import { PeopleService } from '../../people/people.service';
import { type ResolvedEntity } from '../../records/entity-catalog.service';
import { expandRelations } from '../../records/utils/expand-relations';
import { RecordsService } from '../../records/records.service';
import { chooseAssignee, type DispatchCandidate } from '../utils/auto-dispatch';

/** Where a rule is resolved: the instance's workspace, app and flow, and the definition it runs on. */
export interface AssigneeScope {
  workspaceId: string;
  appId: string;
  appKey: string;
  flowKey: string;
  definition: AppDefinition;
  entityKey: string;
  /** An entity of the app as stored now, resolved once per step. */
  resolveEntity(entityKey: string): Promise<ResolvedEntity>;
}

const evaluate = createGuardedEvaluator();

const values = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter(
    (item): item is string => typeof item === 'string' && item !== '',
  );

/**
 * Turns a node's assignee rule into workspace members (user ids, sorted, so the result is deterministic).
 * Anything that is not a member of the workspace — a stale id, a typo'd username — is dropped; an empty
 * result makes the engine fail the instance with a clear error rather than create a task nobody sees.
 */
@Injectable()
export class FlowAssignees {
  constructor(
    private readonly records: RecordsService,
    private readonly people: PeopleService,
  ) {}

  async resolve(
    manager: EntityManager,
    scope: AssigneeScope,
    rule: Assignee,
    context: AssigneeContext,
  ): Promise<string[]> {
    switch (rule.type) {
      case 'user':
        return this.people.members(manager, scope.workspaceId, rule.users);
      case 'role':
        return this.people.withAppRole(manager, scope.workspaceId, rule.role);
      case 'department':
        return this.people.inDepartment(manager, scope.workspaceId, rule.department);
      case 'manager': {
        // On an escalation, the managers of the overdue assignees; otherwise the starter's or last actor's.
        const whose =
          rule.of === 'assignee'
            ? (context.assignees ?? [])
            : [rule.of === 'actor' ? context.actor : context.starter];
        const managers = new Set<string>();
        for (const user of whose)
          for (const found of await this.people.managerOf(manager, scope.workspaceId, user, rule.level ?? 1))
            managers.add(found);
        return [...managers].sort();
      }
      case 'field':
        return this.members(manager, scope.workspaceId, values(context.record[rule.field]));
      case 'expression': {
        // `record.requester.account` reads through a relation: the related record's values and id.
        const entity = scope.definition.entities.find((candidate) => candidate.key === scope.entityKey);
        const record = entity
          ? await expandRelations(
              scope.definition.entities,
              entity,
              context.record,
              JSON.stringify(rule.expression),
              async (key, id) => {
                const resolved = await scope.resolveEntity(key);
                const [related] = await this.records.findMany(manager, resolved, [id], { display: false });
                return related ? { ...related.values, id: related.id } : undefined;
              },
            )
          : context.record;
        const data = { ...context.variables, variables: context.variables, record, actor: context.actor };
        return this.members(manager, scope.workspaceId, values(evaluate(rule.expression, data)));
      }
      case 'autoDispatch':
        return this.dispatch(manager, scope, rule, context);
    }
  }

  /** Members among ids or usernames (user pickers store ids, hand-written rules often usernames). */
  members(manager: EntityManager, workspaceId: string, idsOrNames: string[]): Promise<string[]> {
    return this.people.members(manager, workspaceId, idsOrNames);
  }

  /** 自动派单: the record's area / category / skill values against members' attributes. */
  private async dispatch(
    manager: EntityManager,
    scope: AssigneeScope,
    rule: Extract<Assignee, { type: 'autoDispatch' }>,
    context: AssigneeContext,
  ): Promise<string[]> {
    const read = (field: string | undefined) => (field ? context.record[field] : undefined);
    const request = {
      area: read(rule.match.area),
      category: read(rule.match.category),
      skill: read(rule.match.skill),
    };
    // A member who declares skills is a dispatch candidate; their load is their open tasks now.
    const rows = (await manager.query(
      `SELECT m.user_id, m.attributes,
              (SELECT count(*) FROM flow_task t
                WHERE t.workspace_id = m.workspace_id AND t.status = 'open' AND t.assignees @> ARRAY[m.user_id])::int AS open_tasks
         FROM workspace_member m WHERE m.workspace_id = $1 AND m.attributes ? 'skills'`,
      [scope.workspaceId],
    )) as { user_id: string; attributes: Record<string, unknown>; open_tasks: number }[];
    const candidates: DispatchCandidate[] = rows.map((row) => ({
      userId: row.user_id,
      attributes: row.attributes,
      openTasks: row.open_tasks,
    }));
    let previous: string | undefined;
    if (rule.strategy === 'roundRobin') {
      const [last] = (await manager.query(
        `SELECT assignees[1] AS user_id FROM flow_task WHERE app_id = $1 AND flow_key = $2 AND node_key = $3
          ORDER BY created_at DESC, id DESC LIMIT 1`,
        [scope.appId, scope.flowKey, context.nodeKey],
      )) as { user_id: string }[];
      previous = last?.user_id;
    }
    const chosen = chooseAssignee(candidates, request, rule.strategy, previous);
    return chosen ? [chosen] : [];
  }
}
