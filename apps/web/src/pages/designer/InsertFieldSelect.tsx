import type { FieldDefinition, Locale } from '@lowcode/app-model';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../hooks/useLocale';

/**
 * A field picker that writes `{field name}` into a text at the cursor (formulas, print templates): answers
 * the new text and where the cursor goes after the name.
 */
export function insertFieldName(
  text: string,
  cursor: number | null,
  field: FieldDefinition,
  locale: Locale,
): { text: string; cursor: number } {
  const name = `{${localize(field.label, locale) || field.key}}`;
  const at = cursor ?? text.length;
  return { text: `${text.slice(0, at)}${name}${text.slice(at)}`, cursor: at + name.length };
}

export function InsertFieldSelect({
  fields,
  locale,
  onPick,
  testId,
}: {
  fields: FieldDefinition[];
  locale: Locale;
  onPick(field: FieldDefinition): void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Select
      style={{ width: '100%' }}
      placeholder={t('designer.insertField')}
      value={null}
      showSearch
      optionFilterProp="label"
      options={fields.map((field) => ({
        value: field.key,
        label: localize(field.label, locale) || field.key,
      }))}
      onChange={(key: string) => {
        const field = fields.find((candidate) => candidate.key === key);
        if (field) onPick(field);
      }}
      data-testid={testId}
    />
  );
}
