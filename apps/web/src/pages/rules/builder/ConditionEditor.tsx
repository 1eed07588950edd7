import { QueryBuilderAntD } from '@react-querybuilder/antd';
import type { AppDefinition, EntityDefinition, Locale } from '@lowcode/app-model';
import { Alert, Input, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryBuilder, type RuleGroupType } from 'react-querybuilder';
import 'react-querybuilder/dist/query-builder.css';
import {
  CONDITION_OPERATORS,
  conditionFields,
  jsonLogicToQuery,
  operatorsFor,
  queryToJsonLogic,
  UNARY_OPERATORS,
} from './conditionQuery';
import { joinCondition, splitCondition, type AggregateRow } from './aggregateConditions';
import { RelatedConditions } from './RelatedConditions';

const EMPTY_QUERY: RuleGroupType = { combinator: 'and', rules: [] };

type VisualCondition = { ok: true; query: RuleGroupType; rows: AggregateRow[] } | { ok: false };

/** The condition as the builder's query over the record's own fields plus related-record rows, if it can be. */
function readVisual(
  value: unknown,
  fields: ReturnType<typeof conditionFields>,
  relatedAllowed: boolean,
): VisualCondition {
  const split = splitCondition(value);
  if (!split.ok || (split.rows.length > 0 && !relatedAllowed)) return { ok: false };
  const own = jsonLogicToQuery(split.own, fields);
  return own.ok ? { ok: true, query: own.query, rows: split.rows } : { ok: false };
}

/**
 * The rule's condition: a visual builder over the trigger entity's fields and its related records, or the raw
 * JSON-logic. The JSON is the source of truth; the builder shows it whenever it can do so without losing
 * anything.
 */
export function ConditionEditor({
  value,
  onChange,
  app,
  entity,
  locale,
  errors,
}: {
  value: unknown;
  onChange(condition: unknown): void;
  /** The app whose related records the condition may test; none where aggregates are not available (flows). */
  app?: AppDefinition;
  entity: EntityDefinition | undefined;
  locale: Locale;
  errors: string[];
}) {
  const { t } = useTranslation();
  const fields = useMemo(() => conditionFields(entity, locale), [entity, locale]);
  const [initial] = useState(() => readVisual(value, fields, app !== undefined));
  const [tab, setTab] = useState<'visual' | 'json'>(initial.ok ? 'visual' : 'json');
  const [visualBlocked, setVisualBlocked] = useState(!initial.ok);
  // The builder keeps its own query (with ids and half-filled rows); it is re-read from the JSON only when the
  // JSON changed elsewhere.
  const [query, setQuery] = useState<RuleGroupType>(initial.ok ? initial.query : EMPTY_QUERY);
  const [rows, setRows] = useState<AggregateRow[]>(initial.ok ? initial.rows : []);
  const emit = (nextQuery: RuleGroupType, nextRows: AggregateRow[]) =>
    onChange(joinCondition(queryToJsonLogic(nextQuery, fields), nextRows));
  const [jsonText, setJsonText] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  const [jsonError, setJsonError] = useState<string>();

  const operators = useMemo(
    () =>
      CONDITION_OPERATORS.map((name) => ({
        name,
        value: name,
        label: t(`rules.operators.${name}`),
        arity: UNARY_OPERATORS.includes(name) ? ('unary' as const) : undefined,
      })),
    [t],
  );

  const switchTab = (next: string) => {
    if (next === 'json') {
      setJsonText(value === undefined ? '' : JSON.stringify(value, null, 2));
      setJsonError(undefined);
    } else {
      const reread = readVisual(value, fields, app !== undefined);
      if (reread.ok) {
        setQuery(reread.query);
        setRows(reread.rows);
      }
      setVisualBlocked(!reread.ok);
    }
    setTab(next as 'visual' | 'json');
  };

  const editJson = (text: string) => {
    setJsonText(text);
    if (text.trim() === '') {
      setJsonError(undefined);
      onChange(undefined);
      return;
    }
    try {
      onChange(JSON.parse(text) as unknown);
      setJsonError(undefined);
    } catch (error) {
      setJsonError(error instanceof Error ? error.message : String(error));
    }
  };

  const visual = !entity ? (
    <Alert type="info" showIcon message={t('rules.condition.noEntity')} />
  ) : visualBlocked ? (
    <Alert type="warning" showIcon message={t('rules.condition.notVisual')} />
  ) : (
    <div className="rule-condition-builder" data-testid="rule-condition-builder">
      <QueryBuilderAntD>
        <QueryBuilder
          fields={fields}
          operators={operators}
          query={query}
          onQueryChange={(next) => {
            setQuery(next);
            emit(next, rows);
          }}
          combinators={[
            { name: 'and', value: 'and', label: t('rules.condition.and') },
            { name: 'or', value: 'or', label: t('rules.condition.or') },
          ]}
          getOperators={(field) => {
            const kind = fields.find((candidate) => candidate.name === field)?.kind;
            const allowed: readonly string[] = kind ? operatorsFor(kind) : [];
            return operators.filter((operator) => allowed.includes(operator.name));
          }}
          getValueEditorType={(field, operator) => {
            const definition = fields.find((candidate) => candidate.name === field);
            if (definition?.values && (operator === 'in' || operator === 'notIn')) return 'multiselect';
            if (definition?.values) return 'select';
            if (definition?.kind === 'boolean') return 'checkbox';
            return 'text';
          }}
          getDefaultValue={(rule) => {
            const definition = fields.find((candidate) => candidate.name === rule.field);
            if (definition?.kind === 'boolean') return true;
            const first = definition?.values?.[0] as { name?: string } | undefined;
            if (first?.name && rule.operator !== 'in' && rule.operator !== 'notIn') return first.name;
            return '';
          }}
          listsAsArrays
          // Opening a condition is not editing it: a flow or rule shown is not marked as changed.
          enableMountQueryChange={false}
          showNotToggle
          resetOnFieldChange
          translations={{
            addRule: { label: t('rules.condition.addRule'), title: t('rules.condition.addRule') },
            addGroup: { label: t('rules.condition.addGroup'), title: t('rules.condition.addGroup') },
            removeRule: { label: '×', title: t('rules.condition.remove') },
            removeGroup: { label: '×', title: t('rules.condition.remove') },
            notToggle: { label: t('rules.condition.not'), title: t('rules.condition.not') },
            fields: { title: t('rules.condition.field'), placeholderLabel: t('rules.condition.pickField') },
            operators: { title: t('rules.condition.operator') },
            value: { title: t('rules.condition.value') },
          }}
        />
      </QueryBuilderAntD>
      {app ? (
        <RelatedConditions
          rows={rows}
          app={app}
          entity={entity}
          locale={locale}
          onChange={(next) => {
            setRows(next);
            emit(query, next);
          }}
        />
      ) : null}
      {query.rules.length === 0 && rows.length === 0 ? (
        <Typography.Text type="secondary">{t('rules.condition.always')}</Typography.Text>
      ) : null}
    </div>
  );

  return (
    <div>
      <Tabs
        size="small"
        activeKey={tab}
        onChange={switchTab}
        items={[
          { key: 'visual', label: t('rules.condition.visual'), children: visual },
          {
            key: 'json',
            label: t('rules.condition.json'),
            children: (
              <>
                <Input.TextArea
                  data-testid="rule-condition-json"
                  className="mono"
                  autoSize={{ minRows: 6, maxRows: 20 }}
                  value={jsonText}
                  status={jsonError ? 'error' : undefined}
                  placeholder='{"<=": [{"var": "record.rating"}, 2]}'
                  onChange={(event) => editJson(event.target.value)}
                />
                {jsonError ? (
                  <Typography.Text type="danger" data-testid="rule-condition-json-error">
                    {t('rules.condition.badJson', { message: jsonError })}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t('rules.condition.jsonHelp')}</Typography.Text>
                )}
              </>
            ),
          },
        ]}
      />
      {errors.map((error) => (
        <Alert key={error} type="error" showIcon message={error} style={{ marginTop: 8 }} />
      ))}
    </div>
  );
}
