import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp, Button } from 'antd';
import { describe, expect, it } from 'vitest';
import '../i18n';
import { testApp, tenantEntity } from '../test/fixtures';
import { GeneratedForm } from './GeneratedForm';
import { useRecordForm, type RecordForm } from './useRecordForm';

let formHandle: RecordForm | undefined;

function Harness({ locale }: { locale: 'zh-CN' | 'en' }) {
  const form = useRecordForm({ entity: tenantEntity, locale, mode: 'create', initial: {} });
  formHandle = form;
  return (
    <AntApp>
      <GeneratedForm appKey="pm" app={testApp} entity={tenantEntity} locale={locale} form={form} />
      <Button data-testid="record-submit" onClick={() => form.submit()}>
        submit
      </Button>
    </AntApp>
  );
}

const input = (key: string) => screen.getByTestId(`field-${key}`).querySelector('input')!;

describe('GeneratedForm', () => {
  it('renders labels in the UI language with required marks and help text', () => {
    render(<Harness locale="en" />);
    expect(screen.getByTestId('field-name')).toHaveTextContent('Name');
    expect(screen.getByTestId('field-name').querySelector('.ant-form-item-required')).not.toBeNull();
    expect(screen.getByTestId('field-phone')).toHaveTextContent('11 digits');
  });

  it("shows the form engine's message for a bad mobile number on blur", () => {
    render(<Harness locale="zh-CN" />);
    fireEvent.change(input('phone'), { target: { value: '12345' } });
    expect(screen.getByTestId('field-phone')).not.toHaveTextContent('请输入 11 位手机号码');
    fireEvent.blur(input('phone'));
    expect(screen.getByTestId('field-phone')).toHaveTextContent('请输入 11 位手机号码');
    // Fields the user has not visited stay quiet until submit.
    expect(screen.getByTestId('field-name')).not.toHaveTextContent('为必填项');
  });

  it("shows the engine's message for a bad ID number and every error on submit", () => {
    render(<Harness locale="en" />);
    fireEvent.change(input('idCard'), { target: { value: '110101199003071234' } });
    fireEvent.click(screen.getByTestId('record-submit'));
    expect(screen.getByTestId('field-idCard').querySelector('.ant-form-item-explain')?.textContent).toMatch(
      /ID/,
    );
    expect(screen.getByTestId('field-name')).toHaveTextContent('Name is required');
  });

  it('maps server RECORD_INVALID details onto the fields and sub-table cells', () => {
    render(<Harness locale="en" />);
    act(() =>
      formHandle!.showServerErrors([
        { path: 'name', message: 'Name must be unique' },
        { path: 'lines[0].qty', message: 'Qty in row 1 of Lines must be at least 1' },
      ]),
    );
    expect(screen.getByTestId('field-name')).toHaveTextContent('Name must be unique');
    // A server error clears once the field is edited.
    fireEvent.change(input('name'), { target: { value: 'ACME' } });
    expect(screen.getByTestId('field-name')).not.toHaveTextContent('Name must be unique');
  });

  it('previews a formula live', () => {
    render(<Harness locale="en" />);
    fireEvent.change(input('rent'), { target: { value: '100' } });
    expect(screen.getByTestId('field-yearly')).toHaveTextContent('1,200');
  });

  it("previews a sub-table row's formula from its row and the record", () => {
    render(<Harness locale="en" />);
    fireEvent.change(input('rent'), { target: { value: '100' } });
    fireEvent.click(screen.getByTestId('subtable-add-lines'));
    const qty = screen.getByTestId('cell-lines-0-qty').querySelector('input')!;
    fireEvent.change(qty, { target: { value: '3' } });
    expect(screen.getByTestId('cell-lines-0-amount')).toHaveTextContent('300');
  });
});
