import { describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';

/** Flattens nested messages to dotted keys: { a: { b: 'x' } } → ['a.b']. */
function keysOf(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function placeholdersOf(messages: object): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const walk = (node: object, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'object' && value !== null) walk(value, `${prefix}${key}.`);
      else
        result.set(
          `${prefix}${key}`,
          [...String(value).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1] ?? '').sort(),
        );
    }
  };
  walk(messages, '');
  return result;
}

describe('translations', () => {
  it('have the same keys in zh-CN and en', () => {
    const zhKeys = keysOf(zhCN);
    const enKeys = keysOf(en);
    expect(zhKeys.filter((key) => !enKeys.includes(key))).toEqual([]);
    expect(enKeys.filter((key) => !zhKeys.includes(key))).toEqual([]);
  });

  it('have no empty messages', () => {
    for (const messages of [zhCN, en]) {
      const empty = [...placeholdersOf(messages).keys()].filter((key) => {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
        return typeof value !== 'string' || value.trim() === '';
      });
      expect(empty).toEqual([]);
    }
  });

  it('use the same placeholders in both languages', () => {
    const zh = placeholdersOf(zhCN);
    const english = placeholdersOf(en);
    for (const [key, names] of zh) expect({ key, names: english.get(key) }).toEqual({ key, names });
  });
});
