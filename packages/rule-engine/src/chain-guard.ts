// Rules whose actions change records can trigger rules again. The guard bounds such chains: the chain of
// (rule, record) firings that led to an event may not grow past a depth limit or repeat a firing.
import { RuleChainError } from './errors';
import { type RuleChainLink, type RuleEvent } from './types';

export const MAX_RULE_CHAIN_DEPTH = 5;

export type ChainDecision = { ok: true; chain: RuleChainLink[] } | { ok: false; error: RuleChainError };

const describe = (chain: RuleChainLink[]): string =>
  chain.map((link) => `${link.ruleKey}@${link.recordId || '-'}`).join(' → ');

/** The chain of rule firings that caused an event (empty for a person's change or a schedule). */
export function chainOf(event: RuleEvent): RuleChainLink[] {
  return event.type !== 'tick' && event.source.kind === 'rule' ? event.source.chain : [];
}

export class RuleChainGuard {
  constructor(readonly maxDepth: number = MAX_RULE_CHAIN_DEPTH) {}

  /** Whether `next` may fire after `chain`; on success the chain to give the actions' events. */
  check(chain: readonly RuleChainLink[], next: RuleChainLink): ChainDecision {
    const extended = [...chain, next];
    const params = { ruleKey: next.ruleKey, recordId: next.recordId, chain: describe(extended) };
    if (chain.some((link) => link.ruleKey === next.ruleKey && link.recordId === next.recordId))
      return { ok: false, error: new RuleChainError('chainCycle', `rules.${next.ruleKey}`, params) };
    if (extended.length > this.maxDepth) {
      const error = new RuleChainError('chainTooDeep', `rules.${next.ruleKey}`, {
        ...params,
        depth: extended.length,
        limit: this.maxDepth,
      });
      return { ok: false, error };
    }
    return { ok: true, chain: extended };
  }

  /** As check, but throws the RuleChainError. */
  assert(chain: readonly RuleChainLink[], next: RuleChainLink): RuleChainLink[] {
    const decision = this.check(chain, next);
    if (!decision.ok) throw decision.error;
    return decision.chain;
  }
}
