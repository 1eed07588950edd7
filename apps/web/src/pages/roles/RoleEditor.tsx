import {
  PERMISSION_ACTIONS,
  localize,
  type AppDefinition,
  type EntityPermission,
  type Locale,
  type PermissionAction,
  type RoleDefinition,
} from '@lowcode/app-model';
import { Checkbox, Input, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  FIELD_FLAGS,
  fieldFlags,
  setAction,
  setAllActions,
  setFieldFlag,
  setScope,
  toMatrix,
} from './permissionMatrix';
import { ScopeEditor } from './ScopeEditor';
import { scopeFields } from './scopeFields';

interface Row {
  entity: string;
  label: string;
  permission: EntityPermission | undefined;
}

/** One role: its label and its permissions as entities × actions, with scope and field rules per entity. */
export function RoleEditor({
  app,
  role,
  locale,
  onChange,
}: {
  app: AppDefinition;
  role: RoleDefinition;
  locale: Locale;
  onChange(role: RoleDefinition): void;
}) {
  const { t } = useTranslation();
  const entities = app.entities.map((entity) => entity.key);
  const matrix = toMatrix(role.permissions, entities);
  const setPermissions = (permissions: EntityPermission[]) => onChange({ ...role, permissions });
  const rows: Row[] = app.entities.map((entity) => ({
    entity: entity.key,
    label: localize(entity.label, locale),
    permission: role.permissions.find((p) => p.entity === entity.key),
  }));

  const columns: TableProps<Row>['columns'] = [
    {
      key: 'entity',
      title: t('members.roles.entity'),
      fixed: 'left',
      width: 150,
      render: (_, row) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong={!!row.permission}>{row.label}</Typography.Text>
          <Space size={2} wrap>
            {row.permission?.scope !== undefined ? (
              <Tag color="purple">{t('members.roles.scoped')}</Tag>
            ) : null}
            {row.permission?.fields ? <Tag color="orange">{t('members.roles.fieldRules')}</Tag> : null}
          </Space>
        </Space>
      ),
    },
    {
      key: 'all',
      title: t('members.roles.allActions'),
      width: 60,
      align: 'center',
      render: (_, row) => {
        const granted = PERMISSION_ACTIONS.filter((action) => matrix[row.entity]?.[action]).length;
        return (
          <Checkbox
            checked={granted === PERMISSION_ACTIONS.length}
            indeterminate={granted > 0 && granted < PERMISSION_ACTIONS.length}
            onChange={(event) =>
              setPermissions(setAllActions(role.permissions, row.entity, event.target.checked))
            }
            aria-label={`${row.label} ${t('members.roles.allActions')}`}
          />
        );
      },
    },
    ...PERMISSION_ACTIONS.map((action: PermissionAction) => ({
      key: action,
      title: t(`members.roles.action.${action}`),
      width: 64,
      align: 'center' as const,
      render: (_: unknown, row: Row) => (
        <Checkbox
          checked={!!matrix[row.entity]?.[action]}
          onChange={(event) =>
            setPermissions(setAction(role.permissions, row.entity, action, event.target.checked))
          }
          aria-label={`${row.label} ${t(`members.roles.action.${action}`)}`}
          data-testid={`grant-${row.entity}-${action}`}
        />
      ),
    })),
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Input
          addonBefore="中文"
          value={role.label['zh-CN'] ?? ''}
          onChange={(event) => onChange({ ...role, label: { ...role.label, 'zh-CN': event.target.value } })}
          style={{ width: 240 }}
        />
        <Input
          addonBefore="EN"
          value={role.label.en ?? ''}
          onChange={(event) => onChange({ ...role, label: { ...role.label, en: event.target.value } })}
          style={{ width: 240 }}
        />
        <Typography.Text type="secondary" className="mono">
          {role.key}
        </Typography.Text>
      </Space>
      <Table<Row>
        rowKey="entity"
        size="small"
        bordered
        pagination={false}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        data-testid="role-matrix"
        expandable={{
          rowExpandable: (row) => !!row.permission,
          expandedRowRender: (row) => {
            const entity = app.entities.find((candidate) => candidate.key === row.entity)!;
            return (
              <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                <div>
                  <Typography.Text strong>{t('members.roles.scope.title')}</Typography.Text>
                  <ScopeEditor
                    key={`${role.key}:${row.entity}`}
                    scope={row.permission?.scope}
                    fields={scopeFields(app, entity, locale)}
                    onChange={(scope) => setPermissions(setScope(role.permissions, row.entity, scope))}
                    testId={`scope-${row.entity}`}
                    attributes={(app.memberAttributes ?? []).map((attribute) => ({
                      key: attribute.key,
                      label: localize(attribute.label, locale),
                    }))}
                  />
                </div>
                <div>
                  <Typography.Text strong>{t('members.roles.fields.title')}</Typography.Text>
                  <Table
                    size="small"
                    rowKey="key"
                    pagination={false}
                    data-testid={`field-rules-${row.entity}`}
                    dataSource={entity.fields.map((field) => ({
                      key: field.key,
                      label: localize(field.label, locale),
                    }))}
                    columns={[
                      { key: 'field', title: t('members.roles.fields.field'), dataIndex: 'label' },
                      ...FIELD_FLAGS.map((flag) => ({
                        key: flag,
                        title: t(`members.roles.fields.${flag}`),
                        width: 90,
                        align: 'center' as const,
                        render: (_: unknown, field: { key: string }) => {
                          const flags = fieldFlags(row.permission, field.key);
                          return (
                            <Checkbox
                              checked={flags[flag]}
                              disabled={flag !== 'hidden' && flags.hidden}
                              onChange={(event) =>
                                setPermissions(
                                  setFieldFlag(
                                    role.permissions,
                                    row.entity,
                                    field.key,
                                    flag,
                                    event.target.checked,
                                  ),
                                )
                              }
                              data-testid={`field-${row.entity}-${field.key}-${flag}`}
                            />
                          );
                        },
                      })),
                    ]}
                  />
                </div>
              </Space>
            );
          },
        }}
      />
    </Space>
  );
}
