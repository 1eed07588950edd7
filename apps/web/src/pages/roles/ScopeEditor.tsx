import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Input, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DIRECTORY_ATTRIBUTES } from '../members/attributes';
import { buildScope, parseScope, type ScopeCondition, type ScopeModel } from './scopeBuilder';
import type { ScopeField } from './scopeFields';

type Mode = 'all' | 'builder' | 'raw';

const pretty = (scope: unknown) => (scope === undefined ? '' : JSON.stringify(scope, null, 2));

/**
 * Which records of an entity the role sees: all, those matching simple conditions ("technician is the
 * current user", "project is in the user's projects"), or any JSON-logic typed by hand.
 */
export function ScopeEditor({
  scope,
  fields,
  onChange,
  testId,
  attributes = [],
}: {
  scope: unknown;
  fields: ScopeField[];
  onChange(scope: unknown): void;
  testId: string;
  /** The member attributes the app declares (`memberAttributes`), offered first for `user.<key>`. */
  attributes?: ReadonlyArray<{ key: string; label: string }>;
}) {
  const { t } = useTranslation();
  const parsed = parseScope(scope);
  const [mode, setMode] = useState<Mode>(scope === undefined ? 'all' : parsed ? 'builder' : 'raw');
  const [model, setModel] = useState<ScopeModel>(parsed ?? { match: 'any', conditions: [] });
  const [raw, setRaw] = useState(pretty(scope));
  const [rawError, setRawError] = useState<string>();

  const changeModel = (next: ScopeModel) => {
    setModel(next);
    onChange(buildScope(next));
  };
  const changeCondition = (index: number, condition: ScopeCondition) =>
    changeModel({ ...model, conditions: model.conditions.map((c, i) => (i === index ? condition : c)) });
  const switchMode = (next: Mode) => {
    if (next === 'all') onChange(undefined);
    if (next === 'builder') {
      const current = parseScope(scope);
      const start =
        current && current.conditions.length > 0
          ? current
          : { match: 'any' as const, conditions: [defaultCondition(fields)] };
      setModel(start);
      onChange(buildScope(start));
    }
    if (next === 'raw') setRaw(pretty(scope));
    setRawError(undefined);
    setMode(next);
  };
  const applyRaw = (text: string) => {
    setRaw(text);
    if (text.trim() === '') {
      setRawError(undefined);
      onChange(undefined);
      return;
    }
    try {
      const value: unknown = JSON.parse(text);
      if (!value || typeof value !== 'object') throw new Error(t('members.roles.scope.rawNotObject'));
      setRawError(undefined);
      onChange(value);
    } catch (error) {
      setRawError(error instanceof Error ? error.message : String(error));
    }
  };

  const attributeOptions = [
    ...attributes,
    ...DIRECTORY_ATTRIBUTES.filter(
      (known) => !attributes.some((attribute) => attribute.key === known.key),
    ).map((known) => ({ key: known.key, label: t(`members.attributes.known.${known.key}`) })),
  ].map((attribute) => ({ value: attribute.key, label: `${attribute.key} · ${attribute.label}` }));

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={testId}>
      <Radio.Group
        value={mode}
        onChange={(event) => switchMode(event.target.value as Mode)}
        optionType="button"
        size="small"
      >
        <Radio.Button value="all" data-testid={`${testId}-all`}>
          {t('members.roles.scope.all')}
        </Radio.Button>
        <Radio.Button value="builder" data-testid={`${testId}-builder`}>
          {t('members.roles.scope.builder')}
        </Radio.Button>
        <Radio.Button value="raw" data-testid={`${testId}-raw`}>
          {t('members.roles.scope.raw')}
        </Radio.Button>
      </Radio.Group>
      {mode === 'builder' ? (
        <>
          {model.conditions.length > 1 ? (
            <Space>
              <Typography.Text>{t('members.roles.scope.matchPrefix')}</Typography.Text>
              <Select
                size="small"
                value={model.match}
                onChange={(match) => changeModel({ ...model, match })}
                options={[
                  { value: 'any', label: t('members.roles.scope.any') },
                  { value: 'all', label: t('members.roles.scope.every') },
                ]}
              />
            </Space>
          ) : null}
          {model.conditions.map((condition, index) => (
            <Space key={index} wrap size={4} data-testid={`${testId}-condition-${index}`}>
              <Typography.Text type="secondary">{t('members.roles.scope.onlyWhere')}</Typography.Text>
              <Select
                size="small"
                showSearch
                optionFilterProp="label"
                style={{ minWidth: 160 }}
                value={condition.field || undefined}
                placeholder={t('members.roles.scope.field')}
                onChange={(field: string) => changeCondition(index, { ...condition, field })}
                options={fields.map((field) => ({ value: field.path, label: field.label }))}
              />
              <Select
                size="small"
                style={{ minWidth: 170 }}
                value={condition.kind}
                onChange={(kind: ScopeCondition['kind']) =>
                  changeCondition(
                    index,
                    kind === 'isUser'
                      ? { kind, field: condition.field }
                      : {
                          kind,
                          field: condition.field,
                          attribute:
                            'attribute' in condition
                              ? condition.attribute
                              : kind === 'inAttribute'
                                ? 'projects'
                                : 'department',
                        },
                  )
                }
                options={[
                  { value: 'isUser', label: t('members.roles.scope.isUser') },
                  { value: 'inAttribute', label: t('members.roles.scope.inAttribute') },
                  { value: 'equalsAttribute', label: t('members.roles.scope.equalsAttribute') },
                ]}
              />
              {condition.kind === 'isUser' ? null : (
                <AutoComplete
                  size="small"
                  style={{ width: 170 }}
                  value={condition.attribute}
                  options={attributeOptions}
                  onChange={(attribute: string) => changeCondition(index, { ...condition, attribute })}
                  placeholder={t('members.roles.scope.attribute')}
                />
              )}
              <Button
                size="small"
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('members.roles.scope.removeCondition')}
                onClick={() =>
                  changeModel({ ...model, conditions: model.conditions.filter((_, i) => i !== index) })
                }
              />
            </Space>
          ))}
          <Button
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() =>
              changeModel({ ...model, conditions: [...model.conditions, defaultCondition(fields)] })
            }
          >
            {t('members.roles.scope.addCondition')}
          </Button>
          {buildScope(model) === undefined ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('members.roles.scope.emptyMeansAll')}
            </Typography.Text>
          ) : (
            <Typography.Text
              type="secondary"
              className="mono"
              style={{ fontSize: 12 }}
              data-testid={`${testId}-logic`}
            >
              {JSON.stringify(buildScope(model))}
            </Typography.Text>
          )}
        </>
      ) : null}
      {mode === 'raw' ? (
        <>
          <Input.TextArea
            value={raw}
            onChange={(event) => applyRaw(event.target.value)}
            autoSize={{ minRows: 3, maxRows: 12 }}
            className="mono"
            status={rawError ? 'error' : undefined}
            placeholder='{"in":[{"var":"record.project"},{"var":"user.projects"}]}'
            data-testid={`${testId}-raw-input`}
          />
          {rawError ? <Alert type="error" showIcon message={rawError} /> : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('members.roles.scope.rawHint')}
          </Typography.Text>
        </>
      ) : null}
    </Space>
  );
}

function defaultCondition(fields: ScopeField[]): ScopeCondition {
  const user = fields.find((field) => field.isUser);
  if (user) return { kind: 'isUser', field: user.path };
  const project = fields.find((field) => field.path === 'project');
  return { kind: 'inAttribute', field: project?.path ?? fields[0]?.path ?? '', attribute: 'projects' };
}
