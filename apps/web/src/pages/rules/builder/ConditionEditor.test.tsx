import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import '../../../i18n';
import { tenantEntity } from '../../../test/fixtures';
import { ConditionEditor } from './ConditionEditor';

describe('ConditionEditor', () => {
  it('shows a stored condition in the builder without reporting a change', async () => {
    const onChange = vi.fn();
    render(
      <ConditionEditor
        value={{ '>': [{ var: 'record.rent' }, 2000] }}
        onChange={onChange}
        entity={tenantEntity}
        locale="zh-CN"
        errors={[]}
      />,
    );
    await screen.findByTestId('rule-condition-builder');
    expect(onChange).not.toHaveBeenCalled();
  });
});
