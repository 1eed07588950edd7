import type { Locale } from '@lowcode/app-model';
import { localize } from '@lowcode/app-model';
import type { ReportResult } from '@lowcode/report-engine';
import { categoryOf } from '../../charts/chartOption';
import type { EChartsInstance } from '../../charts/echarts';
import { saveBlob } from '../../utils/saveBlob';

const safeName = (name: string) => name.replace(/[\\/:*?"<>|]+/g, '_').slice(0, 80) || 'chart';

/** The chart as drawn, at twice the screen's resolution on white. */
export async function exportPng(instance: EChartsInstance, name: string): Promise<void> {
  const url = instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  const blob = await (await fetch(url)).blob();
  saveBlob(blob, `${safeName(name)}.png`);
}

/**
 * The rows behind the chart as a workbook: readable dimension values, numbers as numbers. A measure shown as a
 * percentage of its fraction keeps the fraction in the cell, formatted as a percentage, so a sheet computes
 * with it as the chart shows it.
 */
export async function chartWorkbook(result: ReportResult, name: string, locale: Locale) {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(safeName(name).slice(0, 31));
  const columns = result.columns.filter((column) => column.role !== 'label');
  sheet.columns = columns.map((column) => ({
    header: localize(column.label, locale) || column.key,
    key: column.key,
    width: column.role === 'dimension' ? 24 : 14,
    ...(column.unit === 'percent' && column.scale === 100 ? { style: { numFmt: '0.0%' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of result.rows)
    sheet.addRow(
      Object.fromEntries(
        columns.map((column) => [
          column.key,
          column.role === 'dimension' ? categoryOf(row, column, locale) : (row[column.key] ?? null),
        ]),
      ),
    );
  return workbook;
}

/** The chart's rows downloaded as an xlsx file. */
export async function exportXlsx(result: ReportResult, name: string, locale: Locale): Promise<void> {
  const buffer = await (await chartWorkbook(result, name, locale)).xlsx.writeBuffer();
  saveBlob(
    new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    `${safeName(name)}.xlsx`,
  );
}
