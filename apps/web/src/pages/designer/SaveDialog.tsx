import type { AppDefinition } from '@lowcode/app-model';
import { Alert, List, Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportImpact } from '../../api/types';
import { localize, useLocale } from '../../hooks/useLocale';
import { ImportPreviewSummary } from '../apps/import/ImportPreviewSummary';
import type { SaveStep } from './useDesignerSave';

const MAX_SAMPLES = 3;

/** Per entity: how many of its records would stop validating, and the first few reasons. */
function ImpactTable({ impact, definition }: { impact: ImportImpact[]; definition: AppDefinition }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  if (impact.length === 0) return null;
  const entityLabel = (key: string) => {
    const entity = definition.entities.find((candidate) => candidate.key === key);
    return entity ? localize(entity.label, locale) : key;
  };
  return (
    <>
      <Alert type="warning" showIcon message={t('designer.save.impactTitle')} style={{ margin: '12px 0' }} />
      <Table<ImportImpact>
        size="small"
        pagination={false}
        rowKey="entity"
        dataSource={impact}
        data-testid="designer-impact"
        columns={[
          { key: 'entity', title: t('designer.save.entity'), render: (_, row) => entityLabel(row.entity) },
          {
            key: 'count',
            title: t('designer.save.invalidCount'),
            // Past the server's sample limit, the records checked are not all of them.
            render: (_, row) =>
              row.checked < row.total
                ? t('designer.save.invalidOfSample', {
                    count: row.invalidCount,
                    checked: row.checked,
                    total: row.total,
                  })
                : t('designer.save.invalidOf', { count: row.invalidCount, checked: row.checked }),
          },
          {
            key: 'samples',
            title: t('designer.save.samples'),
            render: (_, row) =>
              row.samples.slice(0, MAX_SAMPLES).map((sample) => (
                <div key={sample.id}>
                  <span className="mono">{sample.field}</span> {sample.message}
                </div>
              )),
          },
        ]}
      />
    </>
  );
}

/** The steps of a designer save in one modal: problems, or changes + impact with the confirm button. */
export function SaveDialog({
  what,
  state,
  onConfirm,
  onClose,
}: {
  /** What is saved, for the dialog's title (a flow, not "the form"). */
  what: 'form' | 'flow' | 'rule' | 'dashboard' | 'report' | 'roles';
  state: SaveStep;
  onConfirm(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  if (state.step === 'idle' || state.step === 'checking') return null;
  const canConfirm = state.step === 'previewed' || state.step === 'importing';
  return (
    <Modal
      open
      width={760}
      title={t(`designer.save.titles.${what}`)}
      onCancel={onClose}
      onOk={canConfirm ? onConfirm : onClose}
      okText={canConfirm ? t('designer.save.confirm') : t('designer.save.close')}
      confirmLoading={state.step === 'importing'}
      okButtonProps={
        { 'data-testid': canConfirm ? 'designer-confirm' : 'designer-close' } as Record<
          `data-${string}`,
          string
        >
      }
    >
      {state.step === 'invalid' ? (
        <>
          <Alert type="error" showIcon message={t('designer.save.invalid', { count: state.issues.length })} />
          <List
            size="small"
            data-testid="designer-problems"
            dataSource={state.issues}
            renderItem={(issue) => (
              <List.Item>
                <Typography.Text className="mono">{issue.path}</Typography.Text> {issue.message}
              </List.Item>
            )}
          />
        </>
      ) : null}
      {canConfirm ? (
        <>
          <ImportPreviewSummary preview={state.preview} />
          <ImpactTable impact={state.preview.impact ?? []} definition={state.definition} />
        </>
      ) : null}
      {state.step === 'conflict' ? (
        <Alert type="error" showIcon message={t('designer.save.conflict')} description={state.message} />
      ) : null}
      {state.step === 'failed' ? (
        <Alert
          type="error"
          showIcon
          message={state.message}
          description={state.details.map((d) => (
            <div key={`${d.path}${d.message}`}>
              <span className="mono">{d.path}</span> {d.message}
            </div>
          ))}
        />
      ) : null}
    </Modal>
  );
}
