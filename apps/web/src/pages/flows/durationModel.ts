// The ISO-8601 durations of SLAs and timers (`PT30M`, `PT4H`, `P2D`, `-P1D`) as a builder edits them: an
// amount and a unit. A duration of several parts (`P1DT2H`, written by hand or imported) is not simplified
// into one unit — in a business calendar a day is a working day, not 24 hours — so it stays text.

export const DURATION_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export interface DurationParts {
  amount: number;
  unit: DurationUnit;
  /** Before rather than after (a timer's offset from a date field). */
  negative: boolean;
}

const SINGLE = /^(-)?P(?:(\d+(?:\.\d+)?)([DWM])|T(\d+(?:\.\d+)?)([HM]))$/;

/** The amount and unit of a one-part duration; `undefined` for anything else. */
export function durationParts(text: string | undefined): DurationParts | undefined {
  const match = SINGLE.exec(text?.trim() ?? '');
  if (!match) return undefined;
  const negative = match[1] === '-';
  if (match[2] !== undefined) {
    const unit = ({ D: 'days', W: 'weeks', M: 'months' } as const)[match[3] as 'D' | 'W' | 'M'];
    return { amount: Number(match[2]), unit, negative };
  }
  return { amount: Number(match[4]), unit: match[5] === 'H' ? 'hours' : 'minutes', negative };
}

/** The ISO-8601 text of an amount and unit (`undefined` for no amount). */
export function durationText(parts: DurationParts): string | undefined {
  if (!Number.isFinite(parts.amount) || parts.amount <= 0) return undefined;
  const sign = parts.negative ? '-' : '';
  const amount = String(parts.amount);
  switch (parts.unit) {
    case 'minutes':
      return `${sign}PT${amount}M`;
    case 'hours':
      return `${sign}PT${amount}H`;
    case 'days':
      return `${sign}P${amount}D`;
    case 'weeks':
      return `${sign}P${amount}W`;
    case 'months':
      return `${sign}P${amount}M`;
  }
}
