// Renders issue codes into plain words in English or Chinese. Checks only record codes and params.
import { type AppModelIssue, type Owner, type RawIssue } from '../issues';
import { type Locale } from '../types';
import { type Catalog, ownerText } from './format';
import { SEMANTIC } from './semantic';
import { STRUCTURAL } from './structural';

const CATALOG: Catalog = { ...STRUCTURAL, ...SEMANTIC };

export const MESSAGE_CODES: readonly string[] = Object.keys(CATALOG);

/** Renders one issue in a locale; an unknown code still yields a readable (if generic) message. */
export function renderIssue(issue: RawIssue, locale: Locale): AppModelIssue {
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const params = issue.params ?? {};
  const entry = CATALOG[issue.code];
  const owner = ownerText(params.owner as Owner | undefined, lang);
  const message = entry ? entry[lang](params, owner) : issue.code;
  return { path: issue.path, code: issue.code, message, ...(issue.params ? { params: issue.params } : {}) };
}
