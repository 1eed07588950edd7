import { Table, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHANGE_KINDS, type ChangeKind, type ChangeType, type ImportChange } from '../../../api/types';
import { localize, useLocale } from '../../../hooks/useLocale';

export const CHANGE_COLORS: { [K in ChangeType]: string } = { add: 'green', change: 'blue', remove: 'red' };

/** Changes bucketed by kind, in the order of CHANGE_KINDS (app first, seed data last). */
export function groupChangesByKind(changes: ImportChange[]): [ChangeKind, ImportChange[]][] {
  const groups = new Map<ChangeKind, ImportChange[]>();
  for (const change of changes) groups.set(change.kind, [...(groups.get(change.kind) ?? []), change]);
  return CHANGE_KINDS.flatMap((kind) => {
    const group = groups.get(kind);
    return group ? [[kind, group] as [ChangeKind, ImportChange[]]] : [];
  });
}

export function ChangeTag({ change }: { change: ChangeType }) {
  const { t } = useTranslation();
  return (
    <Tag color={CHANGE_COLORS[change]} style={{ marginInlineEnd: 0 }}>
      {t(`import.change.${change}`)}
    </Tag>
  );
}

function ChangesOfKind({ changes }: { changes: ImportChange[] }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const columns: TableProps<ImportChange>['columns'] = [
    {
      title: t('import.columns.change'),
      dataIndex: 'change',
      width: 80,
      render: (change: ChangeType) => <ChangeTag change={change} />,
    },
    {
      title: t('import.columns.key'),
      dataIndex: 'key',
      render: (key: string) => <span className="mono">{key}</span>,
    },
    {
      title: t('import.columns.label'),
      dataIndex: 'label',
      render: (label: ImportChange['label']) => localize(label, locale),
      responsive: ['sm'],
    },
    {
      title: t('import.columns.path'),
      dataIndex: 'path',
      render: (path: string) => <span className="mono">{path}</span>,
      responsive: ['md'],
    },
  ];
  return (
    <Table<ImportChange>
      size="small"
      rowKey={(change) => `${change.change}:${change.path}`}
      columns={columns}
      dataSource={changes}
      pagination={changes.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
    />
  );
}

export function ImportChanges({ changes }: { changes: ImportChange[] }) {
  const { t } = useTranslation();
  const groups = groupChangesByKind(changes);
  return (
    <div data-testid="import-changes">
      {groups.map(([kind, group]) => (
        <section key={kind} style={{ marginBottom: 16 }} data-testid={`import-changes-${kind}`}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t(`import.kind.${kind}`)} ({group.length})
          </Typography.Title>
          <ChangesOfKind changes={group} />
        </section>
      ))}
    </div>
  );
}
