import { localize as localizeText, type Locale, type LocalizedText } from '@lowcode/app-model';
import { useTranslation } from 'react-i18next';
import { isLocale, DEFAULT_LOCALE, setLocale } from '../i18n';

/** The current UI language, re-rendering on change. */
export function useLocale(): { locale: Locale; setLocale: (locale: Locale) => Promise<void> } {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LOCALE;
  return { locale, setLocale };
}

/** app-model's `localize` (falls back to zh-CN), also accepting the plain strings some server answers carry. */
export function localize(text: LocalizedText | string | undefined, locale: Locale): string {
  return typeof text === 'string' ? text : localizeText(text, locale);
}
