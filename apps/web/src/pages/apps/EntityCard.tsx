import { TableOutlined } from '@ant-design/icons';
import type { EntityDefinition, Locale } from '@lowcode/app-model';
import { Card, Col, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { localize } from '../../hooks/useLocale';

/** One entity of an app home, opening its records: what it says below its name, and an action beside it. */
export function EntityCard({
  appKey,
  entity,
  locale,
  description,
  action,
}: {
  appKey: string;
  entity: EntityDefinition;
  locale: Locale;
  description?: ReactNode;
  action?: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <Col xs={24} sm={12} lg={8} xl={6}>
      <Card
        hoverable
        size="small"
        data-testid={`entity-card-${entity.key}`}
        onClick={() => navigate(`/apps/${encodeURIComponent(appKey)}/e/${encodeURIComponent(entity.key)}`)}
      >
        {/* As tall as a card with its button, so a row of cards lines up. */}
        <Flex align="center" justify="space-between" gap={8} style={{ minHeight: 32 }}>
          <Card.Meta
            avatar={<TableOutlined style={{ fontSize: 20, color: '#1677ff' }} />}
            title={localize(entity.label, locale)}
            description={description}
          />
          {/* The action is its own: a tap on it does not open the list. */}
          {action ? <span onClick={(event) => event.stopPropagation()}>{action}</span> : null}
        </Flex>
      </Card>
    </Col>
  );
}
