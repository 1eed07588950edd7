import { PlusOutlined, TableOutlined } from '@ant-design/icons';
import type { AppDefinition, Locale } from '@lowcode/app-model';
import { Button, Card, Col, Empty, Grid, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { localize } from '../../hooks/useLocale';

/** The app's home: one card per entity, opening its records; builders add entities in the designer. */
export function AppEntities({
  appKey,
  definition,
  locale,
}: {
  appKey: string;
  definition: AppDefinition;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isPhone = !Grid.useBreakpoint().md;
  const base = `/apps/${encodeURIComponent(appKey)}`;
  return (
    <Row gutter={[12, 12]}>
      {definition.entities.length === 0 ? (
        <Col span={24}>
          <Empty description={t('appHome.noEntities')} />
        </Col>
      ) : null}
      {definition.entities.map((entity) => (
        <Col key={entity.key} xs={24} sm={12} lg={8} xl={6}>
          <Card
            hoverable
            size="small"
            data-testid={`entity-card-${entity.key}`}
            onClick={() => navigate(`${base}/e/${encodeURIComponent(entity.key)}`)}
          >
            <Card.Meta
              avatar={<TableOutlined style={{ fontSize: 20, color: '#1677ff' }} />}
              title={localize(entity.label, locale)}
              description={
                <Typography.Text type="secondary">
                  <span className="mono">{entity.key}</span> ·{' '}
                  {t('appHome.fieldCount', { count: entity.fields.length })}
                </Typography.Text>
              }
            />
          </Card>
        </Col>
      ))}
      {!isPhone ? (
        <Col xs={24} sm={12} lg={8} xl={6}>
          <Link to={`${base}/design/new`}>
            <Button
              block
              type="dashed"
              icon={<PlusOutlined />}
              style={{ height: '100%', minHeight: 64 }}
              data-testid="entity-new"
            >
              {t('appHome.newEntity')}
            </Button>
          </Link>
        </Col>
      ) : null}
    </Row>
  );
}
