import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('ACC-1 mail configuration', () => {
  it('keeps emails in the outbox when no SMTP server is set, links to localhost', () => {
    const config = loadConfig({ PORT: '3200' });
    expect(config.smtp).toBeNull();
    expect(config.publicUrl).toBe('http://localhost:3200');
  });

  it('reads the SMTP URL and sender; an empty variable means unset', () => {
    const config = loadConfig({
      ENCOURS_SMTP_URL: 'smtps://ar%40example.com:p%40ss@mail.example.com:465',
      ENCOURS_MAIL_FROM: 'Encours <ar@example.com>',
      ENCOURS_PUBLIC_URL: 'https://encours.example.com/',
    });
    expect(config.smtp).toEqual({
      url: 'smtps://ar%40example.com:p%40ss@mail.example.com:465',
      from: 'Encours <ar@example.com>',
    });
    expect(config.publicUrl).toBe('https://encours.example.com');
    expect(loadConfig({ ENCOURS_SMTP_URL: '', ENCOURS_MAIL_FROM: '' }).smtp).toBeNull();
  });

  it.each([
    [
      { ENCOURS_SMTP_URL: 'smtp://mail.example.com:587' },
      /ENCOURS_MAIL_FROM: required when ENCOURS_SMTP_URL is set/,
    ],
    [
      { ENCOURS_SMTP_URL: 'https://mail.example.com', ENCOURS_MAIL_FROM: 'a@b.c' },
      /ENCOURS_SMTP_URL: expected smtp/,
    ],
    [{ ENCOURS_PUBLIC_URL: 'encours.example.com' }, /ENCOURS_PUBLIC_URL/],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
