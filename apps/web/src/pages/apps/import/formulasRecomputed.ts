import type { TFunction } from 'i18next';
import type { ImportResult } from '../../../api/types';

/**
 * What an import did to stored records besides the definition — its formulas recomputed on how many records —
 * or undefined when it did nothing to them; said after a designer save and after an import.
 */
export function formulasRecomputedText(t: TFunction, result: ImportResult): string | undefined {
  const count = (result.formulasRecomputed ?? []).reduce((sum, entity) => sum + entity.changed, 0);
  return count > 0 ? t('import.formulasRecomputed', { count }) : undefined;
}
