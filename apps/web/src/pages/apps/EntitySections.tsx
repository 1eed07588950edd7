import type { EntityDefinition, Locale } from '@lowcode/app-model';
import { Flex, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { groupByEntity } from './entityGroups';

/**
 * Cards of an app's entities in the sections their `group` names (the member's home and the builder's app
 * page alike); `trailing` ends the last section's row (the builder's "new form" card).
 */
export function EntitySections<T>({
  items,
  entityOf,
  locale,
  renderCard,
  trailing,
}: {
  items: T[];
  entityOf(item: T): EntityDefinition;
  locale: Locale;
  renderCard(item: T): ReactNode;
  trailing?: ReactNode;
}) {
  const groups = groupByEntity(items, entityOf, locale);
  return (
    <Flex vertical gap={12}>
      {groups.map((group, index) => (
        <Flex vertical gap={8} key={group.label ?? ''} data-testid="entity-group">
          {group.label ? (
            <Typography.Text strong type="secondary">
              {group.label}
            </Typography.Text>
          ) : null}
          <Row gutter={[12, 12]}>
            {group.items.map(renderCard)}
            {index === groups.length - 1 ? trailing : null}
          </Row>
        </Flex>
      ))}
    </Flex>
  );
}
