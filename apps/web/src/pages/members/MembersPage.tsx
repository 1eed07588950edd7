import { EditOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Grid,
  Input,
  List,
  Pagination,
  Result,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/PageHeading';
import { api } from '../../api';
import type { MemberDto } from '../../api/memberTypes';
import type { WorkspaceRole } from '../../api/types';
import { useSignedInSession } from '../../hooks/session';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { AddMemberModal } from './AddMemberModal';
import { useDepartments } from '../../hooks/useDepartments';
import { attributeTexts } from './attributes';
import { MemberDrawer } from './MemberDrawer';
import { useAppRoles } from './useAppRoles';
import { useDeclaredAttributes } from './useDeclaredAttributes';
import { localize, useLocale } from '../../hooks/useLocale';

const PAGE_SIZE = 50;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** `/members`: who is in the workspace, with their workspace role, app roles and attributes. Admins only. */
export function MembersPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const errorText = useErrorText();
  const isPhone = !Grid.useBreakpoint().md;
  const roles = useAppRoles();
  const { locale } = useLocale();
  const attributes = useDeclaredAttributes();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const [role, setRole] = useState<WorkspaceRole>();
  const [appRole, setAppRole] = useState<string>();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<MemberDto>();
  const [adding, setAdding] = useState(false);
  useEffect(() => setPage(1), [q, role, appRole]);

  const load = useCallback(
    () => api.listMembers({ q, role, appRole, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    [q, role, appRole, page],
  );
  const members = useAsyncData(load);
  const { departments } = useDepartments();
  const items = useMemo(() => members.data?.items ?? [], [members.data]);
  const attributeKeys = useMemo(
    () => [...new Set(items.flatMap((m) => Object.keys(m.attributes)))].sort(),
    [items],
  );

  if (session.role !== 'admin') return <Result status="403" title={t('members.adminsOnly')} />;

  const appRoleTags = (member: MemberDto) =>
    member.appRoles.map((key) => (
      <Tag key={key} color="blue" style={{ marginInlineEnd: 4 }}>
        {roles.labelOf(key)}
      </Tag>
    ));
  // Departments show by name; a key the directory no longer has shows as it is.
  const departmentName = (key: unknown) =>
    departments?.find((department) => department.key === key)?.name ?? String(key);
  const flag = (value: boolean) => t(value ? 'members.attributes.yes' : 'members.attributes.no');
  // Declared attributes first, by their label (records by title, options by label); then the others.
  const attributeLines = (member: MemberDto) => {
    const declaredKeys = attributes.declared.map((attribute) => attribute.key);
    const keys = [
      ...declaredKeys.filter((key) => key in member.attributes),
      ...Object.keys(member.attributes).filter((key) => !declaredKeys.includes(key)),
    ];
    return keys.map((key) => {
      const value = member.attributes[key];
      const declaration = attributes.declared.find((attribute) => attribute.key === key);
      const texts =
        !declaration && (key === 'department' || key === 'departments')
          ? (Array.isArray(value) ? value : [value]).map(departmentName)
          : attributeTexts(value, declaration, member.titles ?? {}, locale, flag);
      return (
        <div
          key={key}
          style={{ fontSize: 12, overflowWrap: 'anywhere' }}
          data-testid={`member-attribute-${key}`}
        >
          <Typography.Text type="secondary">
            {declaration
              ? localize(declaration.label, locale)
              : t(`members.attributes.known.${key}`, { defaultValue: key })}
            :
          </Typography.Text>{' '}
          {texts.join(', ')}
        </div>
      );
    });
  };
  const statusTags = (member: MemberDto) => (
    <>
      <Tag color={member.role === 'admin' ? 'gold' : undefined}>{t(`user.role.${member.role}`)}</Tag>
      {member.active ? null : <Tag color="red">{t('members.inactive')}</Tag>}
    </>
  );

  const columns: TableProps<MemberDto>['columns'] = [
    {
      key: 'name',
      title: t('members.name'),
      render: (_, member) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{member.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <span className="mono">{member.username}</span>
            {member.email ? ` · ${member.email}` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'role', title: t('members.role'), width: 130, render: (_, member) => statusTags(member) },
    { key: 'appRoles', title: t('members.appRoles'), render: (_, member) => appRoleTags(member) },
    {
      key: 'attributes',
      title: t('members.attributes.title'),
      render: (_, member) => attributeLines(member),
    },
    {
      key: 'edit',
      width: 90,
      render: (_, member) => (
        <Button
          icon={<EditOutlined />}
          onClick={() => setEditing(member)}
          data-testid={`member-edit-${member.username}`}
        >
          {t('members.edit')}
        </Button>
      ),
    },
  ];

  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: members.data?.total ?? 0,
    onChange: setPage,
    showSizeChanger: false,
    hideOnSinglePage: true,
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="members-page">
      <PageHeading
        title={t('members.title')}
        count={members.data ? t('members.total', { count: members.data.total }) : undefined}
        action={
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            onClick={() => setAdding(true)}
            data-testid="member-add"
          >
            {t('members.add')}
          </Button>
        }
      />
      <Space wrap style={{ width: '100%' }}>
        <Input.Search
          allowClear
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder={t('members.searchPlaceholder')}
          style={{ width: isPhone ? '100%' : 280 }}
          data-testid="members-search"
        />
        <Select<WorkspaceRole>
          allowClear
          value={role}
          onChange={setRole}
          placeholder={t('members.filterRole')}
          style={{ width: 140 }}
          options={(['admin', 'member'] as const).map((value) => ({ value, label: t(`user.role.${value}`) }))}
        />
        <Select<string>
          allowClear
          value={appRole}
          onChange={setAppRole}
          placeholder={t('members.filterAppRole')}
          style={{ width: 180 }}
          options={roles.choices.map((choice) => ({ value: choice.key, label: choice.label }))}
          data-testid="members-filter-app-role"
        />
      </Space>
      {members.error ? <Alert type="error" showIcon message={errorText(members.error)} /> : null}
      {roles.error ? <Alert type="warning" showIcon message={errorText(roles.error)} /> : null}
      {attributes.error ? <Alert type="warning" showIcon message={errorText(attributes.error)} /> : null}
      {isPhone ? (
        <>
          <List<MemberDto>
            loading={members.loading}
            dataSource={items}
            locale={{ emptyText: t('members.empty') }}
            renderItem={(member) => (
              <Card
                size="small"
                style={{ marginBottom: 8 }}
                onClick={() => setEditing(member)}
                data-testid={`member-card-${member.username}`}
                hoverable
              >
                <Space style={{ justifyContent: 'space-between', width: '100%' }} align="start">
                  <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
                    <Typography.Text strong>{member.displayName}</Typography.Text>
                    <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                      {member.username}
                    </Typography.Text>
                  </Space>
                  <span>{statusTags(member)}</span>
                </Space>
                {member.appRoles.length > 0 ? (
                  <div style={{ marginTop: 6 }}>{appRoleTags(member)}</div>
                ) : null}
                <div style={{ marginTop: 4 }}>{attributeLines(member)}</div>
              </Card>
            )}
          />
          <Pagination {...pagination} size="small" />
        </>
      ) : (
        <Table<MemberDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={members.loading}
          pagination={pagination}
          locale={{ emptyText: t('members.empty') }}
          onRow={(member) =>
            ({ 'data-testid': `member-row-${member.username}` }) as React.HTMLAttributes<HTMLElement>
          }
        />
      )}
      {editing ? (
        <MemberDrawer
          // Opened before the declarations arrived: opened again once they have, to split the attributes.
          key={`${editing.id}:${attributes.loaded}`}
          member={editing}
          choices={roles.choices}
          attributeKeys={attributeKeys}
          declared={attributes.declared}
          onClose={() => setEditing(undefined)}
          onChanged={members.reload}
        />
      ) : null}
      {adding ? (
        <AddMemberModal
          choices={roles.choices}
          attributeKeys={attributeKeys}
          declared={attributes.declared}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            members.reload();
          }}
        />
      ) : null}
    </Space>
  );
}
