import { type Locale } from '@lowcode/app-model';

/** Picks zh-CN or en from an Accept-Language header; zh-CN is the product's default. */
export function localeFromHeader(header: string | string[] | undefined): Locale {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const preferred = value
    .split(',')
    .map((part) => part.trim().split(';')[0]?.toLowerCase() ?? '')
    .find((tag) => tag.startsWith('zh') || tag.startsWith('en'));
  return preferred?.startsWith('en') ? 'en' : 'zh-CN';
}
