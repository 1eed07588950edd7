// Gateways decide which outgoing edges to take; splitting tokens and joining them is the interpreter's job.
import { type NodeHandler } from './contract';

export const exclusiveGatewayHandler: NodeHandler<'exclusiveGateway'> = {
  validate: () => [],
  enter(ctx) {
    if (ctx.outgoing.length <= 1) return { kind: 'continue' };
    const chosen =
      ctx.outgoing.find(
        (edge) => edge.default !== true && edge.condition !== undefined && ctx.test(edge.condition),
      ) ?? ctx.outgoing.find((edge) => edge.default === true);
    if (!chosen) return { kind: 'error', message: `No branch of gateway "${ctx.node.key}" applies` };
    return { kind: 'continue', edges: [chosen.key] };
  },
};

export const parallelGatewayHandler: NodeHandler<'parallelGateway'> = {
  joins: true,
  validate: () => [],
  enter: () => ({ kind: 'continue' }),
};

export const inclusiveGatewayHandler: NodeHandler<'inclusiveGateway'> = {
  joins: true,
  validate: () => [],
  enter(ctx) {
    if (ctx.outgoing.length <= 1) return { kind: 'continue' };
    // Edges without a condition are always taken; the default only when nothing else is.
    const taken = ctx.outgoing.filter(
      (edge) => edge.default !== true && (edge.condition === undefined || ctx.test(edge.condition)),
    );
    const chosen = taken.length > 0 ? taken : ctx.outgoing.filter((edge) => edge.default === true);
    if (chosen.length === 0)
      return { kind: 'error', message: `No branch of gateway "${ctx.node.key}" applies` };
    return { kind: 'continue', edges: chosen.map((edge) => edge.key) };
  },
};
