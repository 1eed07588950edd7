import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { AppDefinition, EntityDefinition, FieldDefinition, Locale } from '@lowcode/app-model';
import { Button, Flex, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../hooks/useLocale';
import { operatorsFor, SYSTEM_FILTER_FIELDS, type Conjunction, type FilterRow } from './filterModel';
import { FilterValueInput } from './FilterValueInput';

export interface FilterBarProps {
  entity: EntityDefinition;
  locale: Locale;
  rows: FilterRow[];
  conjunction: Conjunction;
  /** Fields the user's roles hide or mask: the server refuses filtering by them. */
  unfilterable?: readonly string[];
  /** The app, so a relation is filtered by picking records rather than typing ids. */
  app?: { key: string; definition: AppDefinition };
  onChange(rows: FilterRow[], conjunction: Conjunction): void;
}

/** The record's own timestamps are filterable too; they behave like datetime fields. */
function filterableFields(entity: EntityDefinition): FieldDefinition[] {
  const system = SYSTEM_FILTER_FIELDS.filter((key) => !entity.fields.some((f) => f.key === key)).map(
    (key): FieldDefinition => ({
      key,
      type: key,
      label: {
        'zh-CN': key === 'createdAt' ? '创建时间' : '更新时间',
        en: key === 'createdAt' ? 'Created' : 'Updated',
      },
    }),
  );
  return [...entity.fields.filter((f) => f.type !== 'subTable'), ...system];
}

/** Field + operator + value rows joined by AND or OR; the page turns them into the filter JSON. */
export function FilterBar({
  entity,
  locale,
  rows,
  conjunction,
  unfilterable = [],
  app,
  onChange,
}: FilterBarProps) {
  const { t } = useTranslation();
  const fields = filterableFields(entity).filter((field) => !unfilterable.includes(field.key));
  const fieldOf = (key: string) => fields.find((f) => f.key === key);
  const update = (id: number, patch: Partial<FilterRow>) =>
    onChange(
      rows.map((row) => (row.id === id ? { ...row, ...patch } : row)),
      conjunction,
    );
  const add = () => {
    const first = fields[0];
    if (!first) return;
    const id = Math.max(0, ...rows.map((r) => r.id)) + 1;
    onChange([...rows, { id, field: first.key, operator: operatorsFor(first.type)[0]! }], conjunction);
  };

  return (
    <Flex vertical gap={8} data-testid="filter-bar">
      {rows.length > 1 ? (
        <Radio.Group
          size="small"
          value={conjunction}
          onChange={(e) => onChange(rows, e.target.value as Conjunction)}
          options={[
            { value: 'and', label: t('records.filter.and') },
            { value: 'or', label: t('records.filter.or') },
          ]}
          optionType="button"
        />
      ) : null}
      {rows.map((row) => {
        const field = fieldOf(row.field);
        return (
          <Flex key={row.id} gap={8} wrap align="center" data-testid={`filter-row-${row.id}`}>
            <Select
              style={{ minWidth: 140 }}
              value={row.field}
              aria-label={t('records.filter.field')}
              options={fields.map((f) => ({ value: f.key, label: localize(f.label, locale) }))}
              onChange={(key: string) =>
                update(row.id, {
                  field: key,
                  operator: operatorsFor(fieldOf(key)?.type ?? 'text')[0]!,
                  value: undefined,
                })
              }
            />
            <Select
              style={{ minWidth: 110 }}
              value={row.operator}
              aria-label={t('records.filter.operator')}
              options={operatorsFor(field?.type ?? 'text').map((op) => ({
                value: op,
                label: t(`records.filter.op.${op}`),
              }))}
              onChange={(operator: FilterRow['operator']) => update(row.id, { operator, value: undefined })}
            />
            <FilterValueInput
              field={field}
              operator={row.operator}
              value={row.value}
              locale={locale}
              {...(app ? { app } : {})}
              onChange={(value) => update(row.id, { value })}
            />
            <Button
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t('records.filter.remove')}
              onClick={() =>
                onChange(
                  rows.filter((r) => r.id !== row.id),
                  conjunction,
                )
              }
            />
          </Flex>
        );
      })}
      <div>
        <Button icon={<PlusOutlined />} onClick={add} data-testid="filter-add">
          {t('records.filter.add')}
        </Button>
      </div>
    </Flex>
  );
}
