import { Flex, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WidgetProps } from '../widgetTypes';

type LocationValue = { address?: string; lng?: number; lat?: number };

/** Address plus optional coordinates; an empty address with no coordinates is an empty value (null). */
export function LocationWidget({ value, onChange, onBlur, id, invalid }: WidgetProps) {
  const { t } = useTranslation();
  const location = (typeof value === 'object' && value !== null ? value : {}) as LocationValue;
  const update = (patch: Partial<LocationValue>) => {
    const next: LocationValue = { ...location, ...patch };
    for (const key of ['lng', 'lat'] as const)
      if (next[key] === undefined || next[key] === null) delete next[key];
    onChange(
      !next.address && next.lng === undefined && next.lat === undefined
        ? null
        : { address: next.address ?? '', ...next },
    );
  };
  return (
    <Flex vertical gap={8}>
      <Input
        id={id}
        value={location.address ?? ''}
        placeholder={t('form.address')}
        status={invalid ? 'error' : undefined}
        onChange={(event) => update({ address: event.target.value })}
        onBlur={onBlur}
      />
      <Flex gap={8}>
        <InputNumber
          value={location.lng ?? null}
          placeholder={t('form.longitude')}
          style={{ flex: 1 }}
          onChange={(next) => update({ lng: next ?? undefined })}
          onBlur={onBlur}
        />
        <InputNumber
          value={location.lat ?? null}
          placeholder={t('form.latitude')}
          style={{ flex: 1 }}
          onChange={(next) => update({ lat: next ?? undefined })}
          onBlur={onBlur}
        />
      </Flex>
    </Flex>
  );
}
