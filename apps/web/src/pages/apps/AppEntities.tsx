import { PlusOutlined } from '@ant-design/icons';
import type { AppDefinition, Locale } from '@lowcode/app-model';
import { Button, Col, Empty, Grid, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EntityCard } from './EntityCard';
import { EntitySections } from './EntitySections';

/** What a view of one app is given: the app's key, its definition and the reader's locale. */
export interface AppViewProps {
  appKey: string;
  definition: AppDefinition;
  locale: Locale;
}

/** The app's home: one card per entity, opening its records; builders add entities in the designer. */
export function AppEntities({ appKey, definition, locale }: AppViewProps) {
  const { t } = useTranslation();
  const isPhone = !Grid.useBreakpoint().md;
  const base = `/apps/${encodeURIComponent(appKey)}`;
  const newEntity = !isPhone ? (
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
  ) : null;
  if (definition.entities.length === 0)
    return (
      <Row gutter={[12, 12]}>
        <Col span={24}>
          <Empty description={t('appHome.noEntities')} />
        </Col>
        {newEntity}
      </Row>
    );
  return (
    <EntitySections
      items={definition.entities}
      entityOf={(entity) => entity}
      locale={locale}
      trailing={newEntity}
      renderCard={(entity) => (
        <EntityCard
          key={entity.key}
          appKey={appKey}
          entity={entity}
          locale={locale}
          description={
            <Typography.Text type="secondary">
              <span className="mono">{entity.key}</span> ·{' '}
              {t('appHome.fieldCount', { count: entity.fields.length })}
            </Typography.Text>
          }
        />
      )}
    />
  );
}
