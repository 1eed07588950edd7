import type { EntityDefinition, Locale } from '@lowcode/app-model';
import { Modal, Radio, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldValue } from '../../fields/FieldValue';
import { localize } from '../../hooks/useLocale';
import { defaultChoices, type FieldConflict, type Side } from './mergeModel';

export interface MergeDialogProps {
  entity: EntityDefinition;
  locale: Locale;
  conflicts: FieldConflict[];
  theirsDisplay: Record<string, string | string[]>;
  onResolve(choices: Record<string, Side>): void;
  onCancel(): void;
}

/** Someone saved the record first: theirs vs mine per conflicting field, keep mine or take theirs. */
export function MergeDialog({
  entity,
  locale,
  conflicts,
  theirsDisplay,
  onResolve,
  onCancel,
}: MergeDialogProps) {
  const { t } = useTranslation();
  const [choices, setChoices] = useState(() => defaultChoices(conflicts));
  const fieldOf = (key: string) => entity.fields.find((f) => f.key === key);
  return (
    <Modal
      open
      width={720}
      title={t('records.merge.title')}
      okText={t('records.merge.save')}
      onOk={() => onResolve(choices)}
      onCancel={onCancel}
      okButtonProps={{ 'data-testid': 'merge-confirm' } as Record<`data-${string}`, string>}
    >
      <Typography.Paragraph type="secondary">{t('records.merge.intro')}</Typography.Paragraph>
      <Table<FieldConflict>
        size="small"
        pagination={false}
        rowKey="field"
        dataSource={conflicts}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'field',
            title: t('records.merge.field'),
            render: (_, c) => localize(fieldOf(c.field)?.label, locale) || c.field,
          },
          {
            key: 'theirs',
            title: t('records.merge.theirs'),
            render: (_, c) => {
              const field = fieldOf(c.field);
              return field ? (
                <FieldValue field={field} value={c.theirs} locale={locale} display={theirsDisplay[c.field]} />
              ) : null;
            },
          },
          {
            key: 'mine',
            title: t('records.merge.mine'),
            render: (_, c) => {
              const field = fieldOf(c.field);
              return field ? <FieldValue field={field} value={c.mine} locale={locale} /> : null;
            },
          },
          {
            key: 'choice',
            title: t('records.merge.keep'),
            render: (_, c) => (
              <Radio.Group
                value={choices[c.field]}
                onChange={(e) => setChoices({ ...choices, [c.field]: e.target.value as Side })}
                options={[
                  { value: 'mine', label: t('records.merge.keepMine') },
                  { value: 'theirs', label: t('records.merge.takeTheirs') },
                ]}
                data-testid={`merge-choice-${c.field}`}
              />
            ),
          },
        ]}
      />
    </Modal>
  );
}
