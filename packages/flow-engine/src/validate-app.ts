// Checks that need the whole app: the entities, fields, roles and flows a flow's nodes name.
import { type AppDefinition, type Assignee, type FlowDefinition, type FlowNode } from '@lowcode/app-model';
import { type Problem, nodePath, problem } from './problems';

function assigneeProblems(
  rule: Assignee | undefined,
  where: string,
  node: FlowNode,
  ctx: AppCheck,
): Problem[] {
  if (!rule) return [];
  if (rule.type === 'role' && !ctx.roles.has(rule.role))
    return [problem(where, 'roleUnknown', { node: node.key, role: rule.role })];
  if (rule.type === 'field') return ctx.field(where, node, rule.field);
  if (rule.type === 'autoDispatch')
    return Object.values(rule.match).flatMap((field) => (field ? ctx.field(where, node, field) : []));
  return [];
}

interface AppCheck {
  roles: Set<string>;
  field(where: string, node: FlowNode, field: string): Problem[];
}

export function validateAgainstApp(flow: FlowDefinition, app: AppDefinition): Problem[] {
  const entity = app.entities.find((candidate) => candidate.key === flow.entity);
  const fields = new Set(entity?.fields.map((field) => field.key) ?? []);
  const ctx: AppCheck = {
    roles: new Set(app.roles.map((role) => role.key)),
    field: (where, node, field) =>
      entity && !fields.has(field)
        ? [problem(where, 'fieldUnknown', { node: node.key, field, entity: flow.entity })]
        : [],
  };
  const problems: Problem[] = [];
  for (const node of flow.nodes) {
    const at = (...rest: string[]) => nodePath(flow, node, ...rest);
    if (node.type === 'userTask' || node.type === 'approval') {
      problems.push(...assigneeProblems(node.assignee, at('assignee'), node, ctx));
      problems.push(...assigneeProblems(node.sla?.escalate?.to, at('sla', 'escalate', 'to'), node, ctx));
      for (const field of [...(node.form?.editable ?? []), ...(node.form?.visible ?? [])])
        problems.push(...ctx.field(at('form'), node, field));
    }
    if (node.type === 'approval')
      (node.cc ?? []).forEach((rule, index) =>
        problems.push(...assigneeProblems(rule, at(`cc[${index}]`), node, ctx)),
      );
    if (node.type === 'timer' && node.untilField !== undefined)
      problems.push(...ctx.field(at('untilField'), node, node.untilField));
    if (node.type !== 'action') continue;
    const { action } = node;
    if (action.type === 'createRecord' && !app.entities.some((candidate) => candidate.key === action.entity))
      problems.push(
        problem(at('action', 'entity'), 'entityUnknown', { node: node.key, entity: action.entity }),
      );
    if (action.type === 'createRecord' && action.resultField !== undefined) {
      const receiver = entity?.fields.find((field) => field.key === action.resultField);
      if (
        entity &&
        (receiver?.type !== 'relation' ||
          receiver.relation.multiple ||
          receiver.relation.entity !== action.entity)
      )
        problems.push(
          problem(at('action', 'resultField'), 'resultFieldInvalid', {
            node: node.key,
            field: action.resultField,
            entity: flow.entity,
            target: action.entity,
          }),
        );
    }
    if (action.type === 'updateRecord')
      for (const field of Object.keys(action.values))
        problems.push(...ctx.field(at('action', 'values'), node, field));
    if (action.type === 'notify')
      problems.push(...assigneeProblems(action.to, at('action', 'to'), node, ctx));
    if (action.type === 'subFlow' && !app.flows.some((candidate) => candidate.key === action.flow))
      problems.push(problem(at('action', 'flow'), 'flowUnknown', { node: node.key, flow: action.flow }));
  }
  return problems;
}
