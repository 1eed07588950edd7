import type { FieldType, Locale } from '@lowcode/app-model';
import { Button, Flex, Typography } from 'antd';
import { useRef } from 'react';
import { useDrag } from 'react-dnd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../hooks/useLocale';
import { DND, type PaletteDragItem } from './dnd';
import { FIELD_CATALOG, FIELD_GROUPS, fieldTypesOf } from './fieldCatalog';
import { FIELD_ICONS } from './fieldIcons';

function PaletteItem({
  type,
  locale,
  onAdd,
}: {
  type: FieldType;
  locale: Locale;
  onAdd(type: FieldType): void;
}) {
  const ref = useRef<HTMLButtonElement>(null);
  const [{ dragging }, drag] = useDrag<PaletteDragItem, unknown, { dragging: boolean }>(() => ({
    type: DND.palette,
    item: { fieldType: type },
    collect: (monitor) => ({ dragging: monitor.isDragging() }),
  }));
  drag(ref);
  return (
    <Button
      ref={ref}
      size="small"
      icon={FIELD_ICONS[type]}
      style={{
        justifyContent: 'flex-start',
        width: '100%',
        overflow: 'hidden',
        opacity: dragging ? 0.5 : 1,
        cursor: 'grab',
      }}
      title={localize(FIELD_CATALOG[type].name, locale)}
      onClick={() => onAdd(type)}
      data-testid={`designer-palette-${type}`}
    >
      {localize(FIELD_CATALOG[type].name, locale)}
    </Button>
  );
}

/** All 35 field types by group; drag one onto the canvas, or click to append it. */
export function Palette({ locale, onAdd }: { locale: Locale; onAdd(type: FieldType): void }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12} data-testid="designer-palette">
      {FIELD_GROUPS.map((group) => (
        <div key={group}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`designer.groups.${group}`)}
          </Typography.Text>
          <div
            style={{
              display: 'grid',
              gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
              gap: 4,
              marginTop: 4,
            }}
          >
            {fieldTypesOf(group).map((type) => (
              <PaletteItem key={type} type={type} locale={locale} onAdd={onAdd} />
            ))}
          </div>
        </div>
      ))}
    </Flex>
  );
}
