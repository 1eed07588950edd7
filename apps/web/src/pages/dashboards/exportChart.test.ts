import type { ReportResult } from '@lowcode/report-engine';
import { describe, expect, it } from 'vitest';
import { chartWorkbook } from './exportChart';

describe('a chart exported as xlsx', () => {
  it('keeps a percent-formatted measure as its fraction, shown as a percentage; other numbers as they are', async () => {
    const result: ReportResult = {
      columns: [
        { key: 'line', role: 'dimension', kind: 'text', label: { 'zh-CN': '服务条线', en: 'Line' } },
        { key: 'csat', role: 'measure', kind: 'number', unit: 'percent', scale: 100 },
        { key: 'fixRate', role: 'measure', kind: 'number', unit: 'percent' },
        { key: 'answers', role: 'measure', kind: 'number' },
      ],
      rows: [{ line: '维修服务', csat: 0.786, fixRate: 83.4, answers: 12 }],
    };
    const workbook = await chartWorkbook(result, 'CSAT', 'zh-CN');
    // Through the file format and back, as a person opening the download sees it.
    const { default: ExcelJS } = await import('exceljs');
    const opened = new ExcelJS.Workbook();
    await opened.xlsx.load(await workbook.xlsx.writeBuffer());
    const row = opened.worksheets[0]!.getRow(2);
    expect(opened.worksheets[0]!.getRow(1).getCell(1).value).toBe('服务条线');
    expect([1, 2, 3, 4].map((cell) => row.getCell(cell).value)).toEqual(['维修服务', 0.786, 83.4, 12]);
    expect(row.getCell(2).numFmt).toBe('0.0%');
    expect(row.getCell(3).numFmt ?? 'General').toBe('General');
  });
});
