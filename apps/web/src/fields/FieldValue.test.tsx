import type { FieldDefinition } from '@lowcode/app-model';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FieldValue } from './FieldValue';

const description: FieldDefinition = { key: 'description', type: 'longText', label: { 'zh-CN': '问题描述' } };
const text = '卫生间天花板漏水，楼上住户不在家。\n业主晚上七点后方便上门。';

describe('FieldValue', () => {
  it('shows all of a long text on a detail line, its line breaks kept', () => {
    render(<FieldValue field={description} value={text} locale="zh-CN" wrap />);
    const shown = screen.getByText(/卫生间天花板漏水/);
    expect(shown.textContent).toBe(text);
    expect(shown).toHaveStyle({ whiteSpace: 'pre-wrap' });
    expect(shown.className).not.toContain('ellipsis');
  });

  it('cuts it to one line in a table cell', () => {
    render(<FieldValue field={description} value={text} locale="zh-CN" />);
    expect(screen.getByText(/卫生间天花板漏水/).className).toContain('ellipsis');
  });
});
