import { Select } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { DepartmentDto } from '../../api/memberTypes';

interface ManagerOption {
  value: string;
  label: string;
}

/**
 * A member of the workspace to manage the department, searched (`/api/users?q=`) as the admin types. The
 * current manager is an option from the start, so their name shows before any search answers.
 */
export function ManagerSelect({
  id,
  value,
  onChange,
  current,
}: {
  /** `id`, `value` and `onChange` come from the Form.Item around it. */
  id?: string;
  value?: string;
  onChange?(value: string | undefined): void;
  current: DepartmentDto['manager'];
}) {
  const { t } = useTranslation();
  const [found, setFound] = useState<ManagerOption[]>([]);
  const [searching, setSearching] = useState(false);
  // The chosen manager stays an option while a later search finds others, or the select would show their id.
  const [picked, setPicked] = useState<ManagerOption | undefined>(
    current ? { value: current.id, label: current.displayName } : undefined,
  );
  // Answers can arrive out of order while typing; only the latest search may fill the list.
  const latestSearch = useRef(0);

  const search = (q: string) => {
    const searchId = ++latestSearch.current;
    setSearching(true);
    void api.searchUsers(q.trim()).then(
      (users) => {
        if (searchId !== latestSearch.current) return;
        setFound(users.map((user) => ({ value: user.id, label: `${user.displayName} (${user.username})` })));
        setSearching(false);
      },
      () => {
        if (searchId === latestSearch.current) setSearching(false);
      },
    );
  };

  const keepPicked = picked && picked.value === value && !found.some((option) => option.value === value);
  const options = keepPicked ? [picked, ...found] : found;

  return (
    <Select<string>
      id={id}
      showSearch
      allowClear
      filterOption={false}
      value={value}
      onChange={(next) => {
        setPicked(options.find((option) => option.value === next));
        onChange?.(next ?? undefined);
      }}
      onSearch={search}
      onFocus={() => search('')}
      loading={searching}
      options={options}
      placeholder={t('departments.managerPlaceholder')}
      notFoundContent={searching ? null : t('departments.managerNotFound')}
      style={{ width: '100%' }}
      data-testid="department-manager"
    />
  );
}
