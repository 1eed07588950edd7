import fs from 'node:fs';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

export type SheetFormat = 'xlsx' | 'csv';

export interface SheetRow {
  /** 1-based, as the spreadsheet program shows it. */
  rowNumber: number;
  cells: unknown[];
}

/**
 * Streams the rows of the first worksheet (xlsx) or of a CSV file, so a 100k-row file is read in bounded
 * memory. Cells come as the reader gives them: strings, numbers, booleans, Dates.
 */
export async function* readSheetRows(file: string, format: SheetFormat): AsyncGenerator<SheetRow> {
  if (format === 'csv') {
    const parser = fs
      .createReadStream(file)
      .pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false }));
    let rowNumber = 0;
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      yield { rowNumber, cells: record };
    }
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  for await (const worksheet of reader) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      yield { rowNumber: row.number, cells: values.map(cellValue) };
    }
    return; // the first worksheet only
  }
}

/** Formulas give their result, rich text its plain text, hyperlinks their text. */
function cellValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  const object = value as { result?: unknown; richText?: { text: string }[]; text?: unknown };
  if ('result' in object) return cellValue(object.result);
  if (object.richText) return object.richText.map((part) => part.text).join('');
  if ('text' in object) return cellValue(object.text);
  return String(value);
}

export function sheetFormatOf(fileName: string): SheetFormat | undefined {
  const extension = fileName.toLowerCase().split('.').pop();
  return extension === 'xlsx' ? 'xlsx' : extension === 'csv' ? 'csv' : undefined;
}
