// Conformance: on the json-logic spec's cases (jsonlogic.com/tests.json style) the engine's evaluation —
// guard, private operation names, own-property var, capped list operations, null-prototype data — gives
// exactly what plain json-logic-js `apply` gives.
import jsonLogic from 'json-logic-js';
import { evaluateLogic } from '../src';

type Case = [logic: unknown, data: unknown];

const v = (path: unknown, fallback?: unknown) => ({ var: fallback === undefined ? path : [path, fallback] });

const CASES: Case[] = [
  // == and ===, != and !==
  [{ '==': [1, 1] }, null],
  [{ '==': [1, '1'] }, null],
  [{ '==': [0, false] }, null],
  [{ '==': [null, 1] }, null],
  [{ '===': [1, 1] }, null],
  [{ '===': [1, '1'] }, null],
  [{ '!=': [1, 2] }, null],
  [{ '!=': [1, '1'] }, null],
  [{ '!==': [1, '1'] }, null],
  [{ '!==': [1, 1] }, null],
  // comparisons and between forms
  [{ '>': [2, 1] }, null],
  [{ '>': [1, 1] }, null],
  [{ '>': ['2', 1] }, null],
  [{ '>=': [1, 1] }, null],
  [{ '>=': [0, 1] }, null],
  [{ '<': [1, 2] }, null],
  [{ '<': [2, 1] }, null],
  [{ '<': [1, 2, 3] }, null],
  [{ '<': [1, 1, 3] }, null],
  [{ '<': [1, 4, 3] }, null],
  [{ '<=': [1, 1] }, null],
  [{ '<=': [1, 1, 3] }, null],
  [{ '<=': [1, 4, 3] }, null],
  [{ '<': [0, v('temp'), 100] }, { temp: 37 }],
  // ! and !!
  [{ '!': [true] }, null],
  [{ '!': false }, null],
  [{ '!': [[]] }, null],
  [{ '!!': [[]] }, null],
  [{ '!!': ['0'] }, null],
  [{ '!!': [0] }, null],
  // or, and
  [{ or: [true, false] }, null],
  [{ or: [false, false] }, null],
  [{ or: [false, 'a'] }, null],
  [{ or: [0, [], null] }, null],
  [{ and: [true, true] }, null],
  [{ and: [true, false] }, null],
  [{ and: [1, 'a', 3] }, null],
  [{ and: [1, 0, 3] }, null],
  [{ and: [] }, null],
  // if and ?:
  [{ if: [true, 'yes', 'no'] }, null],
  [{ if: [false, 'yes', 'no'] }, null],
  [{ if: [false, 1, false, 2, 3] }, null],
  [{ if: [false, 1, true, 2, 3] }, null],
  [{ if: [] }, null],
  [{ if: [true] }, null],
  [{ if: [{ '<': [v('temp'), 0] }, 'freezing', { '<': [v('temp'), 100] }, 'liquid', 'gas'] }, { temp: 55 }],
  [{ '?:': [true, 1, 2] }, null],
  [{ '?:': [false, 1, 2] }, null],
  // in
  [{ in: ['Spring', 'Springfield'] }, null],
  [{ in: ['i', 'team'] }, null],
  [{ in: ['b', ['a', 'b', 'c']] }, null],
  [{ in: ['d', ['a', 'b', 'c']] }, null],
  [{ in: ['a', null] }, null],
  // cat and substr
  [{ cat: 'ice' }, null],
  [{ cat: ['ice', 'cream'] }, null],
  [{ cat: [1, 2] }, null],
  [{ cat: ['I love ', v('filling'), ' pie'] }, { filling: 'apple' }],
  [{ substr: ['jsonlogic', 4] }, null],
  [{ substr: ['jsonlogic', -5] }, null],
  [{ substr: ['jsonlogic', 0, 1] }, null],
  [{ substr: ['jsonlogic', 4, -2] }, null],
  // arithmetic
  [{ '+': [1, 2] }, null],
  [{ '+': [2, 2, 2] }, null],
  [{ '+': [] }, null],
  [{ '+': ['3', 1] }, null],
  [{ '+': '3.14' }, null],
  [{ '-': [2, 3] }, null],
  [{ '-': [2] }, null],
  [{ '-': '-2' }, null],
  [{ '*': [2, 3] }, null],
  [{ '*': [2, 3, 4] }, null],
  [{ '*': ['1.5', 2] }, null],
  [{ '/': [4, 2] }, null],
  [{ '/': [1, 0] }, null],
  [{ '%': [1, 2] }, null],
  [{ '%': [5, 3] }, null],
  [{ min: [1, 2, 3] }, null],
  [{ min: [] }, null],
  [{ max: [1, 2, 3] }, null],
  [{ max: [] }, null],
  // merge
  [{ merge: [] }, null],
  [{ merge: [[1]] }, null],
  [{ merge: [[1], [2]] }, null],
  [{ merge: [[1], [2, [3, 4]]] }, null],
  [{ merge: 1 }, null],
  [{ merge: [1, 2] }, null],
  [{ merge: [v('a'), [3]] }, { a: [1, 2] }],
  // var, defaults and dot paths
  [v('a'), { a: 1 }],
  [v('b'), { a: 1 }],
  [v('a'), null],
  [{ var: ['a'] }, { a: 1 }],
  [v('z', 26), { a: 1 }],
  [v('a.b'), { a: { b: 'c' } }],
  [v('a.q', 9), { a: { b: 'c' } }],
  [v(1), ['apple', 'banana']],
  [v('1'), ['apple', 'banana']],
  [v('1.1'), ['apple', ['banana', 'beer']]],
  [v(''), 3.14],
  [{ var: [] }, 'x'],
  [v('a.length'), { a: 'hello' }],
  [
    { and: [{ '<': [v('temp'), 110] }, { '==': [v('pie.filling'), 'apple'] }] },
    { temp: 100, pie: { filling: 'apple' } },
  ],
  // missing, missing_some
  [{ missing: [] }, null],
  [{ missing: ['a'] }, null],
  [{ missing: 'a' }, null],
  [{ missing: 'a' }, { a: 'apple' }],
  [{ missing: ['a', 'b'] }, { b: 'banana' }],
  [{ missing: ['a.b'] }, { a: { c: 1 } }],
  [{ missing: ['a', 'b'] }, { a: '' }],
  [{ missing: ['a', 'b', 'c'] }, { c: 0 }],
  [{ missing_some: [1, ['a', 'b', 'c']] }, { a: 'apple' }],
  [{ missing_some: [2, ['a', 'b', 'c']] }, { a: 'apple' }],
  [{ missing_some: [0, ['a', 'b']] }, null],
  // map, filter, reduce
  [{ map: [v('integers'), { '*': [v(''), 2] }] }, { integers: [1, 2, 3, 4, 5] }],
  [{ map: [v('integers'), { '*': [v(''), 2] }] }, null],
  [{ map: [[{ a: 1 }, { a: 2 }].map((item) => item.a), { '+': [v(''), 1] }] }, null],
  [{ filter: [v('integers'), true] }, { integers: [1, 2, 3] }],
  [{ filter: [v('integers'), false] }, { integers: [1, 2, 3] }],
  [{ filter: [v('integers'), { '>=': [v(''), 2] }] }, { integers: [1, 2, 3] }],
  [{ filter: [v('integers'), { '%': [v(''), 2] }] }, { integers: [1, 2, 3, 4, 5] }],
  [{ reduce: [v('integers'), { '+': [v('current'), v('accumulator')] }, 0] }, { integers: [1, 2, 3, 4] }],
  [{ reduce: [v('integers'), { '*': [v('current'), v('accumulator')] }, 1] }, { integers: [1, 2, 3, 4] }],
  [{ reduce: [v('integers'), { '+': [v('current'), v('accumulator')] }, 0] }, null],
  [{ reduce: [v('desserts'), { '+': [v('accumulator'), v('current.qty')] }, 0] }, { desserts: [{ name: 'pie', qty: 1 }, { name: 'cake', qty: 3 }] }], // prettier-ignore
  // all, some, none
  [{ all: [[1, 2, 3], { '>': [v(''), 0] }] }, null],
  [{ all: [[1, 2, 3], { '>': [v(''), 1] }] }, null],
  [{ all: [[], { '>': [v(''), 0] }] }, null],
  [{ all: [v('items'), { '>=': [v('qty'), 1] }] }, { items: [{ qty: 1 }, { qty: 2 }] }],
  [{ some: [[-1, 0, 1], { '>': [v(''), 0] }] }, null],
  [{ some: [[-1, 0], { '>': [v(''), 0] }] }, null],
  [{ some: [[], { '>': [v(''), 0] }] }, null],
  [
    { some: [v('pies'), { '==': [v('filling'), 'apple'] }] },
    { pies: [{ filling: 'pumpkin' }, { filling: 'apple' }] },
  ],
  [{ none: [[-3, -2], { '>': [v(''), 0] }] }, null],
  [{ none: [[-1, 0, 1], { '>': [v(''), 0] }] }, null],
  [{ none: [[], { '>': [v(''), 0] }] }, null],
  // literals and arrays of logic
  [true, null],
  [17, null],
  ['apple', null],
  [null, null],
  [['a', 'b'], null],
  [[v('a'), { '+': [1, 1] }], { a: 'x' }],
];

describe('json-logic conformance', () => {
  it('has a table of at least 80 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(80);
  });

  it.each(CASES.map((item, index) => [index, JSON.stringify(item[0]), ...item]))(
    'case %i %s',
    (_index, _text, logic, data) => {
      const expected = jsonLogic.apply(logic, data);
      expect(evaluateLogic(logic, data).result).toEqual(expected);
    },
  );
});
