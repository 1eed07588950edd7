import fs from 'node:fs';
import path from 'node:path';
import { type EntityDefinition, type FieldDefinition } from '@lowcode/app-model';
import { FormDefinitionError } from '../errors';
import { formatFormula, parseFormula, type FormulaScope } from './formula-text';
import { evaluateCheckedLogic } from './safe-json-logic';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const scope: FormulaScope = {
  fields: [
    {
      key: 'deductions',
      label: label('扣款明细', 'Deductions'),
      fields: [{ key: 'amount', label: label('金额', 'Amount') }],
    },
    { key: 'amount', label: label('应收金额', 'Amount due') },
    { key: 'paidAmount', label: label('已收金额', 'Paid') },
    { key: 'csat', label: label('满意度', 'CSAT') },
    { key: 'name', label: label('名称', 'Name') },
    { key: 'quantity', label: label('总数', 'Total') },
  ],
  row: [
    { key: 'quantity', label: label('数量', 'Quantity') },
    { key: 'unitPrice', label: label('单价', 'Unit price') },
  ],
};

const refusal = (text: string) => {
  try {
    parseFormula(text, scope);
  } catch (error) {
    if (error instanceof FormDefinitionError) return [error.code, error.render('zh-CN')];
    throw error;
  }
  throw new Error(`${text} parsed`);
};

describe('formula text', () => {
  it('turns fields, arithmetic, comparisons and functions into JSON-logic', () => {
    expect(parseFormula('{数量} * {单价}', scope)).toEqual({
      '*': [{ var: 'row.quantity' }, { var: 'row.unitPrice' }],
    });
    expect(parseFormula('{应收金额} - IFEMPTY({已收金额}, 0)', scope)).toEqual({
      '-': [{ var: 'record.amount' }, { var: ['record.paidAmount', 0] }],
    });
    expect(parseFormula('IF({满意度} >= 4, 1, 0)', scope)).toEqual({
      if: [{ '>=': [{ var: 'record.csat' }, 4] }, 1, 0],
    });
    expect(parseFormula('csat = 5 && !(amount <> 0)', scope)).toEqual({
      and: [{ '==': [{ var: 'record.csat' }, 5] }, { '!': [{ '!=': [{ var: 'record.amount' }, 0] }] }],
    });
    expect(parseFormula('concat("客户：", {名称}, "{不是字段}")', scope)).toEqual({
      cat: ['客户：', { var: 'record.name' }, '{不是字段}'],
    });
    expect(parseFormula('IF(TRUE, NULL, -1)', scope)).toEqual({ if: [true, null, { '-': [1] }] });
    // A row's column is named before the record field of the same name; the key still reaches the record's.
    expect(parseFormula('{quantity}', { fields: scope.fields })).toEqual({ var: 'record.quantity' });
  });

  it("adds up a sub-table's column with SUM, and writes it back", () => {
    const sum = {
      reduce: [{ var: 'record.deductions' }, { '+': [{ var: 'accumulator' }, { var: 'current.amount' }] }, 0],
    };
    expect(parseFormula('{应收金额} - SUM({扣款明细}, {金额})', scope)).toEqual({
      '-': [{ var: 'record.amount' }, sum],
    });
    expect(formatFormula({ '-': [{ var: 'record.amount' }, sum] }, scope)).toBe(
      '{应收金额} - SUM({扣款明细}, {金额})',
    );
    expect(
      evaluateCheckedLogic(parseFormula('SUM({扣款明细}, {金额})', scope), {
        record: { deductions: [{ amount: 30 }, { amount: 12.5 }] },
      }),
    ).toBe(42.5);
    expect(refusal('SUM({满意度}, {金额})')).toEqual(['formulaUnsupported', '公式中不能使用“SUM”']);
    expect(refusal('SUM({扣款明细}, {数量})')).toEqual([
      'formulaUnknownField',
      '公式中的“数量”不是这里的字段',
    ]);
  });

  it('computes what the text says', () => {
    const logic = parseFormula('({应收金额} - {已收金额}) * 2 + MAX(1, {满意度}) % 3', scope);
    expect(evaluateCheckedLogic(logic, { record: { amount: 100, paidAmount: 40, csat: 5 } })).toBe(122);
  });

  it('names what it cannot read, in the builder’s words', () => {
    expect(refusal('{数量} *')).toEqual(['formulaSyntax', expect.stringContaining('第')]);
    expect(refusal('{折扣} * 2')).toEqual(['formulaUnknownField', '公式中的“折扣”不是这里的字段']);
    expect(refusal('ROUND(1, 2)')).toEqual(['formulaUnknownFunction', expect.stringContaining('IF, AND')]);
    expect(refusal('NOT(1, 2)')).toEqual(['formulaArguments', '函数 NOT 需要 1 个参数']);
    expect(refusal('name.constructor')).toEqual(['formulaUnsupported', '公式中不能使用“.”']);
    expect(refusal('name | 1')).toEqual(['formulaUnsupported', '公式中不能使用“|”']);
    expect(refusal('IFEMPTY(1, 2)')).toEqual(['formulaUnsupported', '公式中不能使用“IFEMPTY”']);
    expect(refusal('{应收金额')).toEqual(['formulaSyntax', '公式在第 1 个字符处无法识别']);
  });

  it('writes JSON-logic back as text that reads the same, or leaves what it cannot say to JSON', () => {
    expect(formatFormula({ '-': [{ var: 'record.amount' }, { '-': [1, 2] }] }, scope)).toBe(
      '{应收金额} - (1 - 2)',
    );
    expect(formatFormula({ '*': [{ '+': [1, { var: 'row.quantity' }] }, 3] }, scope)).toBe(
      '(1 + {数量}) * 3',
    );
    expect(formatFormula({ and: [true, { or: [false, true] }] }, scope)).toBe('true && (false || true)');
    expect(formatFormula({ var: 'record.quantity' }, scope)).toBe('{总数}');
    // A record field that a row column hides by label and by key cannot be named from the row.
    const hidden = { fields: [scope.row![0]!], row: scope.row };
    expect(formatFormula({ var: 'record.quantity' }, hidden)).toBeUndefined();
    expect(formatFormula({ var: 'record.amount' }, scope, 'en')).toBe('{Amount due}');
    expect(formatFormula({ '<': [1, { var: 'record.csat' }, 3] }, scope)).toBeUndefined(); // "between"
    expect(formatFormula({ reduce: [{ var: 'record.deductions' }, 1, 0] }, scope)).toBeUndefined();
    expect(formatFormula({ var: 'user.id' }, scope)).toBeUndefined();
  });

  it("round-trips the property template's formulas through text, computing the same", () => {
    const dir = path.resolve(__dirname, '../../../../templates/property/app/entities');
    let formatted = 0;
    for (const file of fs.readdirSync(dir)) {
      const entity = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as EntityDefinition;
      const formulas: [FieldDefinition, FormulaScope][] = entity.fields.flatMap((field) => [
        [field, { fields: entity.fields }] as [FieldDefinition, FormulaScope],
        ...(field.type === 'subTable'
          ? field.fields.map(
              (column) =>
                [column, { fields: entity.fields, row: field.fields }] as [FieldDefinition, FormulaScope],
            )
          : []),
      ]);
      for (const [field, fieldScope] of formulas) {
        if (field.type !== 'formula') continue;
        const text = formatFormula(field.expression, fieldScope);
        if (text === undefined) continue;
        formatted += 1;
        const parsed = parseFormula(text, fieldScope);
        expect(formatFormula(parsed, fieldScope)).toBe(text);
        const sample = Object.fromEntries(entity.fields.map((f, index) => [f.key, index % 7]));
        expect(evaluateCheckedLogic(parsed, { record: sample, row: sample })).toEqual(
          evaluateCheckedLogic(field.expression, { record: sample, row: sample }),
        );
      }
    }
    expect(formatted).toBeGreaterThanOrEqual(11); // every formula the template has
  });
});
