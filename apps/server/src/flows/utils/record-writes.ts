import { type Effect, type EffectType } from '@lowcode/flow-engine';

type UpdateRecord = Extract<Effect, { type: 'updateRecord' }>;

/**
 * Effects that neither read nor write the step's record: a record write may move across them. Task rows,
 * timer jobs, notifications and webhooks carry values the engine has already computed.
 */
export const BESIDE_RECORD: ReadonlySet<EffectType> = new Set<EffectType>([
  'createTask',
  'updateTask',
  'closeTask',
  'cancelTask',
  'scheduleTimer',
  'cancelTimer',
  'notify',
  'callWebhook',
]);

/**
 * One write of the step's record where the engine emitted several with nothing between them that reads the
 * record: the task's form values and the stamps of the action nodes after it (受理 → status, dispatchedAt)
 * become one UPDATE — one new version and one change row that says what the step changed, as a person
 * would read it, instead of a version per node. Only writes of different fields merge: then each field
 * changes once either way, from the same value to the same value, and a status goes through the same
 * transition; two writes of one field (a status moved on twice: 已签约 → 入住中 → 已入住) stay two, so each
 * transition is checked. The write takes the place of the last one it absorbs. A `createRecord`, a sub-flow
 * or the instance's end stays between two writes: what they do may read the record.
 */
export function coalesceRecordWrites(effects: Effect[]): Effect[] {
  const result: Effect[] = [];
  let pending: { index: number; write: UpdateRecord } | undefined;
  for (const effect of effects) {
    if (effect.type === 'updateRecord') {
      let write = effect;
      if (pending && !Object.keys(effect.values).some((field) => field in pending!.write.values)) {
        result.splice(pending.index, 1);
        write = { ...effect, values: { ...pending.write.values, ...effect.values } };
      }
      pending = { index: result.length, write };
      result.push(write);
      continue;
    }
    if (!BESIDE_RECORD.has(effect.type)) pending = undefined;
    result.push(effect);
  }
  return result;
}
