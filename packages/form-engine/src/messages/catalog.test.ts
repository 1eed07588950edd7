import { MESSAGES, MESSAGE_CODES, renderMessage } from './catalog';

// Sample params covering every placeholder any message reads.
const PARAMS = {
  field: 'foo',
  limit: 5,
  digits: 2,
  expected: 'number',
  limitMb: 10,
  accept: 'image/*',
  from: 'open',
  to: 'closed',
  fromLabel: 'Open',
  toLabel: 'Closed',
  validation: 'endAfterStart',
  value: 'abc',
  operation: 'method',
  var: 'record.__proto__',
  segment: '__proto__',
  pattern: 'HT-{YYYY}',
  at: 7,
  function: 'SUM',
  functions: 'IF, AND',
  count: 2,
  what: '.',
};
const CONTEXT = { label: 'Label', options: ['A', 'B'] };

describe('message catalog', () => {
  it('has messages for at least the core codes', () => {
    expect(MESSAGE_CODES).toEqual(
      expect.arrayContaining([
        'required',
        'readOnly',
        'mobile',
        'idCardCheckDigit',
        'creditCodeCheckDigit',
        'crossField',
      ]),
    );
  });

  it.each(MESSAGE_CODES)('%s has different, complete en and zh-CN messages', (code) => {
    const en = renderMessage(code, 'en', PARAMS, CONTEXT);
    const zh = renderMessage(code, 'zh-CN', PARAMS, CONTEXT);
    expect(en.trim()).not.toBe('');
    expect(zh.trim()).not.toBe('');
    expect(en).not.toBe(zh);
    expect(`${en} ${zh}`).not.toMatch(/undefined|\[object Object\]|NaN/);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(Object.keys(MESSAGES[code]).sort()).toEqual(['en', 'zh-CN']);
  });

  it('uses the wording product asked for', () => {
    expect(renderMessage('mobile', 'en')).toBe('Mobile number must be 11 digits starting with 1');
    expect(renderMessage('mobile', 'zh-CN')).toBe('请输入 11 位手机号码');
    expect(renderMessage('idCardCheckDigit', 'en')).toBe(
      'Resident ID number is invalid (check digit does not match)',
    );
    expect(renderMessage('idCardCheckDigit', 'zh-CN')).toBe('身份证号码校验位不正确');
    expect(renderMessage('required', 'en', {}, { label: 'Contract number' })).toBe(
      'Contract number is required',
    );
    expect(renderMessage('required', 'zh-CN', {}, { label: '合同编号' })).toBe('合同编号为必填项');
  });
});
