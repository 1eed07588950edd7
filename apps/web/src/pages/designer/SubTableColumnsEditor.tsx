import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Locale, SubTableColumn } from '@lowcode/app-model';
import { Button, Checkbox, Flex, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../hooks/useLocale';
import { defaultField } from './defaultField';
import { nextFieldKey } from './designerReducer';
import { FIELD_CATALOG } from './fieldCatalog';

/** Column types offered inside a sub-table: the plain value types (no nesting, no computed columns). */
const COLUMN_TYPES = [
  'text',
  'longText',
  'number',
  'money',
  'percent',
  'date',
  'select',
  'checkbox',
  'phone',
  'email',
] as const;

/** The columns of a sub-table: each a small field (key, labels, type, required). */
export function SubTableColumnsEditor(props: {
  columns: SubTableColumn[];
  locale: Locale;
  onChange(columns: SubTableColumn[]): void;
}) {
  const { columns, locale, onChange } = props;
  const { t } = useTranslation();
  const set = (index: number, next: SubTableColumn) =>
    onChange(columns.map((c, i) => (i === index ? next : c)));
  const context = { entity: { key: 'row', label: { 'zh-CN': '' }, fields: [] }, otherEntities: [] };
  return (
    <Flex vertical gap={6} data-testid="designer-subtable-columns">
      {columns.map((column, index) => (
        <Flex key={index} gap={4} align="center" wrap>
          <Input
            size="small"
            className="mono"
            style={{ width: 90 }}
            value={column.key}
            onChange={(e) => set(index, { ...column, key: e.target.value })}
          />
          <Input
            size="small"
            style={{ width: 90 }}
            placeholder="中文"
            value={column.label['zh-CN']}
            onChange={(e) => set(index, { ...column, label: { ...column.label, 'zh-CN': e.target.value } })}
          />
          <Input
            size="small"
            style={{ width: 90 }}
            placeholder="English"
            value={column.label.en ?? ''}
            onChange={(e) => set(index, { ...column, label: { ...column.label, en: e.target.value } })}
          />
          <Select
            size="small"
            style={{ width: 110 }}
            value={column.type as (typeof COLUMN_TYPES)[number]}
            options={COLUMN_TYPES.map((type) => ({
              value: type,
              label: localize(FIELD_CATALOG[type].name, locale),
            }))}
            onChange={(type: (typeof COLUMN_TYPES)[number]) =>
              set(index, {
                ...(defaultField(type, column.key, context) as SubTableColumn),
                label: column.label,
                required: column.required,
              })
            }
          />
          <Checkbox
            checked={!!column.required}
            onChange={(e) => set(index, { ...column, required: e.target.checked })}
          >
            {t('designer.required')}
          </Checkbox>
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('designer.remove')}
            onClick={() => onChange(columns.filter((_, i) => i !== index))}
          />
        </Flex>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() =>
          onChange([
            ...columns,
            defaultField('text', nextFieldKey(columns.map((c) => c.key)), context) as SubTableColumn,
          ])
        }
      >
        {t('designer.addColumn')}
      </Button>
    </Flex>
  );
}
