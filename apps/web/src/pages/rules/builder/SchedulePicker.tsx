import type { CatchUpPolicy, Locale } from '@lowcode/app-model';
import { Flex, Input, InputNumber, Select, Space, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  cronToPreset,
  defaultPreset,
  describeCron,
  HOUR_STEPS,
  PRESET_KINDS,
  presetToCron,
  type SchedulePreset,
  type SchedulePresetKind,
} from './schedule';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

/** A wall-clock time "HH:mm" with antd's picker (minutes in steps of 5 keep the list short). */
export function TimeInput({
  value,
  onChange,
  testId,
}: {
  value: string;
  onChange(time: string): void;
  testId?: string;
}) {
  return (
    <TimePicker
      data-testid={testId}
      format="HH:mm"
      minuteStep={5}
      allowClear={false}
      needConfirm={false}
      value={dayjs(`2000-01-01T${value || '09:00'}`)}
      onChange={(time) => onChange(time ? time.format('HH:mm') : '09:00')}
      style={{ width: 110 }}
    />
  );
}

/**
 * "Every weekday at 09:00" rather than `0 9 * * 1-5`: presets with their fields, the sentence in the UI
 * language, and the cron underneath for those who want it.
 */
export function SchedulePicker({
  cron,
  onChange,
  locale,
}: {
  cron: string;
  onChange(cron: string): void;
  locale: Locale;
}) {
  const { t } = useTranslation();
  // The preset is the picker's own state: "custom" stays custom even when the typed cron matches a preset.
  const [preset, setPreset] = useState<SchedulePreset>(() => cronToPreset(cron));
  const update = (next: SchedulePreset) => {
    setPreset(next);
    onChange(presetToCron(next));
  };
  const text = describeCron(cron, locale);

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="schedule-picker">
      <Flex gap={8} wrap align="center">
        <Select<SchedulePresetKind>
          data-testid="schedule-preset"
          style={{ minWidth: 180 }}
          value={preset.kind}
          onChange={(kind) => update(defaultPreset(kind, preset))}
          options={PRESET_KINDS.map((kind) => ({ value: kind, label: t(`rules.schedule.presets.${kind}`) }))}
        />
        {preset.kind === 'weekly' ? (
          <Select<number>
            data-testid="schedule-weekday"
            style={{ width: 120 }}
            value={preset.weekday}
            onChange={(weekday) => update({ ...preset, weekday })}
            options={WEEKDAYS.map((day) => ({ value: day, label: t(`rules.schedule.weekdays.${day}`) }))}
          />
        ) : null}
        {preset.kind === 'monthly' ? (
          <Space.Compact>
            <InputNumber
              data-testid="schedule-day"
              min={1}
              max={31}
              value={preset.day}
              onChange={(day) => update({ ...preset, day: day ?? 1 })}
              addonBefore={t('rules.schedule.dayPrefix')}
              addonAfter={t('rules.schedule.daySuffix')}
              style={{ width: 170 }}
            />
          </Space.Compact>
        ) : null}
        {'time' in preset ? (
          <TimeInput
            testId="schedule-time"
            value={preset.time}
            onChange={(time) => update({ ...preset, time })}
          />
        ) : null}
        {preset.kind === 'hourly' ? (
          <Select<number>
            data-testid="schedule-hours"
            style={{ width: 140 }}
            value={preset.every}
            onChange={(every) => update({ kind: 'hourly', every })}
            options={HOUR_STEPS.map((every) => ({
              value: every,
              label: t('rules.schedule.everyHours', { count: every }),
            }))}
          />
        ) : null}
        {preset.kind === 'custom' ? (
          <Input
            data-testid="schedule-cron"
            className="mono"
            style={{ width: 200 }}
            value={preset.cron}
            status={text.ok ? undefined : 'error'}
            onChange={(event) => update({ kind: 'custom', cron: event.target.value })}
          />
        ) : null}
      </Flex>
      {text.ok ? (
        <Typography.Text strong data-testid="schedule-sentence">
          {text.text}
        </Typography.Text>
      ) : (
        <Typography.Text type="danger">
          {t('rules.schedule.badCron', { message: text.error })}
        </Typography.Text>
      )}
      <Typography.Text type="secondary">
        {t('rules.schedule.cronIs')} <span className="mono">{cron}</span> · {t('rules.schedule.timezoneNote')}
      </Typography.Text>
      {preset.kind === 'monthly' ? (
        <Typography.Text type="secondary">{t('rules.schedule.monthlyNote')}</Typography.Text>
      ) : null}
    </Space>
  );
}

/** What to do about runs missed while the server was down. */
export function CatchUpSelect({
  value,
  onChange,
}: {
  value: CatchUpPolicy | undefined;
  onChange(policy: CatchUpPolicy): void;
}) {
  const { t } = useTranslation();
  const current = value ?? 'each';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select<CatchUpPolicy>
        data-testid="schedule-catchup"
        style={{ minWidth: 220 }}
        value={current}
        onChange={onChange}
        options={(['each', 'latest', 'skip'] as const).map((policy) => ({
          value: policy,
          label: t(`rules.catchUp.${policy}`),
        }))}
      />
      <Typography.Text type="secondary">{t(`rules.catchUp.${current}Help`)}</Typography.Text>
    </Space>
  );
}
