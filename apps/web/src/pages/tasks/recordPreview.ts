import type { EntityDefinition, Locale } from '@lowcode/app-model';
import { formatFieldText } from '../../fields/formatFieldText';
import { shownField } from '../../fields/shownField';

/** How many fields a task card previews of its record, besides the title. */
const PREVIEW_FIELDS = 4;
/** Fields whose text says little on one line: file names, line items, formatted text. */
const NOT_PREVIEWED = new Set(['attachment', 'image', 'signature', 'subTable', 'richText']);

/**
 * The texts a task card shows of its record, in the entity's list order: what the job is and where (a
 * work order's title, type, category, room) — not its title (the card's own line), not its status (the
 * task says where it stands), and nothing empty. With the app's `entities`, a lookup reads as the field it
 * looks up (a select's label).
 */
export function recordPreviewTexts(
  entity: EntityDefinition,
  values: Record<string, unknown>,
  display: Record<string, unknown>,
  locale: Locale,
  entities?: readonly EntityDefinition[],
): string[] {
  const keys = entity.listFields ?? entity.fields.map((field) => field.key);
  const texts: string[] = [];
  for (const key of keys) {
    if (texts.length === PREVIEW_FIELDS) break;
    const field = entity.fields.find((candidate) => candidate.key === key);
    if (!field || key === entity.titleField || field.type === 'status' || NOT_PREVIEWED.has(field.type))
      continue;
    const shown = display[key];
    const text = formatFieldText(
      shownField(entities, entity, field),
      values[key],
      locale,
      typeof shown === 'string' || Array.isArray(shown) ? (shown as string | string[]) : undefined,
    ).trim();
    if (text) texts.push(text);
  }
  return texts;
}
