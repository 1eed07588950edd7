import { FIELD_TYPES } from '@lowcode/app-model';
import { FIELD_TYPE_HANDLERS } from '@lowcode/form-engine';
import { describe, expect, it } from 'vitest';
import { WIDGETS } from './widgetMap';

describe('WIDGETS', () => {
  it('has a component for the default widget of every field type', () => {
    for (const type of FIELD_TYPES) {
      const widget = FIELD_TYPE_HANDLERS[type].defaultWidget;
      expect({ type, widget, mapped: typeof WIDGETS[widget] }).toEqual({ type, widget, mapped: 'function' });
    }
  });

  it('maps no widget name the engine never asks for', () => {
    const used = new Set(FIELD_TYPES.map((type) => FIELD_TYPE_HANDLERS[type].defaultWidget));
    expect(Object.keys(WIDGETS).filter((name) => !used.has(name as never))).toEqual([]);
  });
});
