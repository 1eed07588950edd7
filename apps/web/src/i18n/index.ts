import dayjs from 'dayjs';
// antd's date pickers name months and weekdays through Day.js, which knows only English until a locale is
// loaded: without these the Chinese UI showed "Dec" and "Su Mo Tu…" in every calendar.
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../api/types';
import en from './en.json';
import zhCN from './zh-CN.json';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
const STORAGE_KEY = 'lowcode.locale';
/** Day.js' name of each UI language. */
const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', en: 'en' };

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    // Private mode or a sandboxed frame: fall back to the default rather than fail to start.
    return DEFAULT_LOCALE;
  }
}

export function currentLocale(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LOCALE;
}

/** Changes the UI language and remembers it for the next visit. */
export async function setLocale(locale: Locale): Promise<void> {
  await i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisted; the switch still applies to this tab.
  }
}

// Day.js follows the UI language — from the first one (`init` emits the event too) to every switch — for the
// dates the app formats itself; the pickers take theirs from antd's ConfigProvider locale (App.tsx).
i18n.on('languageChanged', (language) => {
  dayjs.locale(DAYJS_LOCALES[isLocale(language) ? language : currentLocale()]);
});

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLocale(),
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: LOCALES,
  interpolation: { escapeValue: false }, // React escapes already.
  showSupportNotice: false, // No console banner in users' browsers or in test output.
});
document.documentElement.lang = i18n.language;

export default i18n;
