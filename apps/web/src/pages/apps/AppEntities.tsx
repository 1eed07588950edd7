import { PlusOutlined } from '@ant-design/icons';
import type { AppDefinition, Locale } from '@lowcode/app-model';
import { Button, Col, Empty, Flex, Grid, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EntityCard } from './EntityCard';
import { groupByEntity } from './entityGroups';

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
  const groups = groupByEntity(definition.entities, (entity) => entity, locale);
  return (
    <Flex vertical gap={12}>
      {groups.map((group, index) => (
        <Flex vertical gap={8} key={group.label ?? ''}>
          {group.label ? (
            <Typography.Text strong type="secondary">
              {group.label}
            </Typography.Text>
          ) : null}
          <Row gutter={[12, 12]}>
            {group.items.map((entity) => (
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
            ))}
            {index === groups.length - 1 ? newEntity : null}
          </Row>
        </Flex>
      ))}
    </Flex>
  );
}
