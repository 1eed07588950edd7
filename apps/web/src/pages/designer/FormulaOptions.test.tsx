import type { EntityDefinition, FieldDefinition } from '@lowcode/app-model';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { FormulaOptions } from './ComputedOptions';

type Formula = Extract<FieldDefinition, { type: 'formula' }>;
const formula = (expression: unknown): Formula => ({
  key: 'total',
  type: 'formula',
  label: { 'zh-CN': '合计' },
  resultType: 'number',
  expression,
});
const entity = (field: Formula): EntityDefinition => ({
  key: 'order',
  label: { 'zh-CN': '订单' },
  fields: [
    { key: 'quantity', type: 'number', label: { 'zh-CN': '数量' } },
    { key: 'unitPrice', type: 'money', label: { 'zh-CN': '单价' } },
    field,
  ],
});

describe('FormulaOptions', () => {
  it('shows a stored formula as text and stores what the builder writes as JSON-logic', () => {
    const field = formula({ '*': [{ var: 'record.quantity' }, 2] });
    const onPatch = vi.fn();
    render(<FormulaOptions field={field} entity={entity(field)} locale="zh-CN" onPatch={onPatch} />);
    const box = screen.getByTestId('designer-formula');
    expect(box).toHaveValue('{数量} * 2');
    fireEvent.change(box, { target: { value: '{数量} * {单价}' } });
    expect(onPatch).toHaveBeenLastCalledWith({
      expression: { '*': [{ var: 'record.quantity' }, { var: 'record.unitPrice' }] },
    });
    fireEvent.change(box, { target: { value: '{数量} * {折扣}' } });
    expect(screen.getByText('公式中的“折扣”不是这里的字段')).toBeInTheDocument();
    expect(onPatch).toHaveBeenCalledTimes(1);
  });

  it('edits a formula the text cannot say as JSON-logic', () => {
    const field = formula({ reduce: [{ var: 'record.lines' }, { '+': [1, 2] }, 0] });
    render(<FormulaOptions field={field} entity={entity(field)} locale="zh-CN" onPatch={vi.fn()} />);
    expect(String((screen.getByTestId('designer-formula') as HTMLTextAreaElement).value)).toContain(
      '"reduce"',
    );
    expect(screen.queryByTestId('designer-formula-mode')).toBeNull();
  });
});
