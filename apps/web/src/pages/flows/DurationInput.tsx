import { Button, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DurationUnit, durationParts, durationText } from './durationModel';

const SLA_UNITS: DurationUnit[] = ['minutes', 'hours', 'days', 'weeks'];
/** The unit list's last entry: the duration typed as ISO-8601 text (`P1DT2H`, `PT20S`). */
const AS_TEXT = 'text';

/**
 * An SLA or timer duration as a builder says it — "4 hours", "2 working days", "1 day before" — stored as
 * ISO-8601. A duration of several parts (`P1DT2H`) is edited as the text it is.
 */
export function DurationInput({
  value,
  onChange,
  units = SLA_UNITS,
  business = false,
  signed = false,
  testId,
}: {
  value: string | undefined;
  onChange(value: string | undefined): void;
  units?: DurationUnit[];
  /** Counted on the work calendar: a day is a working day, a week five of them. */
  business?: boolean;
  /** Offers "before" as well as "after" (a timer's offset from a date field). */
  signed?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const parts = durationParts(value);
  const [asText, setAsText] = useState(!!value?.trim() && !parts);
  // The unit picked before an amount is typed, and the direction, survive an empty amount.
  const [unit, setUnit] = useState<DurationUnit>(parts?.unit ?? 'hours');
  const [negative, setNegative] = useState(parts?.negative ?? false);
  const id = (part: string) => (testId ? `${testId}-${part}` : undefined);

  if (asText)
    return (
      <Space.Compact block>
        <Input
          data-testid={id('text')}
          value={value}
          placeholder="P1DT2H"
          onChange={(event) => onChange(event.target.value.trim() || undefined)}
        />
        <Button
          disabled={!!value?.trim() && !parts}
          onClick={() => setAsText(false)}
          data-testid={id('simple')}
        >
          {t('flows.duration.simple')}
        </Button>
      </Space.Compact>
    );

  const shownUnit = parts?.unit ?? unit;
  const shownNegative = parts?.negative ?? negative;
  const write = (next: { amount?: number | null; unit?: DurationUnit; negative?: boolean }) => {
    if (next.unit) setUnit(next.unit);
    if (next.negative !== undefined) setNegative(next.negative);
    const amount = next.amount === undefined ? parts?.amount : (next.amount ?? undefined);
    const shape = { unit: next.unit ?? shownUnit, negative: next.negative ?? shownNegative };
    onChange(amount === undefined ? undefined : durationText({ amount, ...shape }));
  };
  const unitLabel = (option: DurationUnit) =>
    t(
      `flows.duration.${business && (option === 'days' || option === 'weeks') ? `working.${option}` : option}`,
    );
  return (
    <Space.Compact block>
      {signed ? (
        <Select
          style={{ width: 96 }}
          value={shownNegative ? 'before' : 'after'}
          onChange={(direction: 'before' | 'after') => write({ negative: direction === 'before' })}
          options={[
            { value: 'before', label: t('flows.duration.before') },
            { value: 'after', label: t('flows.duration.after') },
          ]}
          data-testid={id('direction')}
        />
      ) : null}
      <InputNumber
        style={{ flex: 1 }}
        min={0}
        value={parts?.amount ?? null}
        onChange={(amount: number | null) => write({ amount: amount && amount > 0 ? amount : null })}
        data-testid={id('amount')}
      />
      <Select
        style={{ width: 112 }}
        value={shownUnit}
        onChange={(next: DurationUnit | typeof AS_TEXT) =>
          next === AS_TEXT ? setAsText(true) : write({ unit: next })
        }
        options={[
          ...units.map((option) => ({ value: option, label: unitLabel(option) })),
          { value: AS_TEXT, label: t('flows.duration.text') },
        ]}
        data-testid={id('unit')}
      />
    </Space.Compact>
  );
}
