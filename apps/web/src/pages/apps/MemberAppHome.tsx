import { CheckSquareOutlined, DashboardOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Skeleton, Space, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { localize } from '../../hooks/useLocale';
import { AppTaskPreview } from '../tasks/AppTaskPreview';
import { EntityCard } from './EntityCard';
import type { AppViewProps } from './AppEntities';
import { EntitySections } from './EntitySections';
import { HomeDashboard } from './HomeDashboard';

/** At most this many kinds of record to create and they are offered at the top of the home. */
const QUICK_CREATE_MAX = 2;

/**
 * An app as the people who use it see it — a tenant, a technician, a cashier: the records their roles give
 * them, each a tap away, with "new" where they may create one, and their tasks and dashboards. The
 * builder's view (revision, counts, structure, flows and rules) is for workspace admins.
 */
export function MemberAppHome({ appKey, definition, locale }: AppViewProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const loadAccess = useCallback(() => api.appAccess(appKey), [appKey]);
  const { data: access, error } = useAsyncData(loadAccess);
  const base = `/apps/${encodeURIComponent(appKey)}`;
  const entities = (access?.entities ?? []).flatMap(({ key, actions }) => {
    const entity = definition.entities.find((candidate) => candidate.key === key);
    return entity ? [{ entity, canCreate: actions.includes('create') }] : [];
  });

  // What someone with a narrow role comes to do — a tenant files a repair or applies for a room — is a
  // button at the top, above their figures and lists; a wider role creates from the lists' own buttons.
  const creatable = entities.filter((item) => item.canCreate);
  const quickCreate = creatable.length <= QUICK_CREATE_MAX ? creatable : [];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="member-app-home">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {localize(definition.label, locale)}
        </Typography.Title>
        <Space wrap>
          {quickCreate.map(({ entity }) => (
            <Button
              key={entity.key}
              type="primary"
              icon={<PlusOutlined />}
              data-testid={`home-new-${entity.key}`}
              onClick={() => navigate(`${base}/e/${encodeURIComponent(entity.key)}?new=1`)}
            >
              {t('appHome.newRecordOf', { entity: localize(entity.label, locale) })}
            </Button>
          ))}
          <Link to="/tasks">
            <Button icon={<CheckSquareOutlined />}>{t('appHome.myTasks')}</Button>
          </Link>
          <Link to={`${base}/dashboards`} data-testid="app-dashboards-link">
            <Button icon={<DashboardOutlined />}>{t('dashboards.open')}</Button>
          </Link>
        </Space>
      </Flex>
      <AppTaskPreview appKey={appKey} definition={definition} />
      <HomeDashboard appKey={appKey} definition={definition} locale={locale} />
      {error ? <Alert type="error" showIcon message={errorText(error)} /> : null}
      {!access && !error ? <Skeleton active /> : null}
      {access && entities.length === 0 ? <Empty description={t('appHome.nothingForYou')} /> : null}
      <EntitySections
        items={entities}
        entityOf={(item) => item.entity}
        locale={locale}
        renderCard={({ entity, canCreate }) => (
          <EntityCard
            key={entity.key}
            appKey={appKey}
            entity={entity}
            locale={locale}
            description={
              entity.description ? (
                <Typography.Text type="secondary">{localize(entity.description, locale)}</Typography.Text>
              ) : undefined
            }
            action={
              canCreate ? (
                <Button
                  type="primary"
                  ghost
                  icon={<PlusOutlined />}
                  data-testid={`entity-new-${entity.key}`}
                  onClick={() => navigate(`${base}/e/${encodeURIComponent(entity.key)}?new=1`)}
                >
                  {t('records.new')}
                </Button>
              ) : undefined
            }
          />
        )}
      />
    </Space>
  );
}
