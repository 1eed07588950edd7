import { Collapse, Empty, List, Tag, Typography, type CollapseProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OutlineItem, OutlineSection } from './definitionOutline';

function OutlineItemBody({ item, childLabel }: { item: OutlineItem; childLabel: string }) {
  const { t } = useTranslation();
  if (item.children.length === 0)
    return <Typography.Text type="secondary">{t('appDetail.none')}</Typography.Text>;
  return (
    <List
      size="small"
      header={<Typography.Text type="secondary">{childLabel}</Typography.Text>}
      dataSource={item.children}
      renderItem={(child) => (
        <List.Item style={{ paddingInline: 0 }}>
          <span>
            {child.label} <span className="mono">{child.key}</span>
          </span>
          {child.detail ? <Tag style={{ marginInlineEnd: 0 }}>{child.detail}</Tag> : null}
        </List.Item>
      )}
    />
  );
}

function SectionItems({ section }: { section: OutlineSection }) {
  const { t } = useTranslation();
  if (section.items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('appDetail.none')} />;
  const expandable = section.key === 'entities' || section.key === 'flows';
  if (!expandable) {
    return (
      <List
        size="small"
        dataSource={section.items}
        renderItem={(item) => (
          <List.Item style={{ paddingInline: 0 }}>
            <span>
              {item.label} <span className="mono">{item.key}</span>
            </span>
          </List.Item>
        )}
      />
    );
  }
  const childLabel = section.key === 'entities' ? t('appDetail.fields') : t('appDetail.nodes');
  const items: CollapseProps['items'] = section.items.map((item) => ({
    key: item.key,
    label: (
      <span>
        {item.label} <span className="mono">{item.key}</span>
      </span>
    ),
    extra: (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {childLabel} {item.children.length}
        {item.extraCounts.edges !== undefined ? ` · ${t('appDetail.edges')} ${item.extraCounts.edges}` : ''}
      </Typography.Text>
    ),
    children: <OutlineItemBody item={item} childLabel={childLabel} />,
  }));
  return <Collapse size="small" items={items} />;
}

/** Read-only tree of the definition: a panel per part, entities and flows open onto their fields and nodes. */
export function AppDefinitionOutline({ sections }: { sections: OutlineSection[] }) {
  const { t } = useTranslation();
  const items: CollapseProps['items'] = sections.map((section) => ({
    key: section.key,
    label: `${t(`counts.${section.key}`)} (${section.items.length})`,
    children: <SectionItems section={section} />,
  }));
  return <Collapse items={items} defaultActiveKey={['entities']} data-testid="app-definition-outline" />;
}
