import { type MemberAttributeDefinition } from '@lowcode/app-model';
import { checkDeclaredAttributes, type DeclaredAttribute, referencesByTarget } from './declared-attributes';

const label = { 'zh-CN': '属性' };
const ID_1 = '0b6e3f6c-7d1a-4a8e-9d6f-2f3b1c4d5e6f';
const ID_2 = '1c7f4a7d-8e2b-4b9f-8e7a-3a4c2d5e6f70';

const declare = (
  definition: Omit<MemberAttributeDefinition, 'label'>,
  app = 'property',
): DeclaredAttribute => ({
  app,
  definition: { label, ...definition },
});

const declared: DeclaredAttribute[] = [
  declare({ key: 'projects', type: 'relation', entity: 'project', multiple: true }),
  declare({ key: 'home', type: 'relation', entity: 'building' }),
  declare({
    key: 'skills',
    type: 'select',
    multiple: true,
    options: [
      { value: 'electric', label },
      { value: 'plumbing', label },
    ],
  }),
  declare({ key: 'grade', type: 'select', options: [{ value: 'senior', label }] }),
  declare({ key: 'maxOpenTasks', type: 'number' }),
  declare({ key: 'onDuty', type: 'boolean' }),
  declare({ key: 'areas', type: 'text', multiple: true }),
  declare({ key: 'badge', type: 'text' }),
];

describe('checkDeclaredAttributes', () => {
  it('accepts values that fit, and returns the relation ids to look up', () => {
    const result = checkDeclaredAttributes(
      {
        projects: [ID_1, ID_2],
        home: ID_1,
        skills: ['electric'],
        grade: 'senior',
        maxOpenTasks: 5,
        onDuty: false,
        areas: ['north'],
        badge: 'A-7',
        undeclared: ['anything', 1],
      },
      declared,
    );
    expect(result.problems).toEqual([]);
    expect(result.references).toEqual([
      { path: 'attributes.projects[0]', app: 'property', entity: 'project', id: ID_1 },
      { path: 'attributes.projects[1]', app: 'property', entity: 'project', id: ID_2 },
      { path: 'attributes.home', app: 'property', entity: 'building', id: ID_1 },
    ]);
  });

  it.each([
    [{ projects: [ID_1, 'P02'] }, 'attributes.projects[1]', '"P02" is not a record id'],
    [{ projects: ID_1 }, 'attributes.projects', 'must be a list, each a record id'],
    [{ home: [ID_1] }, 'attributes.home', 'must be one value (a record id), not a list'],
    [
      { skills: ['electric', 'welding'] },
      'attributes.skills[1]',
      '"welding" is not one of: electric, plumbing',
    ],
    [{ grade: 'junior' }, 'attributes.grade', '"junior" is not one of: senior'],
    [{ maxOpenTasks: '5' }, 'attributes.maxOpenTasks', 'must be a number'],
    [{ onDuty: 'yes' }, 'attributes.onDuty', 'must be true or false'],
    [{ areas: ['north', 3] }, 'attributes.areas[1]', 'must be a text'],
    [{ badge: 7 }, 'attributes.badge', 'must be a text'],
  ])('refuses %j at %s', (attributes, path, message) => {
    expect(checkDeclaredAttributes(attributes, declared).problems).toEqual([{ path, message }]);
  });

  it('holds a key two apps declare to both declarations, reporting a shared problem once', () => {
    const twice = [
      declare({ key: 'maxOpenTasks', type: 'number' }, 'a'),
      declare({ key: 'maxOpenTasks', type: 'number' }, 'b'),
    ];
    expect(checkDeclaredAttributes({ maxOpenTasks: 'x' }, twice).problems).toHaveLength(1);
  });
});

describe('referencesByTarget', () => {
  it('groups ids by app and entity, once each', () => {
    const at = (app: string, entity: string, id: string) => ({ path: 'p', app, entity, id });
    expect(
      referencesByTarget([
        at('a', 'project', ID_1),
        at('a', 'project', ID_1.toUpperCase()),
        at('a', 'building', ID_2),
        at('b', 'project', ID_2),
      ]),
    ).toEqual([
      { app: 'a', entity: 'project', ids: [ID_1] },
      { app: 'a', entity: 'building', ids: [ID_2] },
      { app: 'b', entity: 'project', ids: [ID_2] },
    ]);
  });
});
