import type { FieldDefinition } from '@lowcode/app-model';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FieldValue } from '../../fields/FieldValue';
import { shownField } from '../../fields/shownField';
import type { WidgetProps } from '../widgetTypes';

const FILLED_ON_SAVE: ReadonlySet<FieldDefinition['type']> = new Set([
  'autoNumber',
  'createdBy',
  'createdAt',
  'updatedBy',
  'updatedAt',
]);

/**
 * Computed fields are never input. A formula is previewed live from the values being edited (the form's
 * `computed`, from the engine's computeFormulas as the server runs it — in a sub-table cell, its row's); the
 * others show what the server stored, or say they are filled on save.
 */
export function ReadonlyWidget({ field, id, context }: WidgetProps) {
  const { t } = useTranslation();
  const value = field.type === 'formula' ? context.computed[field.key] : context.stored[field.key];
  const empty = value === null || value === undefined;
  // A lookup among the record's own fields shows its values as the field it looks up does (not a sub-table's cell).
  const shown = context.entity.fields.includes(field)
    ? shownField(context.app.entities, context.entity, field)
    : field;
  return (
    <div id={id} style={{ minHeight: 32, display: 'flex', alignItems: 'center' }}>
      {empty && FILLED_ON_SAVE.has(field.type) ? (
        <Typography.Text type="secondary">{t('form.filledOnSave')}</Typography.Text>
      ) : (
        <FieldValue
          field={shown}
          value={value}
          locale={context.locale}
          display={context.display[field.key]}
        />
      )}
    </div>
  );
}
