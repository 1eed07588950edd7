import { DeleteOutlined, HolderOutlined } from '@ant-design/icons';
import type { AppDefinition, EntityDefinition, FieldDefinition, Locale } from '@lowcode/app-model';
import { Button, Empty, Form, theme } from 'antd';
import { useRef, type ReactNode } from 'react';
import { useDrag, useDrop } from 'react-dnd';
import { useTranslation } from 'react-i18next';
import { FieldItem } from '../../forms/FieldItem';
import { widgetFor } from '../../forms/widgetMap';
import type { FormContext } from '../../forms/widgetTypes';
import { DND, moveTarget, type FieldDragItem, type PaletteDragItem } from './dnd';
import type { DesignerAction } from './designerReducer';

type DropItem = PaletteDragItem | FieldDragItem;

/** A drop target that inserts before `index`; a palette item adds a field, a canvas field moves there. */
function useInsertDrop(index: number, dispatch: (action: DesignerAction) => void) {
  return useDrop<DropItem, unknown, { over: boolean }>(
    () => ({
      accept: [DND.palette, DND.field],
      drop: (item, monitor) => {
        if (monitor.didDrop()) return;
        if ('fieldType' in item) dispatch({ type: 'add', fieldType: item.fieldType, index });
        else dispatch({ type: 'move', from: item.index, to: moveTarget(item.index, index) });
      },
      collect: (monitor) => ({ over: monitor.isOver({ shallow: true }) }),
    }),
    [index, dispatch],
  );
}

function CanvasField(props: {
  field: FieldDefinition;
  index: number;
  selected: boolean;
  context: FormContext;
  dispatch: (action: DesignerAction) => void;
}) {
  const { field, index, selected, context, dispatch } = props;
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const ref = useRef<HTMLDivElement>(null);
  const [{ dragging }, drag] = useDrag<FieldDragItem, unknown, { dragging: boolean }>(
    () => ({ type: DND.field, item: { index }, collect: (m) => ({ dragging: m.isDragging() }) }),
    [index],
  );
  const [{ over }, drop] = useInsertDrop(index, dispatch);
  drag(drop(ref));
  const Widget = widgetFor(field);
  return (
    <div
      ref={ref}
      data-testid={`designer-field-${field.key}`}
      onClick={() => dispatch({ type: 'select', key: field.key })}
      style={{
        position: 'relative',
        padding: '8px 36px 0 28px',
        marginBottom: 4,
        borderRadius: 6,
        cursor: 'pointer',
        opacity: dragging ? 0.4 : 1,
        border: `1px ${selected ? 'solid' : 'dashed'} ${selected ? token.colorPrimary : 'transparent'}`,
        borderTop: over ? `3px solid ${token.colorPrimary}` : undefined,
        background: selected ? token.colorPrimaryBg : undefined,
      }}
    >
      <HolderOutlined
        style={{ position: 'absolute', left: 8, top: 14, cursor: 'grab', color: token.colorTextTertiary }}
      />
      <Button
        size="small"
        type="text"
        danger
        icon={<DeleteOutlined />}
        aria-label={t('designer.removeField')}
        style={{ position: 'absolute', right: 4, top: 6 }}
        onClick={(event) => {
          event.stopPropagation();
          dispatch({ type: 'remove', key: field.key });
        }}
      />
      {/* The widget is only a picture of the form here: it does not take input. */}
      <div style={{ pointerEvents: 'none' }}>
        <FieldItem field={field} locale={context.locale} controlId={`designer-${field.key}`} errors={[]}>
          <Widget
            field={field}
            value={undefined}
            onChange={() => {}}
            onBlur={() => {}}
            id={`designer-${field.key}`}
            invalid={false}
            context={context}
          />
        </FieldItem>
      </div>
    </div>
  );
}

function EndDropZone({
  index,
  dispatch,
  children,
}: {
  index: number;
  dispatch: (a: DesignerAction) => void;
  children: ReactNode;
}) {
  const { token } = theme.useToken();
  const ref = useRef<HTMLDivElement>(null);
  const [{ over }, drop] = useInsertDrop(index, dispatch);
  drop(ref);
  return (
    <div
      ref={ref}
      data-testid="designer-drop-end"
      style={{
        minHeight: 80,
        borderRadius: 6,
        border: `2px dashed ${over ? token.colorPrimary : token.colorBorderSecondary}`,
        padding: 8,
      }}
    >
      {children}
    </div>
  );
}

/** The form as it will look; fields reorder by drag and drop, palette items drop in at the position. */
export function Canvas(props: {
  app: AppDefinition;
  entity: EntityDefinition;
  locale: Locale;
  selectedKey: string | null;
  dispatch: (action: DesignerAction) => void;
}) {
  const { app, entity, locale, selectedKey, dispatch } = props;
  const { t } = useTranslation();
  const context: FormContext = {
    appKey: app.key,
    app,
    entity,
    locale,
    values: {},
    stored: {},
    computed: {},
    display: {},
    errors: [],
    widgetFor,
  };
  return (
    <Form layout="vertical" component="div" data-testid="designer-canvas">
      {entity.fields.map((field, index) => (
        <CanvasField
          key={field.key}
          field={field}
          index={index}
          selected={field.key === selectedKey}
          context={context}
          dispatch={dispatch}
        />
      ))}
      <EndDropZone index={entity.fields.length} dispatch={dispatch}>
        {entity.fields.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('designer.dropHere')} />
        ) : null}
      </EndDropZone>
    </Form>
  );
}
