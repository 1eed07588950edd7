import type { EntityDefinition, Locale } from '@lowcode/app-model';
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../hooks/useLocale';

/** The print page of one of a record's documents. */
const printPath = (appKey: string, entityKey: string, recordId: string, documentKey: string) =>
  `/apps/${encodeURIComponent(appKey)}/e/${encodeURIComponent(entityKey)}/r/${encodeURIComponent(recordId)}/print/${encodeURIComponent(documentKey)}`;

/**
 * 打印: the entity's documents for one record (a lease, a dispatch slip), each opened in a new tab so the sheet
 * prints alone and the page stays as it was. Opened by a click: a phone has no hover, and a hover menu closes
 * under a pointer crossing a drawer. Nothing when the entity has no documents.
 */
export function PrintMenu({
  appKey,
  entity,
  recordId,
  locale,
}: {
  appKey: string;
  entity: EntityDefinition;
  recordId: string;
  locale: Locale;
}) {
  const { t } = useTranslation();
  if (!entity.documents?.length) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: entity.documents.map((document) => ({
          key: document.key,
          label: (
            <a
              href={printPath(appKey, entity.key, recordId, document.key)}
              target="_blank"
              rel="noreferrer"
              data-testid={`record-print-${document.key}`}
            >
              {localize(document.label, locale)}
            </a>
          ),
        })),
      }}
    >
      <Button icon={<PrinterOutlined />} data-testid="record-print">
        {t('documents.print')}
      </Button>
    </Dropdown>
  );
}
