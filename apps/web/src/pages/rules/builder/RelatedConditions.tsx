import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { AppDefinition, EntityDefinition, FieldDefinition, Locale } from '@lowcode/app-model';
import { Button, Card, Checkbox, Flex, Input, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../hooks/useLocale';
import {
  AGGREGATE_FUNCTIONS,
  aggregatableFields,
  COMPARISONS,
  isNumericField,
  linkFields,
  newAggregateRow,
  QUANTIFIERS,
  relatedEntities,
  type AggregateRow,
} from './aggregateConditions';

type Literal = AggregateRow['value'];

/**
 * Conditions over related records, one card each, read as a sentence: "the values of CSAT of the ratings with
 * the same tenant, only where status is answered, newest answeredAt first, the last 3: all are at most 2".
 */
export function RelatedConditions({
  rows,
  onChange,
  app,
  entity,
  locale,
}: {
  rows: AggregateRow[];
  onChange(rows: AggregateRow[]): void;
  app: AppDefinition;
  entity: EntityDefinition;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const candidates = relatedEntities(app, entity);
  const update = (index: number, row: AggregateRow) =>
    onChange(rows.map((current, at) => (at === index ? row : current)));

  return (
    <Flex vertical gap={8} data-testid="related-conditions" style={{ marginTop: 12 }}>
      <Typography.Text strong>{t('rules.related.title')}</Typography.Text>
      {rows.map((row, index) => (
        <RelatedRow
          key={index}
          row={row}
          onChange={(next) => update(index, next)}
          onRemove={() => onChange(rows.filter((_, at) => at !== index))}
          candidates={candidates}
          trigger={entity}
          locale={locale}
          takenNames={rows.filter((_, at) => at !== index).map((other) => other.name)}
        />
      ))}
      <div>
        <Button
          size="small"
          icon={<PlusOutlined />}
          data-testid="related-add"
          disabled={candidates.length === 0}
          onClick={() => onChange([...rows, newAggregateRow(rows.map((row) => row.name))])}
        >
          {t('rules.related.add')}
        </Button>
        {candidates.length === 0 ? (
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {t('rules.related.noneLinked')}
          </Typography.Text>
        ) : null}
      </div>
    </Flex>
  );
}

function RelatedRow({
  row,
  onChange,
  onRemove,
  candidates,
  trigger,
  locale,
  takenNames,
}: {
  row: AggregateRow;
  onChange(row: AggregateRow): void;
  onRemove(): void;
  candidates: EntityDefinition[];
  trigger: EntityDefinition;
  locale: Locale;
  takenNames: string[];
}) {
  const { t } = useTranslation();
  const related = candidates.find((candidate) => candidate.key === row.entity);
  const fieldOptions = (fields: FieldDefinition[]) =>
    fields.map((field) => ({ value: field.key, label: localize(field.label, locale) }));
  const aggregated = related?.fields.find((field) => field.key === row.field);
  const nameTaken = takenNames.includes(row.name);
  const nameValid = /^[A-Za-z][A-Za-z0-9_]*$/.test(row.name);

  const setEntity = (key: string) => {
    const next = candidates.find((candidate) => candidate.key === key);
    const links = next ? linkFields(next, trigger) : [];
    onChange({
      ...row,
      entity: key,
      by: links[0]?.key ?? '',
      field: undefined,
      where: [],
      orderBy: undefined,
    });
  };

  return (
    <Card size="small" data-testid="related-row" className="related-row">
      <Flex wrap gap={6} align="center">
        <Select
          data-testid="related-fn"
          style={{ minWidth: 120 }}
          value={row.fn}
          options={AGGREGATE_FUNCTIONS.map((fn) => ({ value: fn, label: t(`rules.related.fn.${fn}`) }))}
          onChange={(fn) =>
            onChange({
              ...row,
              fn,
              field: fn === 'count' ? undefined : row.field,
              comparison: fn === 'values' ? '<=' : row.comparison,
            })
          }
        />
        {row.fn !== 'count' ? (
          <Select
            data-testid="related-field"
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 120 }}
            placeholder={t('rules.related.pickField')}
            value={row.field}
            disabled={!related}
            options={related ? fieldOptions(aggregatableFields(related, row.fn)) : []}
            onChange={(field) => onChange({ ...row, field })}
          />
        ) : null}
        <Typography.Text>{t('rules.related.of')}</Typography.Text>
        <Select
          data-testid="related-entity"
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 120 }}
          placeholder={t('rules.related.pickEntity')}
          value={row.entity || undefined}
          options={candidates.map((candidate) => ({
            value: candidate.key,
            label: localize(candidate.label, locale),
          }))}
          onChange={setEntity}
        />
        <Typography.Text>{t('rules.related.sameAs')}</Typography.Text>
        <Select
          data-testid="related-by"
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 120 }}
          value={row.by || undefined}
          disabled={!related}
          options={related ? fieldOptions(linkFields(related, trigger)) : []}
          onChange={(by) => onChange({ ...row, by })}
        />
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('rules.condition.remove')}
          data-testid="related-remove"
          onClick={onRemove}
        />
      </Flex>

      <Flex wrap gap={6} align="center" style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{t('rules.related.onlyWhere')}</Typography.Text>
        {row.where.map((filter, index) => {
          const field = related?.fields.find((candidate) => candidate.key === filter.field);
          const setFilter = (next: Partial<AggregateRow['where'][number]>) =>
            onChange({
              ...row,
              where: row.where.map((current, at) => (at === index ? { ...current, ...next } : current)),
            });
          return (
            <Flex key={index} gap={4} align="center" data-testid="related-where">
              <Select
                data-testid="related-where-field"
                showSearch
                optionFilterProp="label"
                style={{ minWidth: 110 }}
                value={filter.field || undefined}
                placeholder={t('rules.related.pickField')}
                options={related ? fieldOptions(related.fields) : []}
                onChange={(key) => setFilter({ field: key, value: null })}
              />
              <Typography.Text>=</Typography.Text>
              <ValueInput
                testId="related-where-value"
                field={field}
                numeric={isNumericField(field)}
                value={filter.value}
                locale={locale}
                onChange={(value) => setFilter({ value })}
              />
              <Button
                type="text"
                size="small"
                aria-label={t('rules.condition.remove')}
                onClick={() => onChange({ ...row, where: row.where.filter((_, at) => at !== index) })}
              >
                ×
              </Button>
            </Flex>
          );
        })}
        <Button
          size="small"
          type="dashed"
          data-testid="related-where-add"
          disabled={!related}
          onClick={() => onChange({ ...row, where: [...row.where, { field: '', value: null }] })}
        >
          {t('rules.related.addFilter')}
        </Button>
      </Flex>

      <Flex wrap gap={6} align="center" style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{t('rules.related.orderBy')}</Typography.Text>
        <Select
          data-testid="related-order-field"
          showSearch
          optionFilterProp="label"
          allowClear
          style={{ minWidth: 120 }}
          placeholder={t('rules.related.noOrder')}
          value={row.orderBy?.field}
          disabled={!related}
          options={related ? fieldOptions(related.fields) : []}
          onChange={(field?: string) =>
            onChange({
              ...row,
              orderBy: field ? { field, descending: row.orderBy?.descending ?? true } : undefined,
            })
          }
        />
        {row.orderBy ? (
          <Select
            data-testid="related-order-direction"
            style={{ minWidth: 100 }}
            value={row.orderBy.descending ? 'desc' : 'asc'}
            options={[
              { value: 'desc', label: t('rules.related.newestFirst') },
              { value: 'asc', label: t('rules.related.oldestFirst') },
            ]}
            onChange={(direction) =>
              onChange({ ...row, orderBy: { ...row.orderBy!, descending: direction === 'desc' } })
            }
          />
        ) : null}
        <Typography.Text type="secondary">{t('rules.related.limit')}</Typography.Text>
        <InputNumber
          data-testid="related-limit"
          min={1}
          max={1000}
          precision={0}
          style={{ width: 90 }}
          placeholder={t('rules.related.allRecords')}
          value={row.limit ?? null}
          onChange={(limit) =>
            onChange({
              ...row,
              limit: typeof limit === 'number' ? limit : undefined,
              requireFull: typeof limit === 'number' ? row.requireFull : false,
            })
          }
        />
      </Flex>

      <Flex wrap gap={6} align="center" style={{ marginTop: 8 }}>
        <Typography.Text strong>{t('rules.related.then')}</Typography.Text>
        {row.fn === 'values' ? (
          <Select
            data-testid="related-quantifier"
            style={{ minWidth: 100 }}
            value={row.quantifier}
            options={QUANTIFIERS.map((quantifier) => ({
              value: quantifier,
              label: t(`rules.related.quantifier.${quantifier}`),
            }))}
            onChange={(quantifier) => onChange({ ...row, quantifier })}
          />
        ) : null}
        <Select
          data-testid="related-comparison"
          style={{ minWidth: 110 }}
          value={row.comparison}
          options={COMPARISONS.map((comparison) => ({
            value: comparison,
            label: t(`rules.operators.${comparison === '==' ? '=' : comparison}`),
          }))}
          onChange={(comparison) => onChange({ ...row, comparison })}
        />
        <ValueInput
          testId="related-value"
          field={row.fn === 'values' || row.fn === 'min' || row.fn === 'max' ? aggregated : undefined}
          numeric={row.fn === 'count' || row.fn === 'sum' || row.fn === 'avg' || isNumericField(aggregated)}
          value={row.value}
          locale={locale}
          onChange={(value) => onChange({ ...row, value })}
        />
        {row.fn === 'values' && row.limit !== undefined ? (
          <Checkbox
            data-testid="related-require-full"
            checked={row.requireFull}
            onChange={(event) => onChange({ ...row, requireFull: event.target.checked })}
          >
            {t('rules.related.requireFull', { count: row.limit })}
          </Checkbox>
        ) : null}
      </Flex>

      <Flex wrap gap={6} align="center" style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{t('rules.related.name')}</Typography.Text>
        <Input
          data-testid="related-name"
          size="small"
          style={{ width: 160 }}
          value={row.name}
          status={nameTaken || !nameValid ? 'error' : undefined}
          onChange={(event) => onChange({ ...row, name: event.target.value })}
        />
        <Typography.Text type={nameTaken || !nameValid ? 'danger' : 'secondary'}>
          {nameTaken
            ? t('rules.related.nameTaken')
            : !nameValid
              ? t('rules.related.nameInvalid')
              : t('rules.related.nameHelp', { name: row.name })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/** A literal for a comparison: the field's options when it has them, a number for numbers, else text. */
function ValueInput({
  testId,
  field,
  numeric,
  value,
  locale,
  onChange,
}: {
  testId: string;
  field: FieldDefinition | undefined;
  numeric: boolean;
  value: Literal;
  locale: Locale;
  onChange(value: Literal): void;
}) {
  const options = field && 'options' in field && Array.isArray(field.options) ? field.options : undefined;
  if (options)
    return (
      <Select
        data-testid={testId}
        style={{ minWidth: 110 }}
        value={value === null ? undefined : String(value)}
        options={options.map((option) => ({
          value: String(option.value),
          label: localize(option.label, locale),
        }))}
        onChange={(next: string) => onChange(next)}
      />
    );
  if (field?.type === 'checkbox')
    return (
      <Checkbox data-testid={testId} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
    );
  if (numeric)
    return (
      <InputNumber
        data-testid={testId}
        style={{ width: 100 }}
        value={typeof value === 'number' ? value : null}
        onChange={(next) => onChange(typeof next === 'number' ? next : null)}
      />
    );
  return (
    <Input
      data-testid={testId}
      style={{ width: 140 }}
      value={value === null ? '' : String(value)}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
