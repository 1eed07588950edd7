// Builders type regular expressions into text fields; a catastrophic pattern such as `(a+)+$` would hang
// the server on one crafted input (ReDoS). Patterns are checked when the entity is compiled.
import { type LocalizedText } from '@lowcode/app-model';
import { FormDefinitionError } from '../errors';

export const MAX_PATTERN_LENGTH = 200;

interface Quantifier {
  /** Characters the quantifier takes (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`); 0 when there is none. */
  length: number;
  /** Can match its operand more than once. */
  repeats: boolean;
  /** Can match a varying number of times: the ambiguity backtracking explores (`{3}` cannot). */
  varies: boolean;
}

function quantifierAt(pattern: string, index: number): Quantifier {
  const ch = pattern[index];
  if (ch === '*' || ch === '+') return { length: 1, repeats: true, varies: true };
  if (ch === '?') return { length: 1, repeats: false, varies: true };
  if (ch === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(index));
    if (match) {
      const min = Number(match[1]);
      const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
      return { length: match[0].length, repeats: max > 1, varies: max > min };
    }
  }
  return { length: 0, repeats: false, varies: false };
}

/**
 * True when a group that contains a repeating quantifier is itself repeated, e.g. `(a+)+`, `(\d*)*`,
 * `(?:x{2,})+` — the shape behind most exponential backtracking. Alternation overlap such as `(a|a)*`
 * is not detected; the length limit and ajv's per-value evaluation bound what remains.
 */
export function hasNestedQuantifier(pattern: string): boolean {
  const groups: boolean[] = []; // per open group: does it contain a varying, repeating quantifier?
  let lastGroupRepeats = false; // the group closed just before the current position
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i];
    if (ch === '\\') {
      i += 1;
      lastGroupRepeats = false;
      continue;
    }
    if (ch === '[') {
      // Skip a character class: quantifier characters inside it are literals.
      i += 1;
      if (pattern[i] === '^') i += 1;
      if (pattern[i] === ']') i += 1;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      lastGroupRepeats = false;
      continue;
    }
    if (ch === '(') {
      groups.push(false);
      lastGroupRepeats = false;
      continue;
    }
    if (ch === ')') {
      lastGroupRepeats = groups.pop() ?? false;
      const quantifier = quantifierAt(pattern, i + 1);
      if (quantifier.repeats && lastGroupRepeats) return true;
      // A group with a varying repeat inside, or repeated a varying number of times, taints its parent.
      if (groups.length > 0 && (lastGroupRepeats || (quantifier.repeats && quantifier.varies))) {
        groups[groups.length - 1] = true;
      }
      continue;
    }
    const quantifier = quantifierAt(pattern, i);
    if (quantifier.repeats && quantifier.varies && groups.length > 0) groups[groups.length - 1] = true;
    if (quantifier.length > 1) i += quantifier.length - 1;
    lastGroupRepeats = false;
  }
  return false;
}

/**
 * Checks a field pattern and returns it unchanged for the JSON Schema (ajv compiles it with the `u` flag).
 * Throws FormDefinitionError `patternTooLong`, `patternNestedQuantifier` or `patternInvalid`.
 */
export function assertSafePattern(pattern: string, where: string, label?: LocalizedText): string {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new FormDefinitionError('patternTooLong', where, { limit: MAX_PATTERN_LENGTH }, label);
  }
  if (hasNestedQuantifier(pattern))
    throw new FormDefinitionError('patternNestedQuantifier', where, {}, label);
  try {
    new RegExp(pattern, 'u');
  } catch {
    throw new FormDefinitionError('patternInvalid', where, {}, label);
  }
  return pattern;
}
