import { pickFilterFor, type EntityDefinition, type Locale } from '@lowcode/app-model';
import { Select } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { api } from '../../api';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { pickerLabel } from '../../fields/recordTitle';
import type { WidgetProps } from '../widgetTypes';
import { fieldOfType } from '../widgetTypes';
import { useRemoteOptions, withCurrentLabels, type RemoteOption } from './useRemoteOptions';

const idsOf = (value: unknown): string[] =>
  Array.isArray(value) ? (value as string[]) : typeof value === 'string' && value ? [value] : [];

function RemotePicker({
  value,
  onChange,
  onBlur,
  id,
  invalid,
  multiple,
  labels,
  search,
}: Pick<WidgetProps, 'value' | 'onChange' | 'onBlur' | 'id' | 'invalid'> & {
  multiple: boolean;
  labels: string | string[] | undefined;
  search: (q: string) => Promise<RemoteOption[]>;
}) {
  const { options, loading, onSearch, loadFirst } = useRemoteOptions(search);
  const opened = useRef(false);
  // Another search (the picker's filter follows the form: rooms of the project just chosen) loads afresh.
  useEffect(() => {
    opened.current = false;
  }, [search]);
  const ids = idsOf(value);
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      showSearch
      filterOption={false}
      allowClear
      loading={loading}
      status={invalid ? 'error' : undefined}
      value={multiple ? ids : ids[0]}
      options={withCurrentLabels(options, ids, labels)}
      onSearch={onSearch}
      onDropdownVisibleChange={(open) => {
        if (open && !opened.current) {
          opened.current = true;
          loadFirst();
        }
      }}
      onChange={(next: string | string[] | undefined) =>
        onChange(multiple ? (next ?? []) : typeof next === 'string' ? next : null)
      }
      onBlur={onBlur}
    />
  );
}

/** Records of `target` matching `q`, each shown by its title and first list fields: a relation picker's options. */
export async function searchRecords(
  appKey: string,
  target: EntityDefinition,
  locale: Locale,
  q: string,
  filter?: unknown,
): Promise<RemoteOption[]> {
  const page = await api.listRecords(appKey, target.key, {
    q,
    limit: 20,
    ...(filter !== undefined ? { filter } : {}),
  });
  return page.items.map((record) => ({ value: record.id, label: pickerLabel(target, record, locale) }));
}

/**
 * Searches the target entity's records (`q`) and shows each by the target's titleField; the relation's
 * `pickFilter`, bound to the values beside it in the form, narrows what it offers.
 */
export function RelationPickerWidget(props: WidgetProps) {
  const { context } = props;
  const relation = fieldOfType(props.field, 'relation')?.relation;
  const target = context.app.entities.find((entity) => entity.key === relation?.entity);
  // Compared as text: the form's values are a new object on every keystroke, the filter seldom changes.
  const filterText = JSON.stringify(pickFilterFor(relation?.pickFilter, context.values) ?? null);
  const search = useCallback(
    async (q: string): Promise<RemoteOption[]> => {
      const filter: unknown = JSON.parse(filterText);
      return target ? searchRecords(context.appKey, target, context.locale, q, filter ?? undefined) : [];
    },
    [context.appKey, context.locale, target, filterText],
  );
  return (
    <RemotePicker
      {...props}
      multiple={!!relation?.multiple}
      labels={context.display[props.field.key]}
      search={search}
    />
  );
}

/** Workspace members from GET /api/users?q= — those holding one of the field's `roles` when it names some. */
export function UserPickerWidget(props: WidgetProps) {
  const field = fieldOfType(props.field, 'user');
  const multiple = !!field?.multiple;
  const roles = field?.roles?.join(',') ?? '';
  const search = useCallback(
    async (q: string): Promise<RemoteOption[]> => {
      const users = await api.searchUsers(q, roles);
      return users.map((user) => ({ value: user.id, label: `${user.displayName} (${user.username})` }));
    },
    [roles],
  );
  return (
    <RemotePicker
      {...props}
      multiple={multiple}
      labels={props.context.display[props.field.key]}
      search={search}
    />
  );
}

/** Departments of the workspace by name, in their tree; the field holds their keys. */
export function DepartmentPickerWidget({ id, value, onChange, onBlur, invalid, field }: WidgetProps) {
  return (
    <DepartmentSelect
      id={id}
      value={value as string | string[] | null}
      multiple={!!fieldOfType(field, 'department')?.multiple}
      invalid={invalid}
      onChange={onChange}
      onBlur={onBlur}
    />
  );
}
