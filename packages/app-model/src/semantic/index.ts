// Semantic checks: everything JSON Schema cannot say (unique keys, references by key, flow shape).
import { type IssueSink } from '../issues';
import { checkRoles, checkSeed } from './access';
import { buildContext, isObj } from './context';
import { checkEntities } from './entities';
import { checkFlows } from './flows';
import { checkMemberAttributes } from './members';
import { checkReports } from './reports';
import { checkRules } from './rules';

/** Runs every semantic check; each skips the parts of the document that are malformed. */
export function checkSemantics(input: unknown, sink: IssueSink): void {
  if (!isObj(input)) return;
  const ctx = buildContext(input, sink);
  checkEntities(ctx, input);
  checkFlows(ctx, input);
  checkRules(ctx, input);
  checkReports(ctx, input);
  checkRoles(ctx, input);
  checkMemberAttributes(ctx, input);
  checkSeed(ctx, input);
}
