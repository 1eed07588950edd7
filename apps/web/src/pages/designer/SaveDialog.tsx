import { Alert, List, Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportImpact } from '../../api/types';
import { ImportPreviewSummary } from '../apps/import/ImportPreviewSummary';
import type { SaveStep } from './useDesignerSave';

function ImpactTable({ impact }: { impact: ImportImpact[] }) {
  const { t } = useTranslation();
  if (impact.length === 0) return null;
  return (
    <>
      <Alert type="warning" showIcon message={t('designer.save.impactTitle')} style={{ margin: '12px 0' }} />
      <Table<ImportImpact>
        size="small"
        pagination={false}
        rowKey={(row) => `${row.entity}.${row.field}`}
        dataSource={impact}
        data-testid="designer-impact"
        columns={[
          {
            key: 'field',
            title: t('designer.save.field'),
            render: (_, row) => <span className="mono">{`${row.entity}.${row.field}`}</span>,
          },
          { key: 'count', title: t('designer.save.invalidCount'), dataIndex: 'invalidCount' },
          {
            key: 'samples',
            title: t('designer.save.samples'),
            render: (_, row) => row.samples.map((s) => <div key={s.id}>{s.message}</div>),
          },
        ]}
      />
    </>
  );
}

/** The steps of a designer save in one modal: problems, or changes + impact with the confirm button. */
export function SaveDialog({
  state,
  onConfirm,
  onClose,
}: {
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
      title={t('designer.save.title')}
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
          <ImpactTable impact={state.preview.impact ?? []} />
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
