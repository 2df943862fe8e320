import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock';

describe('the data folder lock', () => {
  it('refuses a second opener while the first holds it, and frees it on release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'encours-lock-'));
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(/in use by another Encours process/);
    release();
    expect(existsSync(join(dir, '.encours.lock'))).toBe(false);
    lockDataDir(dir)();
  });

  it('takes over a lock left by a process that died', () => {
    const dir = mkdtempSync(join(tmpdir(), 'encours-lock-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(join(dir, '.encours.lock'), dead.stdout);
    const release = lockDataDir(dir);
    release();
  });
});
