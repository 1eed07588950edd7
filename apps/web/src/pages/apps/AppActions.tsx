import { DeleteOutlined, DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import type { AppSummary } from '../../api/types';
import { useSignedInSession } from '../../hooks/session';
import { useErrorText } from '../../hooks/useErrorText';
import { localize, useLocale } from '../../hooks/useLocale';
import { saveBlob } from '../../utils/saveBlob';

interface AppActionsProps {
  app: AppSummary;
  onDeleted: () => void;
  /** Off on the detail page, which is the view. */
  showView?: boolean;
}

export function AppActions({ app, onDeleted, showView = true }: AppActionsProps) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const session = useSignedInSession();
  const [exporting, setExporting] = useState(false);
  const label = localize(app.label, locale);

  const exportApp = async () => {
    setExporting(true);
    try {
      const { blob, filename } = await api.exportApp(app.key);
      const name = filename ?? `${app.key}.json`;
      saveBlob(blob, name);
      void message.success(t('apps.exported', { filename: name }));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setExporting(false);
    }
  };

  const deleteApp = async () => {
    try {
      await api.deleteApp(app.key);
      void message.success(t('apps.deleted', { label }));
      onDeleted();
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  return (
    <Space size={0} wrap>
      {showView ? (
        <Link to={`/apps/${encodeURIComponent(app.key)}`}>
          <Button type="link" size="small" icon={<EyeOutlined />} data-testid={`app-view-${app.key}`}>
            {t('apps.view')}
          </Button>
        </Link>
      ) : null}
      <Button
        type="link"
        size="small"
        icon={<DownloadOutlined />}
        loading={exporting}
        onClick={exportApp}
        data-testid={`app-export-${app.key}`}
      >
        {t('apps.export')}
      </Button>
      {session.role === 'admin' ? (
        <Popconfirm
          title={t('apps.deleteConfirm', { label })}
          okButtonProps={{ danger: true }}
          onConfirm={deleteApp}
        >
          <Button
            type="link"
            size="small"
            danger
            icon={<DeleteOutlined />}
            data-testid={`app-delete-${app.key}`}
          >
            {t('apps.delete')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}
