import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = import.meta.dirname;

function read(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** Every key path of a message tree, `a.b.c`. */
function keyPaths(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object'
      ? keyPaths(value as Record<string, unknown>, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

describe('ACC-4 interface messages', () => {
  const pairs: [string, string][] = [[join(dir, 'fr.json'), join(dir, 'en.json')]];
  for (const file of readdirSync(join(dir, 'features'))) {
    if (file.endsWith('.fr.json')) {
      pairs.push([join(dir, 'features', file), join(dir, 'features', file.replace('.fr.json', '.en.json'))]);
    }
  }

  it.each(pairs)('%s has the same keys in English', (frPath, enPath) => {
    expect(keyPaths(read(enPath)).sort()).toEqual(keyPaths(read(frPath)).sort());
  });

  it('no feature file redefines a namespace of another file', () => {
    const owners = new Map<string, string>();
    for (const [frPath] of pairs) {
      for (const namespace of Object.keys(read(frPath))) {
        expect(owners.get(namespace), `${namespace} in ${frPath}`).toBeUndefined();
        owners.set(namespace, frPath);
      }
    }
  });
});
