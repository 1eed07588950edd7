import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../hooks/useLocale';

/** With two languages a toggle is one tap on a phone; it names the language it switches to. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { locale, setLocale } = useLocale();
  return (
    <Button
      data-testid="language-switch"
      type="text"
      icon={<GlobalOutlined />}
      aria-label={t('language.switchAria')}
      title={t('language.switchAria')}
      onClick={() => void setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
    >
      {compact ? null : t('language.switchTo')}
    </Button>
  );
}
