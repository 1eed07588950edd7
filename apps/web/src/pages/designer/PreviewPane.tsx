import type { AppDefinition, EntityDefinition, Locale } from '@lowcode/app-model';
import { App as AntApp, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { GeneratedForm } from '../../forms/GeneratedForm';
import { useRecordForm } from '../../forms/useRecordForm';

/** The generated form for the draft entity, validating exactly as it will for end users. */
export function PreviewPane({
  app,
  entity,
  locale,
}: {
  app: AppDefinition;
  entity: EntityDefinition;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const form = useRecordForm({ entity, locale, mode: 'create', initial: {} });
  return (
    <div data-testid="designer-preview">
      <GeneratedForm appKey={app.key} app={app} entity={entity} locale={locale} form={form} />
      <Button
        type="primary"
        data-testid="designer-preview-submit"
        onClick={() => {
          if (form.submit().ok) void message.success(t('designer.previewValid'));
        }}
      >
        {t('designer.previewCheck')}
      </Button>
    </div>
  );
}
