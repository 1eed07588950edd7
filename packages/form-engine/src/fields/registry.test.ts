import { type FieldDefinition, type FieldType } from '@lowcode/app-model';
import { compileEntity } from '../compile/compile-entity';
import { createAjv } from '../compile/ajv-setup';
import { type StorageColumn, type WidgetName } from './field-handler';
import { FIELD_TYPE_HANDLERS, type FieldOfType, handlerFor, inputValues } from './registry';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const ID2 = '9b2e6c1a-1d7f-4c55-8a52-6f3f0c7d2b10';
const OPTIONS = [
  { value: 'open', label: L('待处理', 'Open') },
  { value: 'done', label: L('已完成', 'Done') },
];
const FILE = { id: 'f1', name: 'scan.pdf', size: 1024, mimeType: 'application/pdf' };
const PNG = { id: 'f2', name: 'sig.png', size: 2048, mimeType: 'image/png' };

interface FieldCase<K extends FieldType> {
  field: FieldOfType<K>;
  accepted: unknown;
  refused: unknown;
  /** Error code validate() gives for `refused` (non-computed types only). */
  refusedCode?: string;
  /** [cell, expected stored value, or { error: code }]. */
  cells: Array<[unknown, unknown]>;
  column: StorageColumn;
  widget: WidgetName;
}

type Cases = { [K in FieldType]: FieldCase<K> };
const f = <K extends FieldType>(type: K, extra: object = {}) =>
  ({ key: 'value', type, label: L('值', 'Value'), ...extra }) as unknown as FieldOfType<K>;
const err = (code: string) => ({ error: code });

const CASES: Cases = {
  text: {
    field: f('text', { maxLength: 5 }),
    accepted: 'abc',
    refused: 'abcdef',
    refusedCode: 'maxLength',
    cells: [
      [' abc ', 'abc'],
      [12, '12'],
      ['', null],
    ],
    column: 'text',
    widget: 'input',
  },
  longText: {
    field: f('longText', { minLength: 3 }),
    accepted: '第一行\n第二行',
    refused: 'ab',
    refusedCode: 'minLength',
    cells: [['报修\n说明', '报修\n说明']],
    column: 'text',
    widget: 'textarea',
  },
  richText: {
    field: f('richText', { maxLength: 20 }),
    accepted: '<p>hi</p>',
    refused: 42,
    refusedCode: 'invalidType',
    cells: [['a<b>', '<p>a&lt;b&gt;</p>']],
    column: 'text',
    widget: 'richText',
  },
  number: {
    field: f('number', { min: 0, max: 100, precision: 1 }),
    accepted: 99.5,
    refused: 101,
    refusedCode: 'max',
    cells: [
      ['1,234.5', 1234.5],
      [3, 3],
      ['abc', err('cellNotNumber')],
      ['１２', 12],
    ],
    column: 'numeric',
    widget: 'numberInput',
  },
  money: {
    field: f('money'),
    accepted: 1234.5,
    refused: 1.005,
    refusedCode: 'precision',
    cells: [
      ['¥1,234.50', 1234.5],
      ['￥-8', -8],
      ['(12.30)', -12.3],
      ['5000元', 5000],
      ['12%', err('cellNotNumber')],
    ],
    column: 'numeric',
    widget: 'moneyInput',
  },
  percent: {
    field: f('percent', { min: 0, max: 100 }),
    accepted: 12.5,
    refused: 120,
    refusedCode: 'max',
    cells: [
      ['12%', 12],
      ['12.5 %', 12.5],
      [12, 12],
    ],
    column: 'numeric',
    widget: 'percentInput',
  },
  date: {
    field: f('date', { minDate: '2020-01-01' }),
    accepted: '2026-03-01',
    refused: '2019-12-31',
    refusedCode: 'minDate',
    cells: [
      ['2026/3/1', '2026-03-01'],
      ['2026-03-01', '2026-03-01'],
      ['2026年3月1日', '2026-03-01'],
      [46082, '2026-03-01'],
      [45352, '2024-03-01'],
      [new Date(2026, 2, 1), '2026-03-01'],
      ['2026-02-30', err('cellNotDate')],
    ],
    column: 'date',
    widget: 'datePicker',
  },
  datetime: {
    field: f('datetime'),
    accepted: '2026-03-01T09:30:00+08:00',
    refused: '2026-03-01 09:30',
    refusedCode: 'invalidDatetime',
    cells: [
      ['2026/3/1 9:30', '2026-03-01T09:30:00+08:00'],
      ['2026-03-01T09:30:00Z', '2026-03-01T09:30:00Z'],
      [46082.5, '2026-03-01T12:00:00+08:00'],
      ['soon', err('cellNotDate')],
    ],
    column: 'timestamptz',
    widget: 'dateTimePicker',
  },
  dateRange: {
    field: f('dateRange'),
    accepted: { start: '2026-03-01', end: '2027-02-28' },
    refused: { start: '2026-03-01', end: '2026-02-01' },
    refusedCode: 'dateRangeOrder',
    cells: [
      ['2026-03-01 ~ 2027-02-28', { start: '2026-03-01', end: '2027-02-28' }],
      ['2026/3/1至2027/2/28', { start: '2026-03-01', end: '2027-02-28' }],
      ['2026-03-01', err('cellNotDate')],
    ],
    column: 'jsonb',
    widget: 'dateRangePicker',
  },
  select: {
    field: f('select', { options: OPTIONS }),
    accepted: 'open',
    refused: 'closed',
    refusedCode: 'invalidOption',
    cells: [
      ['open', 'open'],
      ['待处理', 'open'],
      ['done', 'done'],
      ['DONE', 'done'],
      ['关闭', err('cellUnknownOption')],
    ],
    column: 'text',
    widget: 'select',
  },
  multiSelect: {
    field: f('multiSelect', { options: OPTIONS, maxSelected: 1 }),
    accepted: ['open'],
    refused: ['open', 'done'],
    refusedCode: 'maxSelected',
    cells: [
      ['待处理，已完成', ['open', 'done']],
      ['open、done;open', ['open', 'done']],
      ['x', err('cellUnknownOption')],
    ],
    column: 'text[]',
    widget: 'multiSelect',
  },
  checkbox: {
    field: f('checkbox'),
    accepted: false,
    refused: 'yes',
    refusedCode: 'invalidType',
    cells: [
      ['是', true],
      ['否', false],
      ['yes', true],
      ['NO', false],
      ['true', true],
      [1, true],
      [0, false],
      ['也许', err('cellNotBoolean')],
    ],
    column: 'boolean',
    widget: 'checkbox',
  },
  rating: {
    field: f('rating', { max: 5 }),
    accepted: 4,
    refused: 6,
    refusedCode: 'max',
    cells: [
      ['4', 4],
      ['★★★☆☆', 3],
      ['good', err('cellNotNumber')],
    ],
    column: 'numeric',
    widget: 'rate',
  },
  phone: {
    field: f('phone'),
    accepted: '13800138000',
    refused: '1380013800',
    refusedCode: 'mobile',
    cells: [
      [13800138000, '13800138000'],
      ['+86 138-0013-8000', '13800138000'],
    ],
    column: 'text',
    widget: 'input',
  },
  email: {
    field: f('email'),
    accepted: 'a@example.com',
    refused: 'a@',
    refusedCode: 'email',
    cells: [[' a@example.com ', 'a@example.com']],
    column: 'text',
    widget: 'input',
  },
  url: {
    field: f('url'),
    accepted: 'https://example.com/a',
    refused: 'javascript:alert(1)',
    refusedCode: 'url',
    cells: [['https://example.com', 'https://example.com']],
    column: 'text',
    widget: 'input',
  },
  idCard: {
    field: f('idCard'),
    accepted: '11010519491231002X',
    refused: '110105194912310021',
    refusedCode: 'idCardCheckDigit',
    cells: [[' 11010519491231002x', '11010519491231002X']],
    column: 'text',
    widget: 'input',
  },
  creditCode: {
    field: f('creditCode'),
    accepted: '91350100M000100Y43',
    refused: '91350100M000100Y44',
    refusedCode: 'creditCodeCheckDigit',
    cells: [['91512081ma62k0260e', '91512081MA62K0260E']],
    column: 'text',
    widget: 'input',
  },
  attachment: {
    field: f('attachment', { maxFiles: 2, maxSizeMb: 1, accept: ['.pdf', 'image/*'] }),
    accepted: [FILE, PNG],
    refused: [{ ...FILE, name: 'a.exe', mimeType: 'application/x-msdownload' }],
    refusedCode: 'fileType',
    cells: [
      ['scan.pdf', err('cellNotImportable')],
      ['', null],
    ],
    column: 'jsonb',
    widget: 'upload',
  },
  image: {
    field: f('image', { maxFiles: 1 }),
    accepted: [PNG],
    refused: [PNG, { ...PNG, id: 'f3' }],
    refusedCode: 'maxFiles',
    cells: [['a.png', err('cellNotImportable')]],
    column: 'jsonb',
    widget: 'imageUpload',
  },
  signature: {
    field: f('signature'),
    accepted: PNG,
    refused: FILE,
    refusedCode: 'fileType',
    cells: [['signed', err('cellNotImportable')]],
    column: 'jsonb',
    widget: 'signaturePad',
  },
  location: {
    field: f('location', { requireGeo: false }),
    accepted: { address: '深圳市南山区科技园', lng: 113.95, lat: 22.54 },
    refused: { address: 'x', lat: 91 },
    refusedCode: 'invalidValue',
    cells: [['深圳市南山区', { address: '深圳市南山区' }]],
    column: 'jsonb',
    widget: 'location',
  },
  relation: {
    field: f('relation', { relation: { entity: 'room', multiple: true } }),
    accepted: [ID, ID2],
    refused: ['room-101'],
    refusedCode: 'uuid',
    cells: [[`${ID}, ${ID2.toUpperCase()}`, [ID, ID2]]],
    column: 'uuid[]',
    widget: 'relationPicker',
  },
  subTable: {
    field: f('subTable', {
      maxRows: 2,
      fields: [{ key: 'qty', type: 'number', label: L('数量', 'Qty'), required: true, min: 1 }],
    }),
    accepted: [{ qty: 1 }, { qty: 2 }],
    refused: [{ qty: 0 }],
    refusedCode: 'min',
    cells: [
      ['[{"qty":1}]', [{ qty: 1 }]],
      ['qty=1', err('cellNotRows')],
      ['[1]', err('cellNotRows')],
    ],
    column: 'jsonb',
    widget: 'subTable',
  },
  user: {
    field: f('user'),
    accepted: ID,
    refused: [ID],
    refusedCode: 'invalidType',
    cells: [
      [ID, ID],
      [`${ID},${ID2}`, `${ID},${ID2}`],
    ],
    column: 'uuid',
    widget: 'userPicker',
  },
  department: {
    field: f('department', { multiple: true }),
    accepted: ['engineering', 'customerService'],
    refused: ['engineering', 'engineering'],
    refusedCode: 'duplicateItems',
    cells: [['engineering, finance', ['engineering', 'finance']]],
    column: 'text[]',
    widget: 'departmentPicker',
  },
  autoNumber: {
    field: f('autoNumber', { pattern: 'HT-{YYYY}-{seq:6}' }),
    accepted: 'HT-2026-000001',
    refused: 1,
    cells: [['HT-2026-000001', err('cellComputed')]],
    column: 'text',
    widget: 'readonly',
  },
  formula: {
    field: f('formula', { expression: { '*': [{ var: 'record.rent' }, 12] }, resultType: 'number' }),
    accepted: 12000,
    refused: '12000',
    cells: [[12000, err('cellComputed')]],
    column: 'numeric',
    widget: 'readonly',
  },
  lookup: {
    field: f('lookup', { lookup: { relation: 'room', field: 'code' } }),
    accepted: 'A-101',
    refused: undefined,
    cells: [['A-101', err('cellComputed')]],
    column: 'jsonb',
    widget: 'readonly',
  },
  rollup: {
    field: f('rollup', {
      rollup: { entity: 'bill', relation: 'contract', aggregate: 'sum', field: 'amount' },
    }),
    accepted: 3,
    refused: 'three',
    cells: [[3, err('cellComputed')]],
    column: 'numeric',
    widget: 'readonly',
  },
  createdBy: {
    field: f('createdBy'),
    accepted: ID,
    refused: 'admin',
    cells: [[ID, err('cellComputed')]],
    column: 'uuid',
    widget: 'readonly',
  },
  createdAt: {
    field: f('createdAt'),
    accepted: '2026-03-01T09:30:00Z',
    refused: '2026-03-01',
    cells: [['2026-03-01', err('cellComputed')]],
    column: 'timestamptz',
    widget: 'readonly',
  },
  updatedBy: {
    field: f('updatedBy'),
    accepted: ID,
    refused: 7,
    cells: [[ID, err('cellComputed')]],
    column: 'uuid',
    widget: 'readonly',
  },
  updatedAt: {
    field: f('updatedAt'),
    accepted: '2026-03-01T09:30:00.123+08:00',
    refused: 'yesterday',
    cells: [['', err('cellComputed')]],
    column: 'timestamptz',
    widget: 'readonly',
  },
  status: {
    field: f('status', { options: OPTIONS, transitions: [{ from: 'open', to: 'done' }] }),
    accepted: 'done',
    refused: 'archived',
    refusedCode: 'invalidOption',
    cells: [
      ['已完成', 'done'],
      ['Open', 'open'],
      ['归档', err('cellUnknownOption')],
    ],
    column: 'text',
    widget: 'statusSelect',
  },
};

const ajv = createAjv();
const entityOf = (field: unknown) =>
  compileEntity({ key: 'probe', label: L('探针', 'Probe'), fields: [field as FieldOfType<'text'>] });
const rows = Object.entries(CASES) as Array<[FieldType, FieldCase<FieldType>]>;

describe('FIELD_TYPE_HANDLERS', () => {
  it('has a handler for every field type and nothing else', () => {
    expect(Object.keys(FIELD_TYPE_HANDLERS).sort()).toEqual(Object.keys(CASES).sort());
    expect(Object.keys(CASES)).toHaveLength(35);
  });

  describe.each(rows)('%s', (type, c) => {
    const handler = handlerFor(c.field);

    it('stores the accepted value and refuses the other (value schema)', () => {
      const validate = ajv.compile(handler.valueSchema(c.field));
      expect(validate(c.accepted)).toBe(true);
      if (c.refused !== undefined) expect(validate(c.refused)).toBe(false);
    });

    it('describes storage and widget', () => {
      expect(handler.storage(c.field).column).toBe(c.column);
      expect(handler.defaultWidget).toBe(c.widget);
      expect(type === c.field.type).toBe(true);
    });

    it.each(c.cells)('reads cell %p', (cell, expected) => {
      const result = handler.fromCell(cell, c.field);
      if (expected !== null && typeof expected === 'object' && 'error' in expected) {
        expect('error' in result && result.error.code).toBe((expected as { error: string }).error);
      } else {
        expect(result).toEqual({ value: expected });
      }
    });

    if (handler.computed) {
      it('is refused as input with readOnly', () => {
        const result = entityOf(c.field).validate({ value: c.accepted }, { locale: 'en', mode: 'create' });
        expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(['readOnly']);
      });
    } else {
      it('validate() accepts the accepted value and refuses the other with its code', () => {
        const compiled = entityOf(c.field);
        expect(compiled.validate({ value: c.accepted }, { locale: 'en', mode: 'create' })).toEqual({
          ok: true,
          value: { value: c.accepted },
        });
        const refused = compiled.validate({ value: c.refused }, { locale: 'zh-CN', mode: 'create' });
        expect(refused.ok ? [] : refused.errors.map((e) => e.code)).toContain(c.refusedCode);
      });

      it('reads a blank cell as null', () =>
        expect(handler.fromCell('  ', c.field)).toEqual({ value: null }));
    }
  });
});

describe('inputValues', () => {
  const fields: FieldDefinition[] = [
    { key: 'name', type: 'text', label: L('名称', 'Name') },
    { key: 'no', type: 'autoNumber', label: L('编号', 'No'), pattern: 'A-{seq:3}' },
    {
      key: 'lines',
      type: 'subTable',
      label: L('明细', 'Lines'),
      fields: [
        { key: 'qty', type: 'number', label: L('数量', 'Qty') },
        {
          key: 'amount',
          type: 'formula',
          label: L('金额', 'Amount'),
          expression: { var: 'row.qty' },
          resultType: 'number',
        },
      ],
    },
  ];

  it('leaves out computed fields, computed sub-table columns, unknown keys and missing values', () => {
    const stored = {
      name: 'A',
      no: 'A-001',
      lines: [{ qty: 2, amount: 2, stray: 1 }, 'not a row'],
      other: 1,
    };
    expect(inputValues(fields, stored)).toEqual({ name: 'A', lines: [{ qty: 2 }, 'not a row'] });
    expect(inputValues(fields, { name: null })).toEqual({ name: null });
  });

  it('reads an exported sub-table cell without its formula columns (recomputed on import), not a list of lists', () => {
    const lines = fields[2]!;
    const fromCell = (cell: string) => handlerFor(lines).fromCell(cell, lines as never);
    expect(fromCell('[{"qty":2,"amount":4,"typo":1}]')).toEqual({ value: [{ qty: 2, typo: 1 }] });
    expect(fromCell('[[1]]')).toMatchObject({ error: { code: 'cellNotRows' } });
  });
});
