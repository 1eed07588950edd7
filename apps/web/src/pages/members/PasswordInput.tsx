import { SyncOutlined } from '@ant-design/icons';
import { Button, Input, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** 14 characters from an alphabet without look-alikes (0/O, 1/l/I), to read out or send to a new member. */
export function generatePassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(14));
  return [...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

/** A visible password field with a "generate" button: admins hand the password over, so they must see it. */
export function PasswordInput({
  value,
  onChange,
  testId,
}: {
  value?: string;
  onChange?(password: string): void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        value={value}
        onChange={(event) => onChange?.(event.target.value)}
        placeholder={t('members.passwordPlaceholder')}
        autoComplete="new-password"
        className="mono"
        data-testid={testId}
      />
      <Tooltip title={t('members.generatePassword')}>
        <Button
          icon={<SyncOutlined />}
          aria-label={t('members.generatePassword')}
          onClick={() => onChange?.(generatePassword())}
        />
      </Tooltip>
    </Space.Compact>
  );
}
