import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { DurationInput } from './DurationInput';

const amount = () =>
  screen.getByTestId('due-amount').querySelector('input') ?? screen.getByTestId('due-amount');

/** Opens an antd Select and picks the option with this text. */
function pick(testId: string, option: string) {
  fireEvent.mouseDown(within(screen.getByTestId(testId)).getByRole('combobox'));
  fireEvent.click(screen.getAllByText(option).at(-1)!);
}

describe('DurationInput', () => {
  it('shows a stored duration as an amount and a unit, and writes ISO-8601 back', () => {
    const onChange = vi.fn();
    render(<DurationInput testId="due" value="PT4H" onChange={onChange} />);
    expect(amount()).toHaveValue('4');
    expect(screen.getByTestId('due-unit')).toHaveTextContent('小时');
    fireEvent.change(amount(), { target: { value: '6' } });
    expect(onChange).toHaveBeenLastCalledWith('PT6H');
    pick('due-unit', '天');
    expect(onChange).toHaveBeenLastCalledWith('P4D');
  });

  it('names days as working days on the work calendar', () => {
    render(<DurationInput testId="due" value="P2D" business onChange={vi.fn()} />);
    expect(screen.getByTestId('due-unit')).toHaveTextContent('个工作日');
  });

  it('offers before and after for an offset', () => {
    const onChange = vi.fn();
    render(<DurationInput testId="due" value="-P1D" signed onChange={onChange} />);
    expect(screen.getByTestId('due-direction')).toHaveTextContent('提前');
    pick('due-direction', '延后');
    expect(onChange).toHaveBeenLastCalledWith('P1D');
  });

  it('clears to no duration, and keeps a duration of several parts as text', () => {
    const onChange = vi.fn();
    const { unmount } = render(<DurationInput testId="due" value="PT4H" onChange={onChange} />);
    fireEvent.change(amount(), { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith(undefined);
    unmount();
    render(<DurationInput testId="due" value="P1DT2H" onChange={onChange} />);
    expect(screen.getByTestId('due-text')).toHaveValue('P1DT2H');
    expect(screen.getByTestId('due-simple')).toBeDisabled();
  });
});
