import type { AppDefinition, EntityDefinition, FieldDefinition, Locale } from '@lowcode/app-model';
import { Form, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../hooks/useLocale';
import { AutoNumberOptions, FormulaOptions, LookupOptions, RollupOptions } from './ComputedOptions';
import { OptionsEditor } from './OptionsEditor';
import { SubTableColumnsEditor } from './SubTableColumnsEditor';

type Patch = (patch: Partial<FieldDefinition>) => void;
type Props = {
  field: FieldDefinition;
  entity: EntityDefinition;
  app: AppDefinition;
  locale: Locale;
  onPatch: Patch;
};

/** A number option; clearing the box removes the option instead of storing null (the schema refuses null). */
function NumberOption({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number | undefined;
  onChange(value: number | undefined): void;
}) {
  return (
    <Form.Item label={label}>
      <InputNumber
        style={{ width: '100%' }}
        value={value ?? null}
        onChange={(next) => onChange(next ?? undefined)}
      />
    </Form.Item>
  );
}

function TextOption({
  label,
  value,
  onChange,
  mono,
}: {
  label: string;
  value: string | undefined;
  onChange(value: string | undefined): void;
  mono?: boolean;
}) {
  return (
    <Form.Item label={label}>
      <Input
        className={mono ? 'mono' : undefined}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || undefined)}
      />
    </Form.Item>
  );
}

/** The options that belong to the selected field's type (app-definition.md §Fields). */
export function TypeOptions({ field, entity, app, locale, onPatch }: Props) {
  const { t } = useTranslation();
  const num = (name: string, value: number | undefined) => (
    <NumberOption
      key={name}
      label={t(`designer.options.${name}`)}
      value={value}
      onChange={(v) => onPatch({ [name]: v } as Partial<FieldDefinition>)}
    />
  );
  switch (field.type) {
    case 'text':
      return (
        <>
          {num('minLength', field.minLength)}
          {num('maxLength', field.maxLength)}
          <TextOption
            mono
            label={t('designer.options.pattern')}
            value={field.pattern}
            onChange={(pattern) => onPatch({ pattern } as Partial<FieldDefinition>)}
          />
        </>
      );
    case 'longText':
      return (
        <>
          {num('minLength', field.minLength)}
          {num('maxLength', field.maxLength)}
        </>
      );
    case 'richText':
      return num('maxLength', field.maxLength);
    case 'number':
    case 'money':
    case 'percent':
      return (
        <>
          {num('min', field.min)}
          {num('max', field.max)}
          {num('precision', field.precision)}
          {field.type === 'number' ? (
            <TextOption
              label={t('designer.options.unit')}
              value={field.unit}
              onChange={(unit) => onPatch({ unit } as Partial<FieldDefinition>)}
            />
          ) : null}
        </>
      );
    case 'date':
    case 'datetime':
    case 'dateRange':
      return (
        <>
          <TextOption
            mono
            label={t('designer.options.minDate')}
            value={field.minDate}
            onChange={(minDate) => onPatch({ minDate } as Partial<FieldDefinition>)}
          />
          <TextOption
            mono
            label={t('designer.options.maxDate')}
            value={field.maxDate}
            onChange={(maxDate) => onPatch({ maxDate } as Partial<FieldDefinition>)}
          />
        </>
      );
    case 'select':
    case 'multiSelect':
    case 'status':
      return (
        <>
          <Form.Item label={t('designer.options.options')}>
            <OptionsEditor
              options={field.options}
              onChange={(options) => onPatch({ options } as Partial<FieldDefinition>)}
            />
          </Form.Item>
          {field.type === 'multiSelect' ? num('maxSelected', field.maxSelected) : null}
        </>
      );
    case 'rating':
      return num('max', field.max);
    case 'attachment':
    case 'image':
      return (
        <>
          {num('maxFiles', field.maxFiles)}
          {num('maxSizeMb', field.maxSizeMb)}
        </>
      );
    case 'location':
      return (
        <Form.Item label={t('designer.options.requireGeo')}>
          <Switch
            checked={!!field.requireGeo}
            onChange={(requireGeo) => onPatch({ requireGeo } as Partial<FieldDefinition>)}
          />
        </Form.Item>
      );
    case 'relation':
      return (
        <>
          <Form.Item label={t('designer.options.target')}>
            <Select
              value={field.relation.entity}
              options={app.entities.map((e) => ({ value: e.key, label: localize(e.label, locale) }))}
              onChange={(target: string) => {
                // What it copied from the picked record named the old target's fields.
                const { fill: _fill, ...relation } = field.relation;
                onPatch({ relation: { ...relation, entity: target } } as Partial<FieldDefinition>);
              }}
              data-testid="designer-relation-target"
            />
          </Form.Item>
          <Form.Item label={t('designer.options.multiple')}>
            <Switch
              checked={!!field.relation.multiple}
              onChange={(multiple) => {
                // Several picked records give no one value to copy: a multiple relation fills nothing.
                const { fill, ...relation } = field.relation;
                onPatch({
                  relation: { ...relation, multiple, ...(fill && !multiple ? { fill } : {}) },
                } as Partial<FieldDefinition>);
              }}
            />
          </Form.Item>
        </>
      );
    case 'user':
    case 'department':
      return (
        <Form.Item label={t('designer.options.multiple')}>
          <Switch
            checked={!!field.multiple}
            onChange={(multiple) => onPatch({ multiple } as Partial<FieldDefinition>)}
          />
        </Form.Item>
      );
    case 'subTable':
      return (
        <>
          <Form.Item label={t('designer.options.columns')}>
            <SubTableColumnsEditor
              columns={field.fields}
              locale={locale}
              onChange={(fields) => onPatch({ fields } as Partial<FieldDefinition>)}
            />
          </Form.Item>
          {num('minRows', field.minRows)}
          {num('maxRows', field.maxRows)}
        </>
      );
    case 'autoNumber':
      return <AutoNumberOptions field={field} entity={entity} locale={locale} onPatch={onPatch} />;
    case 'formula':
      return (
        <FormulaOptions key={field.key} field={field} entity={entity} locale={locale} onPatch={onPatch} />
      );
    case 'lookup':
      return <LookupOptions field={field} entity={entity} app={app} locale={locale} onPatch={onPatch} />;
    case 'rollup':
      return <RollupOptions field={field} entity={entity} app={app} locale={locale} onPatch={onPatch} />;
    case 'checkbox':
    case 'signature':
    case 'phone':
    case 'email':
    case 'url':
    case 'idCard':
    case 'creditCode':
    case 'createdBy':
    case 'createdAt':
    case 'updatedBy':
    case 'updatedAt':
      return null;
  }
}
