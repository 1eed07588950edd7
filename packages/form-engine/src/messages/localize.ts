import { type Locale, type LocalizedText } from '@lowcode/app-model';

/** The text in `locale`, falling back to zh-CN (the only language every definition must have). */
export function localize(text: LocalizedText | undefined, locale: Locale): string {
  if (!text) return '';
  return (locale === 'en' ? text.en : undefined) ?? text['zh-CN'];
}
