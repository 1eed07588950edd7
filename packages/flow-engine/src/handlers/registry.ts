// Every node type has exactly one handler: the mapped type makes a missing one a compile error.
import { actionHandler, endHandler, startHandler, timerHandler } from './basic';
import { type NodeHandler, type NodeHandlers } from './contract';
import { exclusiveGatewayHandler, inclusiveGatewayHandler, parallelGatewayHandler } from './gateways';
import { approvalHandler, userTaskHandler } from './tasks';
import { type FlowNodeType } from '@lowcode/app-model';

export const NODE_HANDLERS: NodeHandlers = {
  start: startHandler,
  userTask: userTaskHandler,
  approval: approvalHandler,
  exclusiveGateway: exclusiveGatewayHandler,
  parallelGateway: parallelGatewayHandler,
  inclusiveGateway: inclusiveGatewayHandler,
  action: actionHandler,
  timer: timerHandler,
  end: endHandler,
};

export function handlerFor<K extends FlowNodeType>(type: K): NodeHandler<K> {
  return NODE_HANDLERS[type];
}
