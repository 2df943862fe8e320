import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, lazySecretBox, loadSecretKey } from './secret-box';

describe('TPL-5 sealed SMTP passwords', () => {
  const key = Buffer.alloc(32, 7);

  it('opens what it sealed; the sealed text does not contain the secret and differs each time', () => {
    const box = createSecretBox(key);
    const first = box.seal('mot de passe très secret');
    expect(first).not.toContain('secret');
    expect(box.seal('mot de passe très secret')).not.toBe(first);
    expect(box.open(first)).toBe('mot de passe très secret');
  });

  it('refuses a secret sealed with another key, or altered', () => {
    const sealed = createSecretBox(key).seal('pw');
    expect(() => createSecretBox(Buffer.alloc(32, 8)).open(sealed)).toThrow(/another key/);
    const altered = `${sealed.slice(0, -4)}AAA=`;
    expect(() => createSecretBox(key).open(altered)).toThrow(/another key/);
    expect(() => createSecretBox(key).open('plain')).toThrow(/not a sealed secret/);
  });

  it('takes ENCOURS_SECRET_KEY in hex or base64, else creates secret.key once, for its owner only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'encours-key-'));
    expect(loadSecretKey({ secretKey: 'ab'.repeat(32), dataDir: dir })).toEqual(Buffer.alloc(32, 0xab));
    expect(loadSecretKey({ secretKey: key.toString('base64'), dataDir: dir })).toEqual(key);
    expect(() => loadSecretKey({ secretKey: 'short', dataDir: dir })).toThrow(/ENCOURS_SECRET_KEY/);
    const made = loadSecretKey({ secretKey: undefined, dataDir: dir });
    expect(made).toHaveLength(32);
    expect(loadSecretKey({ secretKey: undefined, dataDir: dir })).toEqual(made);
    const file = join(dir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toEqual(made);
  });

  it('a lazy box creates secret.key at its first use only, and keeps using that key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'encours-key-'));
    const file = join(dir, 'secret.key');
    const box = lazySecretBox(() => createSecretBox(loadSecretKey({ secretKey: undefined, dataDir: dir })));
    expect(existsSync(file)).toBe(false);
    const sealed = box.seal('pw');
    expect(existsSync(file)).toBe(true);
    expect(box.open(sealed)).toBe('pw');
    expect(createSecretBox(loadSecretKey({ secretKey: undefined, dataDir: dir })).open(sealed)).toBe('pw');
  });
});
