import { Space, Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * A list page's heading: its title, how many there are once known (a quieter "共 64 人"), and its action on the
 * right, wrapping under the title on a phone.
 */
export function PageHeading({
  title,
  count,
  action,
}: {
  title: ReactNode;
  count?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {title}
        {count !== undefined ? (
          <Typography.Text
            type="secondary"
            style={{ fontSize: 14, fontWeight: 'normal', marginInlineStart: 8 }}
          >
            {count}
          </Typography.Text>
        ) : null}
      </Typography.Title>
      {action}
    </Space>
  );
}
