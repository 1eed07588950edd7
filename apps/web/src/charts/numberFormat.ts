/** The fewest fraction digits (at most `max`) that show every number of a column exactly as rounded. */
export function fractionDigits(values: readonly unknown[], max = 2): number {
  let digits = 0;
  for (const value of values) {
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    while (digits < max && !isWhole(value * 10 ** digits)) digits += 1;
    if (digits === max) break;
  }
  return digits;
}

// Within a few units in the last place: 10,187,393.26 × 100 is 1,018,739,326.0000001 as a float.
const isWhole = (scaled: number) =>
  Math.abs(scaled - Math.round(scaled)) <= 8 * Number.EPSILON * Math.max(1, Math.abs(scaled));

/**
 * A number in the reader's locale with `digits` fraction digits (at least `minimumDigits`: as many as it
 * needs up to `digits` when 0); empty values as a dash, other values as their text.
 */
export function formatNumber(value: unknown, digits: number, minimumDigits = digits): string {
  if (typeof value === 'number')
    return value.toLocaleString(undefined, {
      minimumFractionDigits: minimumDigits,
      maximumFractionDigits: digits,
    });
  return value === null || value === undefined ? '—' : String(value);
}
