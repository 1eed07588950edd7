import { useTranslation } from 'react-i18next';
import type { Locale, LocalizedText } from '../api/types';
import { isLocale, DEFAULT_LOCALE, setLocale } from '../i18n';

/** The current UI language, re-rendering on change. */
export function useLocale(): { locale: Locale; setLocale: (locale: Locale) => Promise<void> } {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LOCALE;
  return { locale, setLocale };
}

/** Picks the text for the locale; zh-CN is the one language every label has. */
export function localize(text: LocalizedText | string | undefined, locale: Locale): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[locale] || text['zh-CN'];
}
