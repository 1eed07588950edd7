import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppCounts } from '../../api/types';

export const COUNT_KEYS: readonly (keyof AppCounts)[] = [
  'entities',
  'flows',
  'rules',
  'reports',
  'dashboards',
  'roles',
];

/** One compact tag per part of the app; zero counts are dimmed rather than hidden so columns line up. */
export function AppCountsTags({ counts }: { counts: AppCounts }) {
  const { t } = useTranslation();
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {COUNT_KEYS.map((key) => (
        <Tooltip key={key} title={t(`counts.${key}`)}>
          <Tag bordered={false} color={counts[key] > 0 ? 'blue' : undefined} style={{ marginInlineEnd: 0 }}>
            {t(`counts.${key}`)} {counts[key]}
          </Tag>
        </Tooltip>
      ))}
    </span>
  );
}
