import { SettingOutlined } from '@ant-design/icons';
import type { EntityDefinition, Locale } from '@lowcode/app-model';
import { Button, Checkbox, Popover } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../hooks/useLocale';
import { columnFields } from './recordColumns';

export function ColumnPicker(props: {
  entity: EntityDefinition;
  locale: Locale;
  value: string[];
  onChange(keys: string[]): void;
}) {
  const { entity, locale, value, onChange } = props;
  const { t } = useTranslation();
  const content = (
    <Checkbox.Group
      style={{ display: 'flex', flexDirection: 'column', gap: 4, maxHeight: 320, overflow: 'auto' }}
      value={value}
      // Keep the list's column order whatever order the boxes were ticked in.
      onChange={(keys) =>
        onChange(
          columnFields(entity)
            .map((f) => f.key)
            .filter((k) => keys.includes(k)),
        )
      }
      options={columnFields(entity).map((f) => ({ value: f.key, label: localize(f.label, locale) }))}
    />
  );
  return (
    <Popover trigger="click" content={content} title={t('records.columns')}>
      <Button icon={<SettingOutlined />} data-testid="records-columns">
        {t('records.columns')}
      </Button>
    </Popover>
  );
}
