import { describe, expect, it } from 'vitest';
import type { DeclaredAttribute } from '../../api/memberTypes';
import {
  attributeErrors,
  attributesFromRows,
  attributeTexts,
  declarationsByKey,
  declaredAttributes,
  emptyRow,
  rowsFromAttributes,
  splitAttributes,
} from './attributes';

describe('member attribute rows', () => {
  it('round-trips every kind of value', () => {
    const attributes = {
      projects: ['P01', 'P02'],
      department: 'maintenance',
      level: 3,
      onCall: true,
      codes: [7, 9],
    };
    const rows = rowsFromAttributes(attributes);
    expect(rows.map((row) => row.kind)).toEqual(['list', 'text', 'number', 'boolean', 'list']);
    expect(attributesFromRows(rows)).toEqual({ ok: true, attributes });
  });

  it('drops empty values and blank rows, trims and de-duplicates list items', () => {
    const rows = [
      { ...emptyRow('projects'), kind: 'list' as const, list: [' P01', 'P01', ''] },
      { ...emptyRow('department'), text: '  ' },
      emptyRow(),
    ];
    expect(attributesFromRows(rows)).toEqual({ ok: true, attributes: { projects: ['P01'] } });
  });

  it('suggests the list kind for the directory’s departments, text otherwise', () => {
    expect(emptyRow('departments').kind).toBe('list');
    expect(emptyRow('department').kind).toBe('text');
    expect(emptyRow('skills').kind).toBe('text');
  });

  it('refuses a free row that sets a declared attribute', () => {
    const rows = [{ ...emptyRow('projects'), text: 'P01' }];
    expect(attributesFromRows(rows, new Set(['projects']))).toEqual({
      ok: false,
      problems: [{ index: 0, reason: 'declared' }],
    });
  });

  it('names the rows with a bad, reserved or repeated key', () => {
    const rows = [
      { ...emptyRow('bad key'), text: 'x' },
      { ...emptyRow('id'), text: 'x' },
      { ...emptyRow('skills'), kind: 'list' as const, list: ['a'] },
      { ...emptyRow('skills'), kind: 'list' as const, list: ['b'] },
    ];
    expect(attributesFromRows(rows)).toEqual({
      ok: false,
      problems: [
        { index: 0, reason: 'key' },
        { index: 1, reason: 'reserved' },
        { index: 3, reason: 'duplicate' },
      ],
    });
  });
});

const app = { app: 'property', appLabel: { 'zh-CN': '物业' } };
const declared: DeclaredAttribute[] = [
  {
    ...app,
    key: 'projects',
    label: { 'zh-CN': '项目', en: 'Projects' },
    type: 'relation',
    entity: 'project',
    multiple: true,
  },
  {
    ...app,
    key: 'skills',
    label: { 'zh-CN': '技能' },
    type: 'select',
    multiple: true,
    options: [
      { value: 'electric', label: { 'zh-CN': '电工', en: 'Electrician' } },
      { value: 'plumbing', label: { 'zh-CN': '水暖' } },
    ],
  },
  { ...app, key: 'maxOpenTasks', label: { 'zh-CN': '最多在办' }, type: 'number' },
  { ...app, key: 'onDuty', label: { 'zh-CN': '值班' }, type: 'boolean' },
  { ...app, key: 'badge', label: { 'zh-CN': '工牌' }, type: 'text' },
];

describe('declared member attributes', () => {
  it('keeps one declaration per key, the first app’s', () => {
    const other = { ...declared[2]!, app: 'other', label: { 'zh-CN': '别的' } };
    expect(declarationsByKey([...declared, other]).map((attribute) => attribute.app)).toEqual(
      declared.map(() => 'property'),
    );
  });

  it('splits a member’s attributes into declared values and free rows', () => {
    const { values, rows } = splitAttributes(
      { projects: ['r1'], onDuty: false, notes: 'x', areas: ['n'] },
      declared,
    );
    expect(values).toEqual({ projects: ['r1'], onDuty: false });
    expect(rows.map((row) => [row.key, row.kind])).toEqual([
      ['notes', 'text'],
      ['areas', 'list'],
    ]);
  });

  it('saves declared values trimmed, lists de-duplicated, unset ones left out', () => {
    expect(
      declaredAttributes(
        {
          projects: ['r1', 'r1', ''],
          skills: [],
          maxOpenTasks: 0,
          onDuty: false,
          badge: '  A-7 ',
          ignored: 'x',
        },
        declared,
      ),
    ).toEqual({ projects: ['r1'], maxOpenTasks: 0, onDuty: false, badge: 'A-7' });
    expect(declaredAttributes({ badge: '  ', maxOpenTasks: undefined, projects: null }, declared)).toEqual(
      {},
    );
  });

  it('shows records by title, options by label, flags in words', () => {
    const flag = (value: boolean) => (value ? 'Yes' : 'No');
    const titles = { r1: 'North Garden' };
    expect(attributeTexts(['r1', 'r2'], declared[0], titles, 'en', flag)).toEqual(['North Garden', 'r2']);
    expect(attributeTexts(['electric', 'plumbing', 'x'], declared[1], titles, 'en', flag)).toEqual([
      'Electrician',
      '水暖',
      'x',
    ]);
    expect(attributeTexts(true, declared[3], titles, 'en', flag)).toEqual(['Yes']);
    expect(attributeTexts([1, 'a'], undefined, titles, 'en', flag)).toEqual(['1', 'a']);
    expect(attributeTexts(undefined, undefined, titles, 'en', flag)).toEqual([]);
  });

  it('files the server’s problems under their attribute', () => {
    expect(
      attributeErrors([
        { path: 'attributes.projects[1]', message: 'no record' },
        { path: 'attributes.projects[2]', message: 'not an id' },
        { path: 'attributes.onDuty', message: 'must be true or false' },
        { path: 'appRoles[0]', message: 'unknown' },
      ]),
    ).toEqual({ projects: ['no record', 'not an id'], onDuty: ['must be true or false'] });
  });
});
