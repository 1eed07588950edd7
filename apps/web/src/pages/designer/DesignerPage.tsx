import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Grid, Result, Skeleton } from 'antd';
import { useCallback } from 'react';
import { DndProvider } from 'react-dnd';
import { HTML5Backend } from 'react-dnd-html5-backend';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { localize, useLocale } from '../../hooks/useLocale';
import { formulasRecomputedText } from '../apps/import/formulasRecomputed';
import { DesignerWorkspace } from './DesignerWorkspace';

/** `/apps/:app/design/:entity` edits an entity; `/apps/:app/design` makes a new one. Desktop only. */
export function DesignerPage() {
  const { app: appKey = '', entity: entityKey } = useParams();
  const { t } = useTranslation();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const isPhone = !Grid.useBreakpoint().md;
  const loadApp = useCallback(() => api.getApp(appKey), [appKey]);
  const { data: app, error, reload } = useAsyncData(loadApp);
  const back = (
    <Link to={`/apps/${encodeURIComponent(appKey)}`}>
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {app ? localize(app.label, locale) : t('appDetail.back')}
      </Button>
    </Link>
  );

  if (isPhone) return <Result status="info" title={t('designer.desktopOnly')} extra={back} />;
  if (error) return <Alert type="error" showIcon message={errorText(error)} />;
  if (!app) return <Skeleton active />;
  const entity = entityKey ? app.definition.entities.find((e) => e.key === entityKey) : undefined;
  if (entityKey && !entity)
    return <Result status="404" title={t('records.entityNotFound', { key: entityKey })} extra={back} />;

  return (
    <DndProvider backend={HTML5Backend}>
      {/* Keyed by revision: after a save the designer restarts from the stored definition and its locked keys. */}
      <DesignerWorkspace
        key={`${app.revision}:${entityKey ?? ''}`}
        app={app.definition}
        revision={app.revision}
        entity={entity}
        locale={locale}
        back={back}
        onSaved={(savedKey, result) => {
          void message.success(t('designer.saved'));
          const recomputed = formulasRecomputedText(t, result);
          if (recomputed) void message.info(recomputed);
          if (savedKey !== entityKey)
            navigate(`/apps/${encodeURIComponent(appKey)}/design/${encodeURIComponent(savedKey)}`, {
              replace: true,
            });
          reload();
        }}
      />
    </DndProvider>
  );
}
