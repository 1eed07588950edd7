import { Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RoleChoice } from './useAppRoles';

/** Multi-select of the roles the workspace's apps define, each shown with its label and key. */
export function AppRolesSelect({
  value,
  onChange,
  choices,
  testId,
}: {
  value?: string[];
  onChange?(roles: string[]): void;
  choices: RoleChoice[];
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Select
      mode="multiple"
      allowClear
      value={value ?? []}
      onChange={onChange}
      placeholder={t('members.appRolesPlaceholder')}
      optionFilterProp="search"
      notFoundContent={t('members.noAppRoles')}
      data-testid={testId}
      options={choices.map((choice) => ({
        value: choice.key,
        search: `${choice.label} ${choice.key}`,
        label: (
          <span data-testid={`app-role-option-${choice.key}`}>
            {choice.label}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {choice.key} · {choice.apps.join(', ')}
            </Typography.Text>
          </span>
        ),
      }))}
      labelRender={({ value: key }) => choices.find((choice) => choice.key === key)?.label ?? String(key)}
    />
  );
}
