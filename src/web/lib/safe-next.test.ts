import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext (no open redirect after sign-in)', () => {
  it.each([
    ['/customers?filter=overdue&page=2', '/customers?filter=overdue&page=2'],
    ['/import', '/import'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/path', '/'],
    ['/\\evil.example', '/'],
    ['/sign-in', '/'],
    ['/sign-in?next=%2F', '/'],
  ])('%s → %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
