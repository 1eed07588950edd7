import type { EntityDefinition, Locale } from '@lowcode/app-model';
import { Alert, Skeleton, Table, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { RecordDto } from '../../api/types';
import { FieldValue } from '../../fields/FieldValue';
import { shownField } from '../../fields/shownField';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { localize } from '../../hooks/useLocale';
import { compareRecords, type ComparedTable } from './compareModel';

const CHANGED = { background: '#fff7e6' };

/** This record beside the one it compares with (its self-relation): changed values and rows marked. */
export function RecordCompare(props: {
  appKey: string;
  entity: EntityDefinition;
  /** The app's entities: a lookup shows its values as the field it looks up does. */
  entities?: readonly EntityDefinition[];
  record: RecordDto;
  otherId: string;
  otherTitle: string;
  locale: Locale;
}) {
  const { appKey, entity, record, otherId, otherTitle, locale } = props;
  const { t } = useTranslation();
  const errorText = useErrorText();
  const load = useCallback(() => api.getRecord(appKey, entity.key, otherId), [appKey, entity.key, otherId]);
  const other = useAsyncData(load);
  if (other.error) return <Alert type="error" showIcon message={errorText(other.error)} />;
  if (!other.data) return <Skeleton active />;
  const { fields, tables } = compareRecords(entity, record, other.data, locale);
  const columnTitles = { theirs: otherTitle, mine: t('records.compare.this') };

  return (
    <div data-testid="record-compare">
      <Table
        size="small"
        pagination={false}
        rowKey={(row) => row.field.key}
        dataSource={fields}
        onRow={(row) => ({ style: row.differs ? CHANGED : undefined, 'data-changed': row.differs }) as object}
        columns={[
          {
            key: 'field',
            title: t('records.compare.field'),
            width: '24%',
            render: (_, row) => localize(row.field.label, locale),
          },
          ...(['theirs', 'mine'] as const).map((which) => ({
            key: which,
            title: columnTitles[which],
            render: (_: unknown, row: (typeof fields)[number]) => (
              <FieldValue
                field={shownField(props.entities, entity, row.field)}
                value={row[which]}
                locale={locale}
                display={(which === 'mine' ? record : other.data!).display[row.field.key]}
              />
            ),
          })),
        ]}
      />
      {tables.map((table) => (
        <CompareTable key={table.field.key} table={table} titles={columnTitles} locale={locale} />
      ))}
    </div>
  );
}

function CompareTable(props: {
  table: ComparedTable;
  titles: { theirs: string; mine: string };
  locale: Locale;
}) {
  const { table, titles, locale } = props;
  const { t } = useTranslation();
  const side = (which: 'theirs' | 'mine') =>
    table.columns.map((column) => ({
      key: `${which}.${column.key}`,
      title: localize(column.label, locale),
      render: (_: unknown, row: (typeof table.rows)[number]) => {
        const values = row[which];
        if (!values) return <Typography.Text type="secondary">{t('records.compare.absent')}</Typography.Text>;
        return <FieldValue field={column} value={values[column.key]} locale={locale} />;
      },
      onCell: (row: (typeof table.rows)[number]) => ({
        style: which === 'mine' && row.changed.includes(column.key) ? CHANGED : undefined,
      }),
    }));
  return (
    <div style={{ marginTop: 16 }} data-testid={`record-compare-${table.field.key}`}>
      <Typography.Title level={5}>{localize(table.field.label, locale)}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        scroll={{ x: true }}
        rowKey="name"
        dataSource={table.rows}
        onRow={(row) => ({ 'data-changed': row.changed.length > 0 || !row.mine || !row.theirs }) as object}
        columns={[
          {
            key: 'name',
            title: table.naming.map((column) => localize(column.label, locale)).join(' · '),
            dataIndex: 'name',
            fixed: 'left',
          },
          { key: 'theirs', title: titles.theirs, children: side('theirs') },
          { key: 'mine', title: titles.mine, children: side('mine') },
        ]}
      />
    </div>
  );
}
