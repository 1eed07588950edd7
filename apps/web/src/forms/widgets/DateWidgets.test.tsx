import type { AppDefinition, EntityDefinition } from '@lowcode/app-model';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../i18n';
import { testApp } from '../../test/fixtures';
import { GeneratedForm } from '../GeneratedForm';
import { useRecordForm } from '../useRecordForm';

const payment: EntityDefinition = {
  key: 'payment',
  label: { 'zh-CN': '收款', en: 'Payment' },
  titleField: 'dueOn',
  fields: [
    { key: 'dueOn', type: 'date', label: { 'zh-CN': '到期日期', en: 'Due on' }, required: true },
    { key: 'paidAt', type: 'datetime', label: { 'zh-CN': '收款时间', en: 'Paid at' }, required: true },
    { key: 'note', type: 'text', label: { 'zh-CN': '备注', en: 'Note' } },
  ],
};
const app: AppDefinition = { ...testApp, entities: [payment] };

// As App.tsx wraps the app: antd's own texts in the UI language.
function Harness({ locale }: { locale: 'zh-CN' | 'en' }) {
  const form = useRecordForm({ entity: payment, locale, mode: 'create', initial: {} });
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN}>
      <AntApp>
        <GeneratedForm appKey="pm" app={app} entity={payment} locale={locale} form={form} />
      </AntApp>
    </ConfigProvider>
  );
}

const input = (key: string) => screen.getByTestId(`field-${key}`).querySelector('input')!;
const openPicker = (element: HTMLInputElement) => {
  act(() => element.focus());
  fireEvent.mouseDown(element);
  fireEvent.click(element);
};
const weekdays = () =>
  [...document.querySelectorAll('.ant-picker-content thead th')].map((cell) => cell.textContent);

afterEach(async () => {
  await act(() => setLocale('zh-CN'));
});

describe('date widgets', () => {
  it('name months and weekdays in the UI language, switching with it', async () => {
    const { unmount } = render(<Harness locale="zh-CN" />);
    openPicker(input('dueOn'));
    expect(weekdays()).toEqual(['一', '二', '三', '四', '五', '六', '日']);
    fireEvent.click(document.querySelector('.ant-picker-month-btn')!);
    expect(document.querySelector('.ant-picker-month-panel')).toHaveTextContent('1月');
    expect(dayjs().locale()).toBe('zh-cn');
    unmount();

    await act(() => setLocale('en'));
    expect(dayjs().locale()).toBe('en');
    render(<Harness locale="en" />);
    openPicker(input('dueOn'));
    expect(weekdays()).toEqual(['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa']);
  });

  it('take a typed date', () => {
    render(<Harness locale="zh-CN" />);
    const dueOn = input('dueOn');
    expect(dueOn).not.toHaveAttribute('readonly');
    openPicker(dueOn);
    fireEvent.change(dueOn, { target: { value: '2026-03-15' } });
    fireEvent.keyDown(dueOn, { key: 'Enter' });
    act(() => input('note').focus());
    expect(dueOn).toHaveValue('2026-03-15');
    expect(screen.getByTestId('field-dueOn')).not.toHaveTextContent('为必填项');
  });

  it('stay read-only on a phone, where typing would bring up the keyboard over the calendar', () => {
    // No breakpoint matches: a narrow screen (the setup puts the wide one back after each test).
    const wide = window.matchMedia;
    vi.stubGlobal('matchMedia', (query: string) => ({ ...wide(query), matches: false }));
    render(<Harness locale="zh-CN" />);
    expect(input('dueOn')).toHaveAttribute('readonly');
    expect(input('paidAt')).toHaveAttribute('readonly');
  });

  it('clear the "required" error once a date is picked, also after leaving the field', () => {
    render(<Harness locale="zh-CN" />);
    const dueOn = input('dueOn');
    // Visit the field and leave it empty: its error shows.
    act(() => dueOn.focus());
    act(() => input('note').focus());
    expect(screen.getByTestId('field-dueOn')).toHaveTextContent('到期日期为必填项');

    // Pick a day as a mouse does: the press moves the focus into the calendar, the click picks.
    openPicker(dueOn);
    const day = document.querySelector('.ant-picker-cell-in-view .ant-picker-cell-inner')!;
    fireEvent.mouseDown(day);
    act(() => (document.querySelector('.ant-picker-panel-container') as HTMLElement).focus());
    fireEvent.click(day);
    expect(dueOn.value).not.toBe('');
    expect(screen.getByTestId('field-dueOn')).not.toHaveTextContent('为必填项');

    // Leaving the calendar for the next field must not bring the error back.
    act(() => input('note').focus());
    expect(screen.getByTestId('field-dueOn')).not.toHaveTextContent('为必填项');
  });
});
