import { type Loose, example, mutated } from '../test/fixtures';
import { canonicalizeAppDefinition } from './canonical';
import { keepCustomizations } from './customizations';
import { diffAppDefinitions } from './diff';
import { type AppDefinition, type AppModelIssue, type MemberAttributeDefinition } from './index';
import { validateAppDefinition } from './validate';

const label = { 'zh-CN': '项目', en: 'Projects' };

/** What the property template declares: projects picked from records, areas and skills from lists. */
const declared: MemberAttributeDefinition[] = [
  { key: 'projects', label, type: 'relation', entity: 'building', multiple: true },
  {
    key: 'skills',
    label: { 'zh-CN': '技能' },
    type: 'select',
    multiple: true,
    options: [
      { value: 'electric', label: { 'zh-CN': '电工' } },
      { value: 'plumbing', label: { 'zh-CN': '水暖' } },
    ],
  },
  { key: 'maxOpenTasks', label: { 'zh-CN': '最多在办' }, type: 'number' },
  { key: 'onDuty', label: { 'zh-CN': '值班' }, type: 'boolean' },
  { key: 'areas', label: { 'zh-CN': '片区' }, type: 'text', multiple: true },
];

const withAttributes = (attributes: unknown[]): Loose =>
  mutated((app) => {
    app.memberAttributes = attributes;
  });

function errorsOf(input: unknown, locale: 'en' | 'zh-CN' = 'en'): AppModelIssue[] {
  const result = validateAppDefinition(input, { locale });
  return result.ok ? [] : result.errors;
}

const brief = (issues: AppModelIssue[]) => issues.map((issue) => `${issue.path} ${issue.code}`);

describe('memberAttributes: validation', () => {
  it('accepts every type, and an app that declares none', () => {
    expect(validateAppDefinition(withAttributes(declared))).toMatchObject({ ok: true, warnings: [] });
    expect(validateAppDefinition(withAttributes([]))).toMatchObject({ ok: true });
    expect(validateAppDefinition(example())).toMatchObject({ ok: true });
  });

  type Case = [name: string, attribute: Record<string, unknown>, expected: string[]];
  const cases: Case[] = [
    [
      'a key that is no attribute key',
      { key: '1st', label, type: 'text' },
      ['$.memberAttributes[0].key schema.invalidAttributeKey'],
    ],
    [
      'the reserved key id',
      { key: 'id', label, type: 'text' },
      ['$.memberAttributes[0].key reservedAttributeKey'],
    ],
    ['an unknown type', { key: 'a', label, type: 'date' }, ['$.memberAttributes[0].type schema.enum']],
    ['a missing label', { key: 'a', type: 'text' }, ['$.memberAttributes[0].label schema.required']],
    [
      'a select without options',
      { key: 'a', label, type: 'select' },
      ['$.memberAttributes[0].options attributeOptionsRequired'],
    ],
    [
      'a select with an empty option list',
      { key: 'a', label, type: 'select', options: [] },
      ['$.memberAttributes[0].options attributeOptionsRequired'],
    ],
    [
      'a select with a repeated option value',
      {
        key: 'a',
        label,
        type: 'select',
        options: [
          { value: 'x', label },
          { value: 'x', label },
        ],
      },
      ['$.memberAttributes[0].options[1].value duplicateOption'],
    ],
    [
      'options on a text attribute',
      { key: 'a', label, type: 'text', options: [{ value: 'x', label }] },
      ['$.memberAttributes[0].options attributeNotAllowed'],
    ],
    [
      'a relation without an entity',
      { key: 'a', label, type: 'relation' },
      ['$.memberAttributes[0].entity attributeEntityRequired'],
    ],
    [
      'a relation to an entity the app lacks',
      { key: 'a', label, type: 'relation', entity: 'project' },
      ['$.memberAttributes[0].entity unknownEntity'],
    ],
    [
      'an entity on a select',
      { key: 'a', label, type: 'select', entity: 'room', options: [{ value: 'x', label }] },
      ['$.memberAttributes[0].entity attributeNotAllowed'],
    ],
    [
      'a list of numbers',
      { key: 'a', label, type: 'number', multiple: true },
      ['$.memberAttributes[0].multiple attributeNotAllowed'],
    ],
    [
      'a default of the other kind',
      { key: 'onDuty', label, type: 'boolean', defaultValue: 1 },
      ['$.memberAttributes[0].defaultValue attributeDefaultType'],
    ],
    [
      'a default on a relation',
      { key: 'a', label, type: 'relation', entity: 'room', defaultValue: true },
      ['$.memberAttributes[0].defaultValue attributeNotAllowed'],
    ],
    [
      'a list of booleans',
      { key: 'a', label, type: 'boolean', multiple: true },
      ['$.memberAttributes[0].multiple attributeNotAllowed'],
    ],
    [
      'an unknown property',
      { key: 'a', label, type: 'text', widget: 'x' },
      ['$.memberAttributes[0].widget schema.unknownProperty'],
    ],
  ];

  it.each(cases)('reports %s at its path', (_name, attribute, expected) => {
    expect(brief(errorsOf(withAttributes([attribute])))).toEqual(expected);
  });

  it('accepts multiple: false on any type', () => {
    const input = withAttributes([{ key: 'a', label, type: 'number', multiple: false }]);
    expect(validateAppDefinition(input).ok).toBe(true);
  });

  it('reports a key declared twice', () => {
    const input = withAttributes([declared[0], { ...declared[2], key: 'projects' }]);
    expect(brief(errorsOf(input))).toEqual(['$.memberAttributes[1].key duplicateKey']);
  });

  it('says in plain words what is wrong, in English and Chinese', () => {
    const input = withAttributes([{ key: 'projects', label, type: 'relation', entity: 'project' }]);
    expect(errorsOf(input)[0]?.message).toBe(
      'Member attribute "projects" refers to entity "project", which does not exist',
    );
    expect(errorsOf(input, 'zh-CN')[0]?.message).toBe('成员属性 "projects" 引用的实体 "project" 不存在');
    const select = withAttributes([{ key: 'skills', label, type: 'select' }]);
    expect(errorsOf(select)[0]?.message).toBe(
      'Member attribute "skills" is a select, so it needs a list of options to choose from',
    );
    const list = withAttributes([{ key: 'level', label, type: 'number', multiple: true }]);
    expect(errorsOf(list)[0]?.message).toBe(
      'Member attribute "level" is of type "number", which takes no "multiple" (text, select, relation only)',
    );
  });
});

describe('memberAttributes: canonical form, diff and template upgrades', () => {
  const app = (): AppDefinition => ({ ...example(), memberAttributes: structuredClone(declared) });

  it('prints the section after roles and before seed, each declaration key first', () => {
    const text = canonicalizeAppDefinition(app());
    expect(text.indexOf('"roles"')).toBeLessThan(text.indexOf('"memberAttributes"'));
    expect(text.indexOf('"memberAttributes"')).toBeLessThan(text.indexOf('"seed"'));
    expect(text).toMatch(/"memberAttributes": \[\n {4}\{\n {6}"key": "projects",\n {6}"type": "relation"/);
    expect(canonicalizeAppDefinition(JSON.parse(text) as AppDefinition)).toBe(text);
  });

  it('lists added, changed and removed declarations', () => {
    const after = app();
    after.memberAttributes![0]!.label = { 'zh-CN': '负责项目' };
    after.memberAttributes!.splice(1, 1);
    const changes = diffAppDefinitions(app(), after).map((c) => `${c.change} ${c.kind} ${c.path}`);
    expect(changes).toEqual([
      'change memberAttribute memberAttributes.projects',
      'remove memberAttribute memberAttributes.skills',
    ]);
    expect(diffAppDefinitions(example(), app()).filter((c) => c.kind === 'memberAttribute')).toHaveLength(5);
  });

  it('keeps the attributes a company declared through a template upgrade', () => {
    const current = app();
    current.memberAttributes!.push({ key: 'badge', label: { 'zh-CN': '工牌号' }, type: 'text' });
    const upgrade = app();
    upgrade.memberAttributes![2] = { ...upgrade.memberAttributes![2]!, label: { 'zh-CN': '在办上限' } };
    const merged = keepCustomizations(upgrade, current);
    expect(merged.memberAttributes!.map((attribute) => attribute.key)).toEqual([
      'projects',
      'skills',
      'maxOpenTasks',
      'onDuty',
      'areas',
      'badge',
    ]);
    expect(merged.memberAttributes![2]!.label).toEqual({ 'zh-CN': '在办上限' });
    // A template that starts declaring attributes over an app that had none gets them.
    expect(keepCustomizations(app(), example()).memberAttributes).toHaveLength(5);
    expect(keepCustomizations(example(), example())).not.toHaveProperty('memberAttributes');
  });
});
