import type { EntityDefinition } from '@lowcode/app-model';
import { Input, InputNumber, Select, Switch, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeclaredAttribute } from '../../api/memberTypes';
import { searchRecords } from '../../forms/widgets/PickerWidgets';
import { useRemoteOptions, withCurrentLabels, type RemoteOption } from '../../forms/widgets/useRemoteOptions';
import { localize, useLocale } from '../../hooks/useLocale';

const idsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : [];

/**
 * Records of a relation attribute's target, searched and shown by title (the records API, as the relation
 * picker of generated forms does); the member's current ids show by the titles the server answered.
 */
function RecordPicker({
  attribute,
  target,
  value,
  onChange,
  titles,
  testId,
}: {
  attribute: DeclaredAttribute;
  target: EntityDefinition;
  value: unknown;
  onChange(value: unknown): void;
  titles: Record<string, string>;
  testId: string;
}) {
  const { locale } = useLocale();
  const multiple = !!attribute.multiple;
  // Titles of the records picked here, so they keep their names when a later search does not list them.
  const [picked, setPicked] = useState<Record<string, string>>({});
  const search = useCallback(
    (q: string): Promise<RemoteOption[]> => searchRecords(attribute.app, target, locale, q),
    [attribute.app, target, locale],
  );
  const { options, loading, onSearch, loadFirst } = useRemoteOptions(search);
  const ids = idsOf(value);
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      showSearch
      allowClear
      filterOption={false}
      loading={loading}
      style={{ width: '100%' }}
      value={multiple ? ids : ids[0]}
      options={withCurrentLabels(
        options,
        ids,
        ids.map((id) => picked[id] ?? titles[id] ?? id),
      )}
      onSearch={onSearch}
      onDropdownVisibleChange={(open) => open && loadFirst()}
      onChange={(next: string | string[] | undefined) => {
        const labels = Object.fromEntries(options.map((option) => [option.value, option.label]));
        setPicked((known) => ({
          ...known,
          ...Object.fromEntries(idsOf(next).flatMap((id) => (labels[id] ? [[id, labels[id]]] : []))),
        }));
        onChange(next ?? (multiple ? [] : undefined));
      }}
      data-testid={testId}
    />
  );
}

/** The control fitting one declared attribute. */
function Control({
  attribute,
  value,
  onChange,
  titles,
}: {
  attribute: DeclaredAttribute;
  value: unknown;
  onChange(value: unknown): void;
  titles: Record<string, string>;
}) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const testId = `declared-attribute-input-${attribute.key}`;
  switch (attribute.type) {
    case 'relation':
      return attribute.target ? (
        <RecordPicker
          attribute={attribute}
          target={attribute.target}
          value={value}
          onChange={onChange}
          titles={titles}
          testId={testId}
        />
      ) : (
        // The app no longer has the entity: the ids can still be removed.
        <Select
          mode={attribute.multiple ? 'multiple' : undefined}
          allowClear
          style={{ width: '100%' }}
          value={attribute.multiple ? idsOf(value) : idsOf(value)[0]}
          options={idsOf(value).map((id) => ({ value: id, label: titles[id] ?? id }))}
          onChange={(next: unknown) => onChange(next)}
          data-testid={testId}
        />
      );
    case 'select':
      return (
        <Select
          mode={attribute.multiple ? 'multiple' : undefined}
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: '100%' }}
          value={attribute.multiple ? idsOf(value) : idsOf(value)[0]}
          options={(attribute.options ?? []).map((option) => ({
            value: option.value,
            label: localize(option.label, locale),
          }))}
          onChange={(next: unknown) => onChange(next)}
          data-testid={testId}
        />
      );
    case 'number':
      return (
        <InputNumber
          style={{ width: '100%' }}
          value={typeof value === 'number' ? value : null}
          // Unset, the member counts as the declared default: shown, not stored.
          placeholder={
            typeof attribute.defaultValue === 'number' ? String(attribute.defaultValue) : undefined
          }
          onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
          data-testid={testId}
        />
      );
    case 'boolean':
      return (
        <Switch
          // Unset, the member counts as the declared default (auto-dispatch takes a member without
          // onDuty as on duty), so that is what the switch shows.
          checked={(typeof value === 'boolean' ? value : attribute.defaultValue) === true}
          onChange={(flag) => onChange(flag)}
          data-testid={testId}
        />
      );
    case 'text':
      return attribute.multiple ? (
        <Select
          mode="tags"
          style={{ width: '100%' }}
          value={idsOf(value)}
          tokenSeparators={[',', '，']}
          open={false}
          suffixIcon={null}
          placeholder={t('members.attributes.listPlaceholder')}
          onChange={(next: string[]) => onChange(next)}
          data-testid={testId}
        />
      ) : (
        <Input
          value={typeof value === 'string' ? value : value === undefined ? '' : String(value)}
          maxLength={200}
          onChange={(event) => onChange(event.target.value)}
          data-testid={testId}
        />
      );
  }
}

/**
 * The attributes the workspace's apps declare, one labelled row each with its control: a record picker for a
 * relation, the options of a select, a number, a switch, text or tags. Stacked, so it fits a phone.
 */
export function DeclaredAttributesEditor({
  declared,
  value,
  onChange,
  titles,
  errors = {},
}: {
  declared: DeclaredAttribute[];
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
  titles: Record<string, string>;
  /** The server's problems by attribute key. */
  errors?: Record<string, string[]>;
}) {
  const { locale } = useLocale();
  if (declared.length === 0) return null;
  return (
    <div data-testid="declared-attributes" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      {declared.map((attribute) => (
        <div key={attribute.key} data-testid={`declared-attribute-${attribute.key}`} style={{ minWidth: 0 }}>
          <div style={{ marginBottom: 4, display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
            <Typography.Text>{localize(attribute.label, locale)}</Typography.Text>
            <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
              {attribute.key}
            </Typography.Text>
          </div>
          <Control
            attribute={attribute}
            value={value[attribute.key]}
            onChange={(next) => onChange({ ...value, [attribute.key]: next })}
            titles={titles}
          />
          {attribute.description ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {localize(attribute.description, locale)}
            </Typography.Text>
          ) : null}
          {(errors[attribute.key] ?? []).map((message) => (
            <Typography.Text key={message} type="danger" style={{ fontSize: 12, display: 'block' }}>
              {message}
            </Typography.Text>
          ))}
        </div>
      ))}
    </div>
  );
}
