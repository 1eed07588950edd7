import type { AppDefinition, EntityDefinition, FieldDefinition, Locale } from '@lowcode/app-model';
import {
  assertAutoNumberPattern,
  evaluateFormula,
  formatAutoNumber,
  FormDefinitionError,
} from '@lowcode/form-engine';
import { Alert, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../hooks/useLocale';

type Patch = (patch: Partial<FieldDefinition>) => void;

const problemText = (error: unknown, locale: Locale) =>
  error instanceof FormDefinitionError
    ? error.render(locale)
    : error instanceof Error
      ? error.message
      : String(error);

/** Pattern with a live preview of the number the next record would get. */
export function AutoNumberOptions({
  pattern,
  locale,
  onPatch,
}: {
  pattern: string;
  locale: Locale;
  onPatch: Patch;
}) {
  const { t } = useTranslation();
  let preview: string;
  let problem: string | null = null;
  try {
    assertAutoNumberPattern(pattern);
    preview = formatAutoNumber(pattern, { date: new Date(), sequence: 1 });
  } catch (error) {
    preview = '';
    problem = problemText(error, locale);
  }
  return (
    <Form.Item
      label={t('designer.pattern')}
      extra={t('designer.patternHelp')}
      validateStatus={problem ? 'error' : undefined}
      help={problem}
    >
      <Input
        className="mono"
        value={pattern}
        onChange={(e) => onPatch({ pattern: e.target.value } as Partial<FieldDefinition>)}
        data-testid="designer-autonumber-pattern"
      />
      {preview ? (
        <Typography.Text data-testid="designer-autonumber-preview">
          {t('designer.preview')}: {preview}
        </Typography.Text>
      ) : null}
    </Form.Item>
  );
}

/** JSON-logic expression edited as text; applied when it parses, previewed on an empty record. */
export function FormulaOptions({
  field,
  locale,
  onPatch,
}: {
  field: Extract<FieldDefinition, { type: 'formula' }>;
  locale: Locale;
  onPatch: Patch;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(field.expression, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  const change = (next: string) => {
    setText(next);
    try {
      onPatch({ expression: JSON.parse(next) as unknown } as Partial<FieldDefinition>);
      setParseError(null);
    } catch (error) {
      setParseError(problemText(error, locale));
    }
  };
  return (
    <>
      <Form.Item label={t('designer.resultType')}>
        <Select
          value={field.resultType}
          options={(['number', 'text', 'date', 'boolean'] as const).map((v) => ({
            value: v,
            label: t(`designer.resultTypes.${v}`),
          }))}
          onChange={(resultType: typeof field.resultType) =>
            onPatch({ resultType } as Partial<FieldDefinition>)
          }
        />
      </Form.Item>
      <Form.Item
        label={t('designer.expression')}
        extra={t('designer.expressionHelp')}
        validateStatus={parseError ? 'error' : undefined}
        help={parseError}
      >
        <Input.TextArea
          className="mono"
          autoSize={{ minRows: 3, maxRows: 10 }}
          value={text}
          onChange={(e) => change(e.target.value)}
        />
      </Form.Item>
      <Typography.Text type="secondary">
        {t('designer.preview')}: {JSON.stringify(evaluateFormula(field, {}))}
      </Typography.Text>
    </>
  );
}

/** Lookup: a relation field of this entity, and a field of its target. */
export function LookupOptions(props: {
  field: Extract<FieldDefinition, { type: 'lookup' }>;
  entity: EntityDefinition;
  app: AppDefinition;
  locale: Locale;
  onPatch: Patch;
}) {
  const { field, entity, app, locale, onPatch } = props;
  const { t } = useTranslation();
  const relations = entity.fields.filter((f) => f.type === 'relation');
  const relation = relations.find((f) => f.key === field.lookup.relation);
  const target = app.entities.find(
    (e) => relation?.type === 'relation' && e.key === relation.relation.entity,
  );
  const set = (lookup: Partial<typeof field.lookup>) =>
    onPatch({ lookup: { ...field.lookup, ...lookup } } as Partial<FieldDefinition>);
  if (relations.length === 0)
    return <Alert type="info" showIcon message={t('designer.lookupNeedsRelation')} />;
  return (
    <>
      <Form.Item label={t('designer.lookupRelation')}>
        <Select
          value={field.lookup.relation || undefined}
          options={relations.map((f) => ({ value: f.key, label: localize(f.label, locale) }))}
          onChange={(v: string) => set({ relation: v, field: '' })}
        />
      </Form.Item>
      <Form.Item label={t('designer.lookupField')}>
        <Select
          value={field.lookup.field || undefined}
          options={(target?.fields ?? []).map((f) => ({ value: f.key, label: localize(f.label, locale) }))}
          onChange={(v: string) => set({ field: v })}
        />
      </Form.Item>
    </>
  );
}

/** Rollup: records of another entity pointing here through one of its relation fields. */
export function RollupOptions(props: {
  field: Extract<FieldDefinition, { type: 'rollup' }>;
  entity: EntityDefinition;
  app: AppDefinition;
  locale: Locale;
  onPatch: Patch;
}) {
  const { field, entity, app, locale, onPatch } = props;
  const { t } = useTranslation();
  const source = app.entities.find((e) => e.key === field.rollup.entity);
  const set = (rollup: Partial<typeof field.rollup>) =>
    onPatch({ rollup: { ...field.rollup, ...rollup } } as Partial<FieldDefinition>);
  const pointingHere = (source?.fields ?? []).filter(
    (f) => f.type === 'relation' && f.relation.entity === entity.key,
  );
  return (
    <>
      <Form.Item label={t('designer.rollupEntity')}>
        <Select
          value={field.rollup.entity || undefined}
          options={app.entities.map((e) => ({ value: e.key, label: localize(e.label, locale) }))}
          onChange={(v: string) => set({ entity: v, relation: '' })}
        />
      </Form.Item>
      <Form.Item label={t('designer.rollupRelation')}>
        <Select
          value={field.rollup.relation || undefined}
          options={pointingHere.map((f) => ({ value: f.key, label: localize(f.label, locale) }))}
          onChange={(v: string) => set({ relation: v })}
        />
      </Form.Item>
      <Form.Item label={t('designer.aggregate')}>
        <Select
          value={field.rollup.aggregate}
          options={(['count', 'sum', 'avg', 'min', 'max'] as const).map((v) => ({ value: v, label: v }))}
          onChange={(aggregate: typeof field.rollup.aggregate) => set({ aggregate })}
        />
      </Form.Item>
      {field.rollup.aggregate !== 'count' ? (
        <Form.Item label={t('designer.rollupField')}>
          <Select
            value={field.rollup.field}
            options={(source?.fields ?? []).map((f) => ({ value: f.key, label: localize(f.label, locale) }))}
            onChange={(v: string) => set({ field: v })}
          />
        </Form.Item>
      ) : null}
    </>
  );
}
