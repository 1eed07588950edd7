import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { EXAMPLE_TEXT, example } from '../test/fixtures';
import { canonicalizeAppDefinition, type AppDefinition } from './index';

/** Rebuilds every object with its keys in reverse order: same data, different key order. */
function shuffle(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shuffle);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, child]) => [key, shuffle(child)]),
  );
}

describe('canonicalizeAppDefinition', () => {
  it('keeps the example fixture in canonical form', () => {
    expect(canonicalizeAppDefinition(example())).toBe(EXAMPLE_TEXT);
  });

  it('is idempotent', () => {
    const once = canonicalizeAppDefinition(example());
    expect(canonicalizeAppDefinition(JSON.parse(once) as AppDefinition)).toBe(once);
  });

  it('does not depend on the key order of the input', () => {
    expect(canonicalizeAppDefinition(shuffle(example()) as AppDefinition)).toBe(EXAMPLE_TEXT);
  });

  it('uses two-space indentation and ends with a newline', () => {
    expect(
      EXAMPLE_TEXT.startsWith('{\n  "formatVersion": 1,\n  "key": "propertyLite",\n  "version": "1.0.0",'),
    ).toBe(true);
    expect(EXAMPLE_TEXT.endsWith('}\n')).toBe(true);
  });

  it('puts identity keys first, sections in reading order, and keeps array order', () => {
    const app = JSON.parse(canonicalizeAppDefinition(example())) as Record<string, unknown>;
    expect(Object.keys(app)).toEqual([
      'formatVersion',
      'key',
      'version',
      'label',
      'description',
      'entities',
      'flows',
      'rules',
      'reports',
      'dashboards',
      'roles',
      'seed',
    ]);
    const room = example().entities[1];
    expect(Object.keys(room?.fields[1] ?? {})).toEqual(['key', 'type', 'label', 'relation', 'required']);
    expect(room?.fields.map((f) => f.key)).toEqual([
      'code',
      'building',
      'buildingName',
      'floor',
      'area',
      'status',
      'butler',
      'photos',
    ]);
    expect(Object.keys(room?.label ?? {})).toEqual(['zh-CN', 'en']);
  });

  it('sorts open objects (seed records, JSON-logic, chart options) alphabetically', () => {
    const app = example();
    app.seed = { room: [{ status: 'vacant', _key: 'x', code: '9', key: 'k', area: 1 }] };
    app.reports[0]!.chart.options = { z: 1, key: 2, a: { y: 1, b: 2 } };
    const text = canonicalizeAppDefinition(app);
    const parsed = JSON.parse(text) as AppDefinition;
    expect(Object.keys(parsed.seed?.room?.[0] ?? {})).toEqual(['_key', 'area', 'code', 'key', 'status']);
    expect(JSON.stringify(parsed.reports[0]?.chart.options)).toBe('{"a":{"b":2,"y":1},"key":2,"z":1}');
  });
});

describe('canonical text and Prettier', () => {
  // Canonical files get committed in repos formatted by Prettier; they must already be in its style.
  const prettier = (text: string): string =>
    execFileSync(
      process.execPath,
      [require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', join(__dirname, 'x.json')],
      {
        input: text,
        encoding: 'utf8',
      },
    );

  it('prints what Prettier prints, including long, wide-character and number lists', () => {
    const app = example();
    app.roles[0]!.permissions[0]!.actions = ['read', 'create', 'update', 'delete', 'export', 'import'];
    app.seed = {
      room: [
        {
          tags: [
            '朝南',
            '精装修',
            '近地铁',
            '带车位',
            '可养宠物',
            '拎包入住',
            '南北通透',
            '采光好',
            '安静',
            '高楼层',
          ],
          scores: Array.from({ length: 60 }, (_, i) => i * 7),
          nested: [['a', 'b'], [1], [], {}],
          grid: [
            [1, 2],
            [3, 4],
          ],
          mixed: [{ a: 1 }, 'x'],
          flags: [true, false, null],
        },
      ],
    };
    const text = canonicalizeAppDefinition(app);
    expect(prettier(text)).toBe(text);
  });
});
