import { Alert, Button, Checkbox, Drawer, Grid, Popconfirm, Space, Spin, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api';
import type { TemplateInstallResult, TemplateSummary } from '../../api/types';
import { useSignedInSession } from '../../hooks/session';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { localize, useLocale } from '../../hooks/useLocale';
import { ImportChanges } from '../apps/import/ImportChanges';

/**
 * What installing a template would do (the server's dry run: every entity, flow, rule, report, dashboard and
 * role it adds or changes), then the install itself — with the demo company for a fresh install.
 */
export function TemplateInstallDrawer(props: {
  template: TemplateSummary;
  onClose: () => void;
  onInstalled: () => void;
}) {
  const { template } = props;
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { role } = useSignedInSession();
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [demo, setDemo] = useState(!template.installed && template.demo !== null);
  const [installing, setInstalling] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const loadPreview = useCallback(
    () => api.installTemplate(template.key, { dryRun: true, demo: false }),
    [template.key],
  );
  const preview = useAsyncData<TemplateInstallResult>(loadPreview);
  const nothingToDo = preview.data?.action === 'unchanged';
  // An upgrade that removes what the app has is confirmed first: one click must not drop a field's data
  // from sight (the data stays stored, see docs/records.md §Schema changes).
  const removals = (preview.data?.changes ?? []).filter((change) => change.change === 'remove').length;

  const install = async () => {
    setInstalling(true);
    setFailure(undefined);
    try {
      const result = await api.installTemplate(template.key, { dryRun: false, demo });
      props.onInstalled();
      navigate(`/apps/${encodeURIComponent(result.appKey)}`);
    } catch (error) {
      setFailure(error);
    } finally {
      setInstalling(false);
    }
  };

  return (
    <Drawer
      open
      width={screens.md ? 760 : '100%'}
      title={localize(template.label, locale)}
      onClose={props.onClose}
      extra={
        role === 'admin' && !nothingToDo ? (
          <Popconfirm
            title={t('templates.confirmRemovals', { count: removals })}
            disabled={removals === 0}
            okText={t('templates.upgrade')}
            okButtonProps={{ danger: true }}
            onConfirm={install}
          >
            <Button
              type="primary"
              loading={installing}
              disabled={!preview.data}
              data-testid="template-confirm"
              onClick={removals === 0 ? install : undefined}
            >
              {template.installed ? t('templates.upgrade') : t('templates.install')}
            </Button>
          </Popconfirm>
        ) : null
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {role !== 'admin' ? <Alert type="info" showIcon message={t('templates.adminOnly')} /> : null}
        {!template.installed && template.demo ? (
          <Checkbox
            data-testid="template-demo-checkbox"
            checked={demo}
            onChange={(event) => setDemo(event.target.checked)}
          >
            {t('templates.withDemo', { records: template.demo.records, users: template.demo.users })}
          </Checkbox>
        ) : null}
        {installing && demo ? <Alert type="info" showIcon message={t('templates.installingDemo')} /> : null}
        {failure ? <Alert type="error" showIcon message={errorText(failure)} /> : null}
        {preview.error ? <Alert type="error" showIcon message={errorText(preview.error)} /> : null}
        {preview.loading ? <Spin /> : null}
        {preview.data ? (
          <>
            <Typography.Text strong>
              {nothingToDo
                ? t('templates.upToDate')
                : t('templates.willChange', { count: preview.data.changes.length })}
            </Typography.Text>
            <div data-testid="template-changes">
              <ImportChanges changes={preview.data.changes} />
            </div>
          </>
        ) : null}
      </Space>
    </Drawer>
  );
}
