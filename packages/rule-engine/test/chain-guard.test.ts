import { RuleChainError, RuleChainGuard, chainOf, type RecordEvent } from '../src';

const link = (ruleKey: string, recordId: string) => ({ ruleKey, recordId });

describe('RuleChainGuard', () => {
  const guard = new RuleChainGuard();

  it('lets a first firing through and extends the chain', () => {
    expect(guard.check([], link('a', '1'))).toEqual({ ok: true, chain: [link('a', '1')] });
  });

  it('allows the same rule on another record, and another rule on the same record', () => {
    expect(guard.check([link('a', '1')], link('a', '2')).ok).toBe(true);
    expect(guard.check([link('a', '1')], link('b', '1')).ok).toBe(true);
  });

  it('refuses the same rule on the same record again, naming the loop', () => {
    const decision = guard.check([link('a', '1'), link('b', '2')], link('a', '1'));
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.error).toBeInstanceOf(RuleChainError);
    expect(decision.error.code).toBe('chainCycle');
    expect(decision.error.render('en')).toBe(
      'Rule "a" already fired on record 1 in this chain, so it would loop: a@1 → b@2 → a@1',
    );
    expect(decision.error.render('zh-CN')).toContain('形成循环');
  });

  it('allows depth 5 and refuses depth 6', () => {
    const chain = ['a', 'b', 'c', 'd'].map((key) => link(key, '1'));
    expect(guard.check(chain, link('e', '1')).ok).toBe(true);
    const decision = guard.check([...chain, link('e', '1')], link('f', '1'));
    expect(decision.ok ? null : decision.error.code).toBe('chainTooDeep');
    expect(decision.ok ? '' : decision.error.message).toContain(
      'rule firing number 6 in one chain (limit 5)',
    );
  });

  it('throws from assert and honours a custom limit', () => {
    expect(() => new RuleChainGuard(1).assert([link('a', '1')], link('b', '1'))).toThrow(RuleChainError);
  });

  it('reads the chain from an event source', () => {
    const event: RecordEvent = {
      type: 'updated',
      entity: 'bill',
      recordId: '1',
      record: {},
      changes: [],
      source: { kind: 'rule', chain: [link('a', '1')] },
      depth: 1,
    };
    expect(chainOf(event)).toEqual([link('a', '1')]);
    expect(chainOf({ ...event, source: { kind: 'user' } })).toEqual([]);
    expect(chainOf({ type: 'tick', ruleKey: 'a', at: new Date(0) })).toEqual([]);
  });
});
