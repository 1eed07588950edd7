import type {
  AppDefinition,
  EntityDefinition,
  FieldDefinition,
  Locale,
  LocalizedText,
} from '@lowcode/app-model';
import { isComputedField } from '@lowcode/form-engine';
import { Divider, Empty, Form, Input, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../hooks/useLocale';
import type { DesignerAction } from './designerReducer';
import { KEY_RE } from './designerReducer';
import { FIELD_CATALOG } from './fieldCatalog';
import { TypeOptions } from './TypeOptions';

function LabelInputs({
  value,
  onChange,
  testId,
}: {
  value: LocalizedText | undefined;
  onChange(text: LocalizedText): void;
  testId?: string;
}) {
  return (
    <>
      <Input
        addonBefore="中文"
        value={value?.['zh-CN'] ?? ''}
        onChange={(e) => onChange({ ...value, 'zh-CN': e.target.value })}
        data-testid={testId ? `${testId}-zh` : undefined}
        style={{ marginBottom: 4 }}
      />
      <Input
        addonBefore="EN"
        value={value?.en ?? ''}
        onChange={(e) => onChange({ 'zh-CN': value?.['zh-CN'] ?? '', en: e.target.value })}
        data-testid={testId ? `${testId}-en` : undefined}
      />
    </>
  );
}

/** Typed keys are applied only once valid and free; until then the box shows what is being typed. */
function KeyInput({
  field,
  saved,
  dispatch,
}: {
  field: FieldDefinition;
  saved: boolean;
  dispatch: (a: DesignerAction) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(field.key);
  const valid = KEY_RE.test(draft);
  return (
    <Form.Item
      label={t('designer.key')}
      extra={saved ? t('designer.keyLocked') : t('designer.keyHelp')}
      validateStatus={valid ? undefined : 'error'}
    >
      <Input
        className="mono"
        disabled={saved}
        value={draft}
        data-testid="designer-prop-key"
        onChange={(e) => {
          setDraft(e.target.value);
          dispatch({ type: 'setKey', key: field.key, newKey: e.target.value });
        }}
      />
    </Form.Item>
  );
}

export function PropertyPanel(props: {
  app: AppDefinition;
  entity: EntityDefinition;
  field: FieldDefinition | undefined;
  saved: boolean;
  locale: Locale;
  dispatch: (action: DesignerAction) => void;
}) {
  const { app, entity, field, saved, locale, dispatch } = props;
  const { t } = useTranslation();
  if (!field) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('designer.selectField')} />;
  const patch = (next: Partial<FieldDefinition>) => dispatch({ type: 'update', key: field.key, patch: next });
  const computed = isComputedField(field);
  return (
    <Form layout="vertical" component="div" size="small" data-testid="designer-properties">
      <Tag>{localize(FIELD_CATALOG[field.type].name, locale)}</Tag>
      <Form.Item label={t('designer.label')} style={{ marginTop: 8 }}>
        <LabelInputs
          value={field.label}
          onChange={(label) => dispatch({ type: 'setLabel', key: field.key, label })}
          testId="designer-prop-label"
        />
      </Form.Item>
      {/* Keyed by field key: renaming through the label resets the draft to the new key. */}
      <KeyInput key={field.key} field={field} saved={saved} dispatch={dispatch} />
      <Form.Item
        label={t('designer.required')}
        extra={computed ? t('designer.computedNotRequired') : undefined}
      >
        <Switch
          checked={!!field.required}
          disabled={computed}
          onChange={(required) => patch({ required: required || undefined })}
          data-testid="designer-prop-required"
        />
      </Form.Item>
      <Form.Item label={t('designer.unique')}>
        <Switch checked={!!field.unique} onChange={(unique) => patch({ unique: unique || undefined })} />
      </Form.Item>
      <Form.Item label={t('designer.description')}>
        <LabelInputs
          value={field.description}
          onChange={(description) =>
            patch({ description: description['zh-CN'] || description.en ? description : undefined })
          }
        />
      </Form.Item>
      <Divider style={{ margin: '8px 0' }} />
      <TypeOptions field={field} entity={entity} app={app} locale={locale} onPatch={patch} />
    </Form>
  );
}
