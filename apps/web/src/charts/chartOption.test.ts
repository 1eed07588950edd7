import type { AppDefinition } from '@lowcode/app-model';
import type { ReportResult } from '@lowcode/report-engine';
import { describe, expect, it } from 'vitest';
import { formatFieldText } from '../fields/formatFieldText';
import { displayResult, rawValueOf } from './chartOption';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A rating whose NPS group is a text formula naming its three results. */
const entities: AppDefinition['entities'] = [
  {
    key: 'rating',
    label: label('评价', 'Rating'),
    fields: [
      { key: 'nps', type: 'number', label: label('NPS', 'NPS') },
      {
        key: 'npsGroup',
        type: 'formula',
        label: label('NPS 分组', 'NPS group'),
        resultType: 'text',
        expression: { if: [{ '>=': [{ var: 'record.nps' }, 9] }, 'promoter', 'other'] },
        options: [
          { value: 'promoter', label: label('推荐者', 'Promoter'), color: 'green' },
          { value: 'detractor', label: label('贬损者', 'Detractor'), color: 'red' },
        ],
      },
      {
        key: 'code',
        type: 'formula',
        label: label('编码', 'Code'),
        resultType: 'text',
        expression: { cat: ['R-', { var: 'record.nps' }] },
      },
    ],
  },
] as AppDefinition['entities'];

const result = (key: string, values: Array<string | null>): ReportResult => ({
  columns: [
    { key, role: 'dimension', kind: 'text' },
    { key: 'responses', role: 'measure', kind: 'number' },
  ],
  rows: values.map((value, index) => ({ [key]: value, responses: index + 1 })),
});

describe('a text formula that names its results', () => {
  it('is charted and clicked through by its labels, the stored code kept for filters', () => {
    const shown = displayResult(
      result('npsGroup', ['promoter', 'detractor', 'other', null]),
      {
        entity: 'rating',
      },
      entities,
      'zh-CN',
    );
    expect(shown.rows.map((row) => row['npsGroup#display'])).toEqual(['推荐者', '贬损者', 'other', '（空）']);
    expect(rawValueOf(shown, 0, '贬损者', 'zh-CN')).toEqual({ found: true, value: 'detractor' });
    const english = displayResult(result('npsGroup', ['promoter']), { entity: 'rating' }, entities, 'en');
    expect(english.rows[0]!['npsGroup#display']).toBe('Promoter');
  });

  it('is read as its label in cells; a formula without options stays as computed', () => {
    const [, group, code] = entities[0]!.fields;
    expect(formatFieldText(group!, 'detractor', 'zh-CN')).toBe('贬损者');
    expect(formatFieldText(group!, 'other', 'en')).toBe('other');
    expect(formatFieldText(code!, 'R-9', 'en')).toBe('R-9');
    expect(
      displayResult(result('code', ['R-9']), { entity: 'rating' }, entities, 'en').rows[0],
    ).not.toHaveProperty('code#display');
  });
});
