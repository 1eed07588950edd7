import type { AppDefinition, EntityDefinition, FieldDefinition, Locale } from '@lowcode/app-model';
import { DATE_FIELD_TYPES } from '@lowcode/app-model';
import {
  assertAutoNumberPattern,
  evaluateFormula,
  formatAutoNumber,
  formatFormula,
  FORMULA_FUNCTIONS,
  FormDefinitionError,
  parseFormula,
} from '@lowcode/form-engine';
import { Alert, Button, Flex, Form, Input, Select, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../hooks/useLocale';
import { InsertFieldSelect, insertFieldName } from './InsertFieldSelect';

type Patch = (patch: Partial<FieldDefinition>) => void;

const problemText = (error: unknown, locale: Locale) =>
  error instanceof FormDefinitionError
    ? error.render(locale)
    : error instanceof Error
      ? error.message
      : String(error);

/** Pattern with a live preview of the number the next record would get, and the date field it is dated by. */
export function AutoNumberOptions({
  field,
  entity,
  locale,
  onPatch,
}: {
  field: Extract<FieldDefinition, { type: 'autoNumber' }>;
  entity: EntityDefinition;
  locale: Locale;
  onPatch: Patch;
}) {
  const { t } = useTranslation();
  const { pattern } = field;
  let preview: string;
  let problem: string | null = null;
  try {
    assertAutoNumberPattern(pattern);
    preview = formatAutoNumber(pattern, { date: new Date(), sequence: 1 });
  } catch (error) {
    preview = '';
    problem = problemText(error, locale);
  }
  const dateFields = entity.fields.filter((candidate) =>
    (DATE_FIELD_TYPES as readonly string[]).includes(candidate.type),
  );
  return (
    <>
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
      <Form.Item label={t('designer.numberDateField')} extra={t('designer.numberDateFieldHelp')}>
        <Select
          allowClear
          placeholder={t('designer.numberDateFieldNone')}
          value={field.dateField}
          options={dateFields.map((candidate) => ({
            value: candidate.key,
            label: localize(candidate.label, locale) || candidate.key,
          }))}
          onChange={(dateField?: string) => onPatch({ dateField } as Partial<FieldDefinition>)}
          data-testid="designer-autonumber-date-field"
        />
      </Form.Item>
    </>
  );
}

/**
 * A formula as builders write it — `{数量} * {单价}` — with fields to insert; applied when it reads, with the
 * reason under the box when it does not. A formula the text cannot say (a sub-table `reduce`) is edited as
 * JSON-logic, and so is any formula a builder prefers to write that way.
 */
export function FormulaOptions({
  field,
  entity,
  locale,
  onPatch,
}: {
  field: Extract<FieldDefinition, { type: 'formula' }>;
  entity: EntityDefinition;
  locale: Locale;
  onPatch: Patch;
}) {
  const { t } = useTranslation();
  const scope = { fields: entity.fields.filter((candidate) => candidate.key !== field.key) };
  const [mode, setMode] = useState<'text' | 'json'>(() =>
    formatFormula(field.expression, scope, locale) === undefined ? 'json' : 'text',
  );
  const written = () =>
    mode === 'text'
      ? (formatFormula(field.expression, scope, locale) ?? '')
      : JSON.stringify(field.expression, null, 2);
  const [text, setText] = useState(written);
  const [problem, setProblem] = useState<string | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  // The formula sits at the foot of a tall panel: a new reason is scrolled into sight, not left below it.
  const problemRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (problem) problemRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [problem]);
  const apply = (next: string, as = mode) => {
    setText(next);
    try {
      const expression = as === 'text' ? parseFormula(next, scope) : (JSON.parse(next) as unknown);
      onPatch({ expression } as Partial<FieldDefinition>);
      setProblem(null);
    } catch (error) {
      setProblem(problemText(error, locale));
    }
  };
  const switchTo = (next: 'text' | 'json') => {
    setMode(next);
    setProblem(null);
    setText(
      next === 'text'
        ? (formatFormula(field.expression, scope, locale) ?? '')
        : JSON.stringify(field.expression, null, 2),
    );
  };
  const insert = (target: FieldDefinition) => {
    const inserted = insertFieldName(text, cursor, target, locale);
    apply(inserted.text);
    setCursor(inserted.cursor);
  };
  const formattable = formatFormula(field.expression, scope, locale) !== undefined;
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
      {mode === 'text' ? (
        // Its own item, under the formula's label: the formula's error below marks the box, not the picker.
        <Form.Item label={t('designer.expression')} style={{ marginBottom: 6 }}>
          <InsertFieldSelect
            fields={scope.fields}
            locale={locale}
            onPick={insert}
            testId="designer-formula-insert"
          />
        </Form.Item>
      ) : null}
      <Form.Item
        label={mode === 'text' ? undefined : t('designer.expressionJson')}
        extra={
          mode === 'text'
            ? t('designer.expressionHelp', { functions: FORMULA_FUNCTIONS.join(', ') })
            : t('designer.expressionJsonHelp')
        }
        validateStatus={problem ? 'error' : undefined}
        help={
          problem ? (
            <span ref={problemRef} data-testid="designer-formula-problem">
              {problem}
            </span>
          ) : null
        }
      >
        <Input.TextArea
          className="mono"
          autoSize={{ minRows: mode === 'text' ? 2 : 3, maxRows: 10 }}
          value={text}
          placeholder={mode === 'text' ? '{数量} * {单价}' : undefined}
          onChange={(e) => apply(e.target.value)}
          onSelect={(e) => setCursor(e.currentTarget.selectionStart)}
          data-testid="designer-formula"
        />
      </Form.Item>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary">
          {t('designer.preview')}: {JSON.stringify(evaluateFormula(field, {}))}
        </Typography.Text>
        {mode === 'json' && !formattable ? null : (
          <Button
            type="link"
            size="small"
            onClick={() => switchTo(mode === 'text' ? 'json' : 'text')}
            data-testid="designer-formula-mode"
          >
            {mode === 'text' ? t('designer.editAsJson') : t('designer.editAsText')}
          </Button>
        )}
      </Flex>
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
