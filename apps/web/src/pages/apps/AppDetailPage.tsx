import {
  ApartmentOutlined,
  ArrowLeftOutlined,
  DashboardOutlined,
  SafetyCertificateOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Result,
  Row,
  Skeleton,
  Space,
  Statistic,
  Tabs,
  Typography,
} from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import { ApiError } from '../../api/ApiError';
import { useSignedInSession } from '../../hooks/session';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useErrorText } from '../../hooks/useErrorText';
import { localize, useLocale } from '../../hooks/useLocale';
import { formatDateTime } from '../../utils/formatDate';
import { AppActions } from './AppActions';
import { COUNT_KEYS } from './AppCountsTags';
import { AppDefinitionOutline } from './AppDefinitionOutline';
import { AppEntities } from './AppEntities';
import { MemberAppHome } from './MemberAppHome';
import { outlineDefinition } from './definitionOutline';

/** The app's home: its entities (→ records) first, the definition's outline as a second tab. */
export function AppDetailPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isAdmin = useSignedInSession().role === 'admin';
  const { locale } = useLocale();
  const errorText = useErrorText();
  const loadApp = useCallback(() => api.getApp(key), [key]);
  const { data: app, error, loading } = useAsyncData(loadApp);
  const sections = useMemo(() => (app ? outlineDefinition(app.definition, locale) : []), [app, locale]);

  const back = (
    <Link to="/apps">
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {t('appDetail.back')}
      </Button>
    </Link>
  );

  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title={t('appDetail.notFound')} subTitle={error.message} extra={back} />;
  }
  if (error) {
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        {back}
        <Alert type="error" showIcon message={errorText(error)} />
      </Space>
    );
  }
  if (loading || !app) return <Skeleton active />;
  // No way back to the app list: a member with one app is sent here from it; the menu has it otherwise.
  if (!isAdmin) return <MemberAppHome appKey={app.key} definition={app.definition} locale={locale} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {back}
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {localize(app.label, locale)}
        </Typography.Title>
        <Space wrap>
          <Link to={`/apps/${encodeURIComponent(app.key)}/dashboards`} data-testid="app-dashboards-link">
            <Button icon={<DashboardOutlined />}>{t('dashboards.open')}</Button>
          </Link>
          <Link to={`/apps/${encodeURIComponent(app.key)}/flows`} data-testid="app-flows-link">
            <Button icon={<ApartmentOutlined />}>{t('flows.list.open', { count: app.counts.flows })}</Button>
          </Link>
          {isAdmin ? (
            <Link to={`/apps/${encodeURIComponent(app.key)}/roles`} data-testid="app-roles-link">
              <Button icon={<SafetyCertificateOutlined />}>{t('members.roles.link')}</Button>
            </Link>
          ) : null}
          <Link to={`/apps/${encodeURIComponent(app.key)}/rules`} data-testid="app-rules-link">
            <Button icon={<ThunderboltOutlined />}>
              {t('rules.list.open', { count: app.counts.rules })}
            </Button>
          </Link>
          <AppActions app={app} showView={false} onDeleted={() => navigate('/apps', { replace: true })} />
        </Space>
      </Flex>
      <Card>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={t('apps.key')}>
            <span className="mono">{app.key}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('apps.version')}>{app.version}</Descriptions.Item>
          <Descriptions.Item label={t('apps.revision')}>{app.revision}</Descriptions.Item>
          <Descriptions.Item label={t('appDetail.formatVersion')}>{app.formatVersion}</Descriptions.Item>
          <Descriptions.Item label={t('apps.updatedAt')}>
            {formatDateTime(app.updatedAt, locale)}
          </Descriptions.Item>
        </Descriptions>
        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          {COUNT_KEYS.map((countKey) => (
            <Col key={countKey} xs={8} sm={8} md={4}>
              <Statistic title={t(`counts.${countKey}`)} value={app.counts[countKey]} />
            </Col>
          ))}
        </Row>
      </Card>
      <Tabs
        items={[
          {
            key: 'entities',
            label: t('appHome.entities'),
            children: <AppEntities appKey={app.key} definition={app.definition} locale={locale} />,
          },
          {
            key: 'structure',
            label: t('appDetail.structure'),
            children: <AppDefinitionOutline sections={sections} />,
          },
        ]}
      />
    </Space>
  );
}
