import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Seals the secrets the app must keep and use again (an organization's SMTP password, TPL-5)
 * with AES-256-GCM: a database dump alone does not reveal them. The key comes from
 * `ENCOURS_SECRET_KEY` (32 bytes, base64 or hex) — set it when several instances share a
 * database — or else from `secret.key` in the data folder, created on first need.
 */
export interface SecretBox {
  seal(plain: string): string;
  /** The secret, or an error when it was sealed with another key. */
  open(sealed: string): string;
}

const VERSION = 'v1';

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        VERSION,
        iv.toString('base64'),
        cipher.getAuthTag().toString('base64'),
        body.toString('base64'),
      ].join(':');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== VERSION || !iv || !tag || body === undefined)
        throw new Error('not a sealed secret of this version');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new Error('the secret was sealed with another key (ENCOURS_SECRET_KEY or secret.key changed)');
      }
    },
  };
}

/**
 * A secret box whose key is read (or its file created) at its first use, not when the app
 * starts: an instance that never keeps a secret leaves no `secret.key` behind.
 */
export function lazySecretBox(load: () => SecretBox): SecretBox {
  let box: SecretBox | undefined;
  const opened = (): SecretBox => {
    box ??= load();
    return box;
  };
  return { seal: (plain) => opened().seal(plain), open: (sealed) => opened().open(sealed) };
}

/** The key of `ENCOURS_SECRET_KEY`, else of `<dataDir>/secret.key` (created once, readable by its owner only). */
export function loadSecretKey(config: { secretKey: string | undefined; dataDir: string }): Buffer {
  if (config.secretKey) return parseKey(config.secretKey, 'ENCOURS_SECRET_KEY');
  const file = join(config.dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    // `wx`: two processes starting at once do not both write a key; the second reads the first's.
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    chmodSync(file, 0o600);
  }
  return parseKey(readFileSync(file, 'utf8').trim(), file);
}

function parseKey(text: string, where: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${where}: expected 32 bytes in base64 or hex`);
  return key;
}
