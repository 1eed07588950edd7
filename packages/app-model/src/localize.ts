import { type Locale, type LocalizedText } from './types';

/** The text in the locale, falling back to zh-CN (the one language every text must have). */
export function localize(text: LocalizedText | undefined, locale: Locale): string {
  if (!text) return '';
  return (locale === 'en' ? text.en : undefined) || text['zh-CN'] || '';
}
