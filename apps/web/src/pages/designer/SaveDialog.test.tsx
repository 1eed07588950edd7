import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { testApp } from '../../test/fixtures';
import { SaveDialog } from './SaveDialog';

describe('SaveDialog', () => {
  it('names the entity, counts its refused records and quotes the first reasons with their fields', async () => {
    await i18n.changeLanguage('en');
    const samples = ['a', 'b', 'c', 'd'].map((id) => ({ id, field: 'phone', message: `bad phone ${id}` }));
    render(
      <SaveDialog
        what="form"
        state={{
          step: 'previewed',
          definition: testApp,
          preview: {
            dryRun: true,
            appKey: 'pm',
            action: 'update',
            changes: [],
            impact: [{ entity: 'tenant', checked: 10, total: 25, invalidCount: 4, samples }],
          },
        }}
        onConfirm={vi.fn()}
        onClose={vi.fn()}
      />,
    );
    const table = await screen.findByTestId('designer-impact');
    expect(table).toHaveTextContent('Tenant');
    expect(table).toHaveTextContent('4 of 10 checked (25 in all)');
    expect(table).toHaveTextContent('phone bad phone c');
    expect(table).not.toHaveTextContent('bad phone d');
    expect(table).not.toHaveTextContent('undefined');
  });
});
