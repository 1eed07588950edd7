import { type EntityDefinition } from '@lowcode/app-model';
import { FormDefinitionError } from '../errors';
import {
  clearCompiledEntityCache,
  compileEntity,
  compiledEntityCacheSize,
  stableStringify,
} from './compile-entity';
import { validateTransition } from './transitions';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const contract: EntityDefinition = {
  key: 'contract',
  label: L('合同', 'Contract'),
  fields: [
    {
      key: 'contractNo',
      type: 'text',
      label: L('合同编号', 'Contract number'),
      required: true,
      pattern: '^HT-',
    },
    { key: 'startDate', type: 'date', label: L('开始日期', 'Start date'), required: true },
    { key: 'endDate', type: 'date', label: L('结束日期', 'End date'), required: true },
    { key: 'rent', type: 'money', label: L('月租金', 'Monthly rent'), min: 0 },
    { key: 'mobile', type: 'phone', label: L('联系电话', 'Mobile') },
    { key: 'tenantId', type: 'idCard', label: L('身份证号', 'ID number') },
    {
      key: 'status',
      type: 'status',
      label: L('状态', 'Status'),
      options: [
        { value: 'draft', label: L('草稿', 'Draft') },
        { value: 'active', label: L('生效', 'Active') },
        { value: 'ended', label: L('终止', 'Ended') },
      ],
      transitions: [
        { from: 'draft', to: 'active' },
        { from: 'active', to: 'ended' },
      ],
    },
    { key: 'serial', type: 'autoNumber', label: L('流水号', 'Serial'), pattern: 'HT-{YYYY}-{seq:6}' },
    { key: 'createdAt', type: 'createdAt', label: L('创建时间', 'Created at') },
  ],
  validations: [
    {
      key: 'endAfterStart',
      condition: { '>': [{ var: 'record.endDate' }, { var: 'record.startDate' }] },
      message: L('结束日期必须晚于开始日期', 'End date must be after the start date'),
      fields: ['endDate'],
    },
  ],
};

const good = {
  contractNo: 'HT-001',
  startDate: '2026-03-01',
  endDate: '2027-02-28',
  rent: 4500,
  status: 'draft',
};
const codes = (result: ReturnType<ReturnType<typeof compileEntity>['validate']>) =>
  result.ok ? [] : result.errors.map((error) => `${error.path}:${error.code}`);

beforeEach(() => clearCompiledEntityCache());

describe('compileEntity: schema', () => {
  it('builds one draft-07 schema with additionalProperties false and required without computed fields', () => {
    const { schema } = compileEntity(contract);
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(schema.required).toEqual(['contractNo', 'startDate', 'endDate']);
    expect((schema.properties as Record<string, object>).createdAt).toMatchObject({ readOnly: true });
  });
});

describe('compileEntity: validate', () => {
  const compiled = () => compileEntity(contract);

  it('accepts a good record and returns its values', () => {
    expect(compiled().validate(good, { locale: 'en', mode: 'create' })).toEqual({ ok: true, value: good });
  });

  it.each([
    [{ ...good, contractNo: undefined }, 'contractNo:required'],
    [{ ...good, contractNo: '  ' }, 'contractNo:required'],
    [{ ...good, contractNo: 'XX-1' }, 'contractNo:pattern'],
    [{ ...good, rent: -1 }, 'rent:min'],
    [{ ...good, mobile: '12345' }, 'mobile:mobile'],
    [{ ...good, tenantId: '110105194912310021' }, 'tenantId:idCardCheckDigit'],
    [{ ...good, serial: 'HT-2026-000001' }, 'serial:readOnly'],
    [{ ...good, createdAt: '2026-03-01T00:00:00Z' }, 'createdAt:readOnly'],
    [{ ...good, color: 'red' }, 'color:unknownField'],
    [{ ...good, endDate: '2026-02-01' }, 'endDate:crossField'],
    [{ ...good, endDate: '2026-03-01' }, 'endDate:crossField'],
  ])('refuses %p with %s', (record, expected) => {
    expect(codes(compiled().validate(record, { locale: 'en', mode: 'create' }))).toEqual([expected]);
  });

  it('names the field by its label in the requested locale', () => {
    const record = { ...good, contractNo: null, mobile: '1' };
    const en = compiled().validate(record, { locale: 'en', mode: 'create' });
    const zh = compiled().validate(record, { locale: 'zh-CN', mode: 'create' });
    expect(en.ok ? [] : en.errors.map((e) => e.message)).toEqual([
      'Contract number is required',
      'Mobile number must be 11 digits starting with 1',
    ]);
    expect(zh.ok ? [] : zh.errors.map((e) => e.message)).toEqual([
      '合同编号为必填项',
      '请输入 11 位手机号码',
    ]);
  });

  it('gives the cross-field message of the definition in each locale', () => {
    const record = { ...good, endDate: '2026-01-01' };
    const zh = compiled().validate(record, { locale: 'zh-CN', mode: 'create' });
    expect(zh.ok ? undefined : zh.errors[0]).toEqual({
      path: 'endDate',
      code: 'crossField',
      message: '结束日期必须晚于开始日期',
      params: { validation: 'endAfterStart' },
    });
  });

  it('skips a cross-field rule when one of its fields is already wrong', () => {
    expect(
      codes(compiled().validate({ ...good, endDate: 'tomorrow' }, { locale: 'en', mode: 'create' })),
    ).toEqual(['endDate:invalidDate']);
  });

  it('refuses a value that is not an object', () => {
    expect(codes(compiled().validate([good], { locale: 'en', mode: 'create' }))).toEqual([':invalidType']);
  });

  it('does not let "__proto__" in input touch prototypes', () => {
    const record = JSON.parse('{"contractNo":"HT-1","__proto__":{"polluted":true}}') as unknown;
    const result = compiled().validate(record, { locale: 'en', mode: 'update' });
    expect(codes(result)).toEqual(['__proto__:unknownField']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('compileEntity: default values', () => {
  const entity: EntityDefinition = {
    key: 'ticket',
    label: L('工单', 'Ticket'),
    fields: [
      { key: 'title', type: 'text', label: L('标题', 'Title'), required: true },
      {
        key: 'status',
        type: 'status',
        label: L('状态', 'Status'),
        required: true,
        defaultValue: 'open',
        options: [
          { value: 'open', label: L('待处理', 'Open') },
          { value: 'done', label: L('完成', 'Done') },
        ],
      },
      {
        key: 'tags',
        type: 'multiSelect',
        label: L('标签', 'Tags'),
        defaultValue: ['new'],
        options: [
          { value: 'new', label: L('新', 'New') },
          { value: 'vip', label: L('重要', 'VIP') },
        ],
      },
    ],
  } as EntityDefinition;

  it('fills what a new record leaves out, also a required field, with a copy of the default', () => {
    const result = compileEntity(entity).validate({ title: 'Leak' }, { locale: 'en', mode: 'create' });
    expect(result).toEqual({ ok: true, value: { title: 'Leak', status: 'open', tags: ['new'] } });
    if (result.ok) (result.value.tags as string[]).push('vip');
    const again = compileEntity(entity).validate({ title: 'Tap' }, { locale: 'en', mode: 'create' });
    expect(again.ok && again.value.tags).toEqual(['new']);
  });

  it('fills $now with the moment or today in the zone, and $me with the person creating', () => {
    const dynamic = {
      key: 'ticket',
      label: L('工单', 'Ticket'),
      fields: [
        {
          key: 'reportedAt',
          type: 'datetime',
          label: L('报事时间', 'Reported'),
          required: true,
          defaultValue: '$now',
        },
        { key: 'day', type: 'date', label: L('日期', 'Day'), defaultValue: '$now' },
        { key: 'reporter', type: 'user', label: L('报事人', 'Reporter'), defaultValue: '$me' },
        {
          key: 'watchers',
          type: 'user',
          multiple: true,
          label: L('关注人', 'Watchers'),
          defaultValue: '$me',
        },
      ],
    } as EntityDefinition;
    const now = new Date('2026-11-29T17:30:00.000Z'); // 01:30 on 11-30 in Shanghai
    const actor = '8d1c6f5e-2a4b-4c3d-9e8f-7a6b5c4d3e2f';
    const created = compileEntity(dynamic).validate({}, { locale: 'en', mode: 'create', now, actor });
    expect(created).toEqual({
      ok: true,
      value: {
        reportedAt: '2026-11-29T17:30:00.000Z',
        day: '2026-11-30',
        reporter: actor,
        watchers: [actor],
      },
    });
    const utc = compileEntity(dynamic).validate(
      {},
      { locale: 'en', mode: 'create', now, actor, timeZone: 'UTC' },
    );
    expect(utc.ok && utc.value.day).toBe('2026-11-29');
    // Given values win; a system write has no "me"; updates never default.
    const given = compileEntity(dynamic).validate(
      { reportedAt: '2026-11-01T00:00:00.000Z' },
      { locale: 'en', mode: 'create', now },
    );
    expect(given.ok && given.value).toEqual({ reportedAt: '2026-11-01T00:00:00.000Z', day: '2026-11-30' });
    expect(compileEntity(dynamic).validate({ day: '2026-01-01' }, { locale: 'en', mode: 'update' })).toEqual({
      ok: true,
      value: { day: '2026-01-01' },
    });
  });

  it('keeps what was given, validates defaults like input, and leaves updates alone', () => {
    const given = compileEntity(entity).validate(
      { title: 'Leak', status: 'done' },
      { locale: 'en', mode: 'create' },
    );
    expect(given.ok && given.value.status).toBe('done');
    const update = compileEntity(entity).validate({ title: 'Leak 2' }, { locale: 'en', mode: 'update' });
    expect(update).toEqual({ ok: true, value: { title: 'Leak 2' } });
  });
});

describe('compileEntity: update mode', () => {
  it('does not require absent keys but refuses clearing a required one', () => {
    const compiled = compileEntity(contract);
    expect(compiled.validate({ rent: 5000 }, { locale: 'en', mode: 'update' })).toEqual({
      ok: true,
      value: { rent: 5000 },
    });
    expect(codes(compiled.validate({ contractNo: null }, { locale: 'en', mode: 'update' }))).toEqual([
      'contractNo:required',
    ]);
  });

  it('runs cross-field rules on the patch merged onto current, or only on complete patches', () => {
    const compiled = compileEntity(contract);
    const patch = { endDate: '2026-01-01' };
    expect(compiled.validate(patch, { locale: 'en', mode: 'update' }).ok).toBe(true);
    expect(codes(compiled.validate(patch, { locale: 'en', mode: 'update', current: good }))).toEqual([
      'endDate:crossField',
    ]);
  });

  it('checks status moves against current', () => {
    const compiled = compileEntity(contract);
    const current = { ...good, status: 'draft' };
    expect(compiled.validate({ status: 'active' }, { locale: 'en', mode: 'update', current }).ok).toBe(true);
    expect(codes(compiled.validate({ status: 'ended' }, { locale: 'en', mode: 'update', current }))).toEqual([
      'status:invalidTransition',
    ]);
  });
});

describe('validateTransition', () => {
  it.each([
    [null, 'ended', true],
    ['draft', 'draft', true],
    ['draft', 'active', true],
    ['active', 'ended', true],
    ['draft', 'ended', false],
    ['ended', 'draft', false],
  ])('%s → %s: %s', (from, to, ok) => expect(validateTransition(contract, 'status', from, to).ok).toBe(ok));

  it('explains a refused move in both locales and refuses unknown targets', () => {
    const en = validateTransition(contract, 'status', 'draft', 'ended', 'en');
    const zh = validateTransition(contract, 'status', 'draft', 'ended', 'zh-CN');
    expect(en.ok ? '' : en.error.message).toBe('Status cannot change from "Draft" to "Ended"');
    expect(zh.ok ? '' : zh.error.message).toBe('状态不能从“草稿”变更为“终止”');
    const unknown = validateTransition(contract, 'status', 'draft', 'gone');
    expect(unknown.ok ? '' : unknown.error.code).toBe('invalidOption');
  });

  it('throws a typed error for a field that is not a status', () => {
    expect(() => validateTransition(contract, 'rent', 'a', 'b')).toThrow(FormDefinitionError);
  });
});

describe('compileEntity: cache', () => {
  it('returns the same object for an equal entity, whatever its key order', () => {
    const first = compileEntity(contract);
    const reordered = JSON.parse(stableStringify(contract)) as EntityDefinition;
    expect(compileEntity(JSON.parse(JSON.stringify(contract)) as EntityDefinition)).toBe(first);
    expect(compileEntity(reordered)).toBe(first);
  });

  it('returns a new object for a changed entity', () => {
    const first = compileEntity(contract);
    const changed = { ...contract, label: L('租赁合同', 'Lease') };
    expect(compileEntity(changed)).not.toBe(first);
  });

  it('keeps at most 500 compiled entities', () => {
    for (let i = 0; i < 510; i += 1) {
      compileEntity({
        key: `e${i}`,
        label: L('实体', 'Entity'),
        fields: [{ key: 'a', type: 'text', label: L('a', 'a') }],
      });
    }
    expect(compiledEntityCacheSize()).toBe(500);
  });
});

describe('compileEntity: unsafe definitions', () => {
  const withPattern = (pattern: string): EntityDefinition => ({
    key: 'e',
    label: L('实体', 'Entity'),
    fields: [{ key: 'code', type: 'text', label: L('编码', 'Code'), pattern }],
  });

  it.each([
    ['(a+)+$', 'patternNestedQuantifier'],
    ['x'.repeat(201), 'patternTooLong'],
    ['([a-z', 'patternInvalid'],
  ])('refuses pattern %s with %s', (pattern, code) => {
    expect(() => compileEntity(withPattern(pattern))).toThrow(
      expect.objectContaining({ code, path: 'fields.code.pattern' }),
    );
  });

  it('refuses a cross-field condition that uses "method" or a prototype path', () => {
    const bad = (condition: unknown): EntityDefinition => ({
      ...contract,
      validations: [{ key: 'v', condition, message: L('错', 'Bad'), fields: ['endDate'] }],
    });
    expect(() => compileEntity(bad({ method: [{ var: 'record.contractNo' }, 'toUpperCase'] }))).toThrow(
      expect.objectContaining({ code: 'logicForbiddenOperation' }),
    );
    expect(() => compileEntity(bad({ var: 'record.__proto__.polluted' }))).toThrow(
      expect.objectContaining({ code: 'logicForbiddenPath' }),
    );
  });

  it('refuses an auto-number pattern without {seq:N}', () => {
    const entity: EntityDefinition = {
      key: 'e',
      label: L('实体', 'Entity'),
      fields: [{ key: 'no', type: 'autoNumber', label: L('编号', 'No'), pattern: 'HT-{YYYY}' }],
    };
    expect(() => compileEntity(entity)).toThrow(expect.objectContaining({ code: 'autoNumberPattern' }));
  });

  it('renders the typed error in both locales', () => {
    try {
      compileEntity(withPattern('(a+)+'));
      throw new Error('expected a FormDefinitionError');
    } catch (error) {
      expect(error).toBeInstanceOf(FormDefinitionError);
      expect((error as FormDefinitionError).render('zh-CN')).toContain('编码');
      expect((error as FormDefinitionError).render('en')).toContain('Code');
    }
  });
});

describe('money precision', () => {
  const entity = {
    key: 'bill',
    label: { 'zh-CN': '账单' },
    fields: [{ key: 'amount', label: { 'zh-CN': '金额', en: 'Amount' }, type: 'money' as const }],
  };
  it.each([111848.18, 9_999_999_999.99, 0.1 + 0.2, 3500, 0.01])(
    'accepts %p with at most two decimals',
    (amount) => {
      expect(compileEntity(entity).validate({ amount }, { locale: 'en', mode: 'create' }).ok).toBe(true);
    },
  );
  it.each([111848.185, 0.001, 12.345])('refuses %p with more decimals', (amount) => {
    const result = compileEntity(entity).validate({ amount }, { locale: 'en', mode: 'create' });
    expect(result.ok ? [] : result.errors.map((error) => error.code)).toEqual(['precision']);
  });
});
