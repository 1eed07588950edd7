// Formulas as builders write them — `{数量} * {单价}`, `IF({评分} >= 4, 1, 0)` — to and from the JSON-logic
// the definition stores. The text is parsed by jsep (a JavaScript-expression parser) into a tree, and only
// the parts listed here become JSON-logic: fields, literals, arithmetic, comparisons, logic and a handful of
// spreadsheet functions. Anything else is refused by name, so no text reaches anything but JSON-logic.
import { type LocalizedText } from '@lowcode/app-model';
import jsep from 'jsep';
import { FormDefinitionError } from '../errors';

// Spreadsheet spellings of equality, as people type them; jsep keeps `==` and `!=` as well.
jsep.addBinaryOp('=', 6);
jsep.addBinaryOp('<>', 6);

/** A field a formula may name: by its label in braces (`{单价}`), or by its key. */
export interface ScopeField {
  key: string;
  label: LocalizedText;
  /** A sub-table's columns, which `SUM({sub-table}, {column})` adds up. */
  fields?: readonly ScopeField[];
}

/** What a formula can see: the record's fields, and in a sub-table column the columns of its row too. */
export interface FormulaScope {
  fields: readonly ScopeField[];
  /** The columns of the row, for a column's formula: `{数量}` names the row's before the record's. */
  row?: readonly ScopeField[];
}

/** Functions a formula may call, with the JSON-logic operation each becomes and how many arguments it takes. */
const FUNCTIONS: Record<string, { operation: string; min: number; max?: number }> = {
  IF: { operation: 'if', min: 2 },
  AND: { operation: 'and', min: 1 },
  OR: { operation: 'or', min: 1 },
  NOT: { operation: '!', min: 1, max: 1 },
  MIN: { operation: 'min', min: 1 },
  MAX: { operation: 'max', min: 1 },
  CONCAT: { operation: 'cat', min: 1 },
  MID: { operation: 'substr', min: 2, max: 3 },
  IN: { operation: 'in', min: 2, max: 2 },
  // IFEMPTY({field}, value): the field's value, or `value` when it is empty — JSON-logic's `var` default.
  IFEMPTY: { operation: 'var', min: 2, max: 2 },
  // SUM({sub-table}, {column}): the column added up over the rows — a JSON-logic `reduce`.
  SUM: { operation: 'reduce', min: 2, max: 2 },
};
export const FORMULA_FUNCTIONS = Object.keys(FUNCTIONS);

const BINARY: Record<string, string> = {
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
  '%': '%',
  '=': '==',
  '==': '==',
  '===': '===',
  '!=': '!=',
  '<>': '!=',
  '!==': '!==',
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
  '&&': 'and',
  '||': 'or',
};

const CONSTANTS: Record<string, { value: unknown }> = {
  TRUE: { value: true },
  FALSE: { value: false },
  NULL: { value: null },
};
/** How the text showed what jsep read but a formula cannot do. */
const UNSUPPORTED_NODES: Record<string, string> = {
  MemberExpression: '.',
  ArrayExpression: '[ ]',
  Compound: ';',
  SequenceExpression: ',',
  ThisExpression: 'this',
};

const WHERE = 'expression';
const refused = (what: string): never => {
  throw new FormDefinitionError('formulaUnsupported', WHERE, { what });
};

/** `{…}` field names become identifiers jsep can read (`__f0__` …); braces inside strings stay as they are. */
function bracedFields(text: string): { source: string; names: string[] } {
  const names: string[] = [];
  let source = '';
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (char === '"' || char === "'") {
      let end = index + 1;
      while (end < text.length && text[end] !== char) end += text[end] === '\\' ? 2 : 1;
      source += text.slice(index, end + 1);
      index = end;
    } else if (char === '{') {
      const end = text.indexOf('}', index);
      if (end < 0) throw new FormDefinitionError('formulaSyntax', WHERE, { at: index + 1 });
      names.push(text.slice(index + 1, end).trim());
      source += `__f${names.length - 1}__`;
      index = end;
    } else source += char;
  }
  return { source, names };
}

/** The field of a list a name means: by label before by key. */
const named = (fields: readonly ScopeField[] | undefined, name: string) =>
  fields?.find((field) => Object.values(field.label).includes(name)) ??
  fields?.find((field) => field.key === name);

/** The field a name means: a row column before a record field. */
function resolveField(name: string, scope: FormulaScope): string | undefined {
  const column = named(scope.row, name);
  if (column) return `row.${column.key}`;
  const field = named(scope.fields, name);
  return field ? `record.${field.key}` : undefined;
}

/**
 * The JSON-logic of a formula's text. Throws FormDefinitionError (codes `formula*`) naming what it cannot
 * read: where the syntax breaks, an unknown field or function, a wrong number of arguments.
 */
export function parseFormula(text: string, scope: FormulaScope): unknown {
  const { source, names } = bracedFields(text);
  let tree: jsep.Expression;
  try {
    tree = jsep(source);
  } catch (error) {
    const at = (error as { index?: number }).index ?? 0;
    throw new FormDefinitionError('formulaSyntax', WHERE, { at: at + 1 });
  }
  const field = (name: string) => {
    const path = resolveField(name, scope);
    if (!path) throw new FormDefinitionError('formulaUnknownField', WHERE, { field: name });
    return { var: path };
  };
  const nameOf = (node: jsep.Expression | undefined): string | undefined => {
    if (node?.type !== 'Identifier') return undefined;
    const name = (node as jsep.Identifier).name;
    const braced = /^__f(\d+)__$/.exec(name);
    return braced ? names[Number(braced[1])] : name;
  };
  const sum = ([tableNode, columnNode]: jsep.Expression[]) => {
    const tableName = nameOf(tableNode);
    const table = tableName === undefined ? undefined : named(scope.fields, tableName);
    if (!table?.fields) return refused('SUM');
    const columnName = nameOf(columnNode);
    const column = columnName === undefined ? undefined : named(table.fields, columnName);
    if (!column) throw new FormDefinitionError('formulaUnknownField', WHERE, { field: columnName ?? '?' });
    return {
      reduce: [
        { var: `record.${table.key}` },
        { '+': [{ var: 'accumulator' }, { var: `current.${column.key}` }] },
        0,
      ],
    };
  };
  const convert = (node: jsep.Expression): unknown => {
    switch (node.type) {
      case 'Literal':
        return (node as jsep.Literal).value;
      case 'Identifier': {
        const name = (node as jsep.Identifier).name;
        const braced = /^__f(\d+)__$/.exec(name);
        if (braced) return field(names[Number(braced[1])]!);
        // TRUE, FALSE and NULL as a spreadsheet spells them, unless a field is called that.
        const constant = CONSTANTS[name.toUpperCase()];
        if (constant !== undefined && !resolveField(name, scope)) return constant.value;
        return field(name);
      }
      case 'UnaryExpression': {
        const { operator, argument } = node as jsep.UnaryExpression;
        if (operator === '-' || operator === '+' || operator === '!')
          return { [operator]: [convert(argument)] };
        return refused(operator);
      }
      case 'BinaryExpression': {
        const { operator, left, right } = node as jsep.BinaryExpression;
        const operation = BINARY[operator] ?? refused(operator);
        return { [operation]: [convert(left), convert(right)] };
      }
      case 'ConditionalExpression': {
        const { test, consequent, alternate } = node as jsep.ConditionalExpression;
        return { if: [convert(test), convert(consequent), convert(alternate)] };
      }
      case 'CallExpression': {
        const call = node as jsep.CallExpression;
        const name =
          call.callee.type === 'Identifier' ? (call.callee as jsep.Identifier).name.toUpperCase() : '';
        const spec = FUNCTIONS[name];
        if (!spec)
          throw new FormDefinitionError('formulaUnknownFunction', WHERE, {
            function: name || '?',
            functions: FORMULA_FUNCTIONS.join(', '),
          });
        const count = call.arguments.length;
        if (count < spec.min || (spec.max !== undefined && count > spec.max))
          throw new FormDefinitionError('formulaArguments', WHERE, {
            function: name,
            count: spec.max === spec.min ? String(spec.min) : `${spec.min}+`,
          });
        if (spec.operation === 'reduce') return sum(call.arguments);
        const args = call.arguments.map(convert);
        if (spec.operation === 'var') {
          const target = args[0] as { var?: unknown } | null;
          if (!target || typeof target !== 'object' || typeof target.var !== 'string')
            return refused('IFEMPTY');
          return { var: [target.var, args[1]] };
        }
        return { [spec.operation]: args };
      }
      default:
        return refused(UNSUPPORTED_NODES[node.type] ?? node.type);
    }
  };
  return convert(tree);
}

// ---------------------------------------------------------------- JSON-logic → text

const PRECEDENCE: Record<string, number> = {
  or: 1,
  and: 2,
  '==': 6,
  '===': 6,
  '!=': 6,
  '!==': 6,
  '<': 7,
  '<=': 7,
  '>': 7,
  '>=': 7,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
};
const SPELLING: Record<string, string> = { and: '&&', or: '||' };
const FUNCTION_OF: Record<string, string> = {
  min: 'MIN',
  max: 'MAX',
  cat: 'CONCAT',
  substr: 'MID',
  in: 'IN',
};

class Unformattable extends Error {}

/**
 * A formula's JSON-logic as text a builder reads and edits — fields by their labels in braces — or
 * `undefined` when it uses what the text cannot say (a sub-table `reduce`, a path outside the record):
 * such a formula is edited as JSON.
 */
export function formatFormula(
  logic: unknown,
  scope: FormulaScope,
  locale: 'zh-CN' | 'en' = 'zh-CN',
): string | undefined {
  // A field by its label, or by its key where the label names something else first (a row column of the
  // same name); a field neither names is no field the text can say. Braces hold no `}`.
  const braced = (field: ScopeField, names: (candidate: string) => boolean): string => {
    const name = [field.label[locale] ?? field.label['zh-CN'], field.key].find(
      (candidate) => candidate && !candidate.includes('}') && names(candidate),
    );
    if (!name) throw new Unformattable();
    return `{${name}}`;
  };
  const fieldText = (path: unknown): string => {
    if (typeof path !== 'string') throw new Unformattable();
    const [where, key, ...rest] = path.split('.');
    const fields = where === 'row' ? scope.row : where === 'record' ? scope.fields : undefined;
    const field = rest.length === 0 ? fields?.find((candidate) => candidate.key === key) : undefined;
    if (!field) throw new Unformattable();
    return braced(field, (candidate) => resolveField(candidate, scope) === path);
  };
  // Only the shape SUM writes: {"reduce": [{"var": "record.<table>"}, {"+": [accumulator, current.<column>]}, 0]}.
  const sumText = ([list, step, initial]: unknown[]): string => {
    const tablePath = /^record\.([^.]+)$/.exec(String((list as { var?: unknown } | null)?.var));
    const operands = ((step as { '+'?: unknown } | null)?.['+'] ?? []) as { var?: unknown }[];
    const [accumulator, current] = operands.length === 2 ? operands : [];
    const columnPath = /^current\.([^.]+)$/.exec(String(current?.var));
    const field = scope.fields.find((candidate) => candidate.key === tablePath?.[1]);
    const cell = field?.fields?.find((candidate) => candidate.key === columnPath?.[1]);
    const plain = step !== null && typeof step === 'object' && Object.keys(step).length === 1;
    if (!plain || !field || !cell || initial !== 0 || accumulator?.var !== 'accumulator')
      throw new Unformattable();
    const table = braced(field, (candidate) => resolveField(candidate, scope) === `record.${field.key}`);
    const column = braced(cell, (candidate) => named(field.fields, candidate) === cell);
    return `SUM(${table}, ${column})`;
  };
  const format = (node: unknown, parent: number): string => {
    if (node === null) return 'null';
    if (typeof node === 'number' || typeof node === 'boolean') return String(node);
    if (typeof node === 'string') return JSON.stringify(node);
    if (typeof node !== 'object' || Array.isArray(node)) throw new Unformattable();
    const entries = Object.entries(node);
    if (entries.length !== 1) throw new Unformattable();
    const [operation, raw] = entries[0]!;
    const args: unknown[] = Array.isArray(raw) ? raw : [raw];
    if (operation === 'var') {
      if (args.length === 1) return fieldText(args[0]);
      if (args.length === 2) return `IFEMPTY(${fieldText(args[0])}, ${format(args[1], 0)})`;
      throw new Unformattable();
    }
    if (operation === 'reduce') return sumText(args);
    if (operation === 'if' || operation === '?:') {
      if (args.length < 2) throw new Unformattable();
      return `IF(${args.map((arg) => format(arg, 0)).join(', ')})`;
    }
    if (operation === '!' && args.length === 1) return `!${format(args[0], 11)}`;
    if ((operation === '-' || operation === '+') && args.length === 1)
      return `${operation}${format(args[0], 11)}`;
    const functionName = FUNCTION_OF[operation];
    if (functionName) return `${functionName}(${args.map((arg) => format(arg, 0)).join(', ')})`;
    const precedence = PRECEDENCE[operation];
    // Only `+`, `*`, `and` and `or` take more than two operands as the text would read them (a JSON-logic
    // `<` of three is "between", not a chain).
    const variadic = operation === '+' || operation === '*' || operation === 'and' || operation === 'or';
    if (precedence === undefined || args.length < 2 || (!variadic && args.length > 2))
      throw new Unformattable();
    const spelled = SPELLING[operation] ?? operation;
    // Left-associative: the first operand binds at this level, the others one tighter.
    const text = args
      .map((arg, index) => format(arg, index === 0 ? precedence : precedence + 1))
      .join(` ${spelled} `);
    return precedence < parent ? `(${text})` : text;
  };
  try {
    return format(logic, 0);
  } catch (error) {
    if (error instanceof Unformattable) return undefined;
    throw error;
  }
}
