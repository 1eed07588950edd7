import { DatePicker, Grid } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { WidgetProps } from '../widgetTypes';

// Values stay in the engine's ISO forms: `YYYY-MM-DD` for dates, RFC 3339 with the browser's offset for
// date-times (dayjs' default format), `{ start, end }` for ranges. Day.js objects live only inside the picker.

const DATE_FORMAT = 'YYYY-MM-DD';

/**
 * Typing a date is quicker than paging the calendar on a keyboard, and the only way for some; on a phone the
 * input stays read-only, so a tap opens the calendar without the on-screen keyboard sliding over it.
 */
const useInputReadOnly = () => !Grid.useBreakpoint().md;

function toDayjs(value: unknown): Dayjs | null {
  if (typeof value !== 'string' || value === '') return null;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed : null;
}

export function DateWidget({ value, onChange, onBlur, id, invalid }: WidgetProps) {
  const inputReadOnly = useInputReadOnly();
  return (
    <DatePicker
      id={id}
      value={toDayjs(value)}
      status={invalid ? 'error' : undefined}
      style={{ width: '100%' }}
      inputReadOnly={inputReadOnly}
      onChange={(next) => onChange(next ? next.format(DATE_FORMAT) : null)}
      onBlur={onBlur}
    />
  );
}

export function DateTimeWidget({ value, onChange, onBlur, id, invalid }: WidgetProps) {
  const inputReadOnly = useInputReadOnly();
  return (
    <DatePicker
      id={id}
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      value={toDayjs(value)}
      status={invalid ? 'error' : undefined}
      style={{ width: '100%' }}
      inputReadOnly={inputReadOnly}
      onChange={(next) => onChange(next ? next.second(0).millisecond(0).format() : null)}
      onBlur={onBlur}
    />
  );
}

type DateRangeValue = { start?: string; end?: string };

export function DateRangeWidget({ value, onChange, onBlur, id, invalid }: WidgetProps) {
  const range = (typeof value === 'object' && value !== null ? value : {}) as DateRangeValue;
  const inputReadOnly = useInputReadOnly();
  return (
    <DatePicker.RangePicker
      id={id}
      value={[toDayjs(range.start), toDayjs(range.end)]}
      status={invalid ? 'error' : undefined}
      style={{ width: '100%' }}
      inputReadOnly={inputReadOnly}
      onChange={(next) =>
        onChange(
          next?.[0] && next[1]
            ? { start: next[0].format(DATE_FORMAT), end: next[1].format(DATE_FORMAT) }
            : null,
        )
      }
      onBlur={onBlur}
    />
  );
}
