// Turning spreadsheet cells into stored values. Cells arrive as whatever the sheet reader produced: strings,
// numbers (including Excel serial dates), booleans or Date objects. These helpers never throw: they return
// `undefined` when the cell cannot be read, and the field handler turns that into a coded error.

/** Full-width digits and punctuation (common in Chinese spreadsheets) to their ASCII forms. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** An empty cell: null, undefined, or text that is only whitespace. */
export function isBlankCell(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** Text as shown in the cell; numbers print without exponent noise for ordinary sizes. */
export function cellText(cell: unknown): string {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  return String(cell).trim();
}

const TRUE_WORDS = new Set(['是', '对', '真', '有', 'yes', 'y', 'true', 't', '1', '√', '✓', '✔', 'on']);
const FALSE_WORDS = new Set(['否', '错', '假', '无', 'no', 'n', 'false', 'f', '0', '×', '✗', '✘', 'off']);

export function parseBooleanCell(cell: unknown): boolean | undefined {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : undefined;
  const word = toHalfWidth(cellText(cell)).toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/**
 * A number from `1234.5`, `'1,234.50'`, `'¥1,234.50'`, `'1 234 元'`, `'(12)'` (accounting negative) or `'12%'`.
 * With `allowPercentSign`, `'12%'` → 12: the sign is dropped, not divided (percent convention in the README).
 */
export function parseNumberCell(cell: unknown, allowPercentSign = false): number | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== 'string') return undefined;
  let text = toHalfWidth(cell).trim().replace(/[\s,]/g, '');
  text = text.replace(/^(?:CNY|RMB|USD|[¥￥$€£])/i, '').replace(/(?:元|CNY|RMB)$/i, '');
  if (allowPercentSign) text = text.replace(/%$/, '');
  const negative = /^\(.*\)$/.test(text);
  if (negative) text = `-${text.slice(1, -1)}`;
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

// Excel's day 0 is 1899-12-30 once its fictional 1900-02-29 is accounted for; serials from 61 on (1900-03-01)
// are exact with this epoch, which covers every date a property system holds.
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

/** Calendar parts of an Excel serial (days since 1899-12-30; the fraction is the time of day). */
export function excelSerialParts(serial: number): { date: string; seconds: number } | undefined {
  if (!Number.isFinite(serial) || serial < 61 || serial > 2_958_465) return undefined;
  const whole = Math.floor(serial);
  const day = new Date(EXCEL_EPOCH_UTC + whole * MS_PER_DAY);
  const seconds = Math.round((serial - whole) * 86_400);
  return { date: isoDate(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()), seconds };
}

function isRealDay(year: number, month: number, day: number): boolean {
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/;

/** Splits `2026-03-01`, `2026/3/1`, `2026.3.1` or `2026年3月1日` (with any time after it) into date and rest. */
function splitDateText(text: string): { date: string; rest: string } | undefined {
  const match = DATE_TEXT.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isRealDay(year, month, day)) return undefined;
  return { date: isoDate(year, month, day), rest: text.slice(match[0].length).trim() };
}

/**
 * A `YYYY-MM-DD` date from text, an Excel serial number, or a Date. A Date is read by its local calendar
 * day, because sheet readers (e.g. SheetJS with cellDates) build it as local midnight of the shown day.
 */
export function parseDateCell(cell: unknown): string | undefined {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return undefined;
    return isoDate(cell.getFullYear(), cell.getMonth() + 1, cell.getDate());
  }
  if (typeof cell === 'number') return excelSerialParts(cell)?.date;
  if (typeof cell !== 'string') return undefined;
  const text = toHalfWidth(cell).trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return excelSerialParts(Number(text))?.date;
  return splitDateText(text)?.date;
}

/**
 * An ISO date-time with offset. Text with an explicit offset or `Z` keeps it; wall-clock text and Excel
 * serials are read in `utcOffset` (the workspace zone, default +08:00); a Date is an instant already.
 */
export function parseDatetimeCell(cell: unknown, utcOffset: string): string | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : cell.toISOString();
  if (typeof cell === 'number') {
    const parts = excelSerialParts(cell);
    if (!parts) return undefined;
    const h = Math.floor(parts.seconds / 3600);
    const m = Math.floor((parts.seconds % 3600) / 60);
    return `${parts.date}T${pad(h)}:${pad(m)}:${pad(parts.seconds % 60)}${utcOffset}`;
  }
  if (typeof cell !== 'string') return undefined;
  const text = toHalfWidth(cell).trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return parseDatetimeCell(Number(text), utcOffset);
  const split = splitDateText(text);
  if (!split) return undefined;
  const time = /^T?\s*(\d{1,2})[:时](\d{2})(?:[:分](\d{2})(?:\.\d+)?)?秒?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    split.rest,
  );
  if (split.rest === '') return `${split.date}T00:00:00${utcOffset}`;
  if (!time) return undefined;
  const [h, m, sec] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
  if (h > 23 || m > 59 || sec > 59) return undefined;
  const zone = time[4] ? normalizeOffset(time[4]) : utcOffset;
  return `${split.date}T${pad(h)}:${pad(m)}:${pad(sec)}${zone}`;
}

function normalizeOffset(zone: string): string {
  if (zone.toUpperCase() === 'Z') return 'Z';
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

/** Splits a multi-value cell on `,` `，` `、` `;` `；` and new lines; blank parts are dropped. */
export function splitListCell(cell: unknown): string[] {
  if (Array.isArray(cell)) return cell.map((item) => cellText(item)).filter((item) => item !== '');
  return cellText(cell)
    .split(/[,，、;；\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Splits `2026-03-01 ~ 2026-04-01` (also 至, 到, ～, — or a spaced dash) into its two ends. */
export function splitRangeCell(cell: unknown): [string, string] | undefined {
  const parts = cellText(cell).split(/\s*(?:~|～|至|到|—|–)\s*|\s+-\s+/);
  return parts.length === 2 && parts[0] && parts[1] ? [parts[0], parts[1]] : undefined;
}

/** Escapes text so it can be stored in a rich-text (HTML) field as a literal paragraph. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
