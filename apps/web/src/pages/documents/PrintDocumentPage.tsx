import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Result, Skeleton } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../../api';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { localize, useLocale } from '../../hooks/useLocale';
import { renderDocument, type DocumentBlock } from './renderDocument';

/**
 * `/apps/:app/e/:entity/r/:id/print/:document`: a record's document (a lease contract, a dispatch slip) on an
 * A4 page, filled with what the reader may see of the record, to print or save as PDF from the browser.
 */
export function PrintDocumentPage() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const errorText = useErrorText();
  const params = useParams();
  const [appKey, entityKey, recordId, documentKey] = [
    params.app ?? '',
    params.entity ?? '',
    params.id ?? '',
    params.document ?? '',
  ];
  const load = useCallback(
    () => Promise.all([api.getApp(appKey), api.getRecord(appKey, entityKey, recordId)]),
    [appKey, entityKey, recordId],
  );
  const { data, error } = useAsyncData(load);
  if (error) return <Alert type="error" showIcon message={errorText(error)} style={{ margin: 24 }} />;
  if (!data) return <Skeleton active style={{ padding: 24 }} />;
  const [app, record] = data;
  const entity = app.definition.entities.find((candidate) => candidate.key === entityKey);
  const template = entity?.documents?.find((candidate) => candidate.key === documentKey);
  if (!entity || !template) return <Result status="404" title={t('documents.notFound')} />;
  const blocks = renderDocument(entity, template, record, locale, app.definition.entities);
  return (
    <div className="print-document" data-testid="print-document">
      <Flex className="print-toolbar" justify="flex-end" gap={8}>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="print-button"
        >
          {t('documents.print')}
        </Button>
      </Flex>
      <article className="print-page" aria-label={localize(template.label, locale)}>
        {blocks.map((block, index) =>
          block.kind === 'table' ? (
            <DocumentTable key={index} block={block} totalLabel={t('documents.total')} />
          ) : block.kind === 'h1' ? (
            <h1 key={index}>{block.text}</h1>
          ) : block.kind === 'h2' ? (
            <h2 key={index}>{block.text}</h2>
          ) : (
            <p key={index}>{block.text}</p>
          ),
        )}
      </article>
    </div>
  );
}

/** A sub-table's rows on paper: a ruled table, its amounts summed in the last row. */
function DocumentTable({
  block,
  totalLabel,
}: {
  block: Extract<DocumentBlock, { kind: 'table' }>;
  totalLabel: string;
}) {
  return (
    <table className="print-table">
      <thead>
        <tr>
          <th>#</th>
          {block.columns.map((column, index) => (
            <th key={index}>{column}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {block.rows.map((row, rowIndex) => (
          <tr key={rowIndex}>
            <td>{rowIndex + 1}</td>
            {row.map((cell, index) => (
              <td key={index}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
      {block.total && (
        <tfoot>
          <tr>
            <th>{totalLabel}</th>
            {block.total.map((cell, index) => (
              <td key={index}>{cell}</td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  );
}
