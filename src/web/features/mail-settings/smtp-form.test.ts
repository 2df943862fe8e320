import { describe, expect, it } from 'vitest';
import { buildSmtpBody, draftOf } from './smtp-form';

const filled = {
  ...draftOf(null),
  host: ' smtp.morel.test ',
  fromName: 'Service relances',
  fromAddress: 'relances@morel.test',
};

describe('TPL-5 the mail server form', () => {
  it('starts on STARTTLS and port 587, answers to the user', () => {
    expect(draftOf(null)).toMatchObject({
      security: 'starttls',
      port: '587',
      replyToMode: 'user',
      password: '',
    });
  });

  it('builds the body; an empty password keeps the stored one, "clear" removes it', () => {
    const built = buildSmtpBody({ ...filled, username: ' relances ' }, false);
    expect(built.body).toEqual({
      host: 'smtp.morel.test',
      port: 587,
      security: 'starttls',
      username: 'relances',
      fromName: 'Service relances',
      fromAddress: 'relances@morel.test',
      replyToMode: 'user',
      replyToAddress: null,
    });
    expect(buildSmtpBody({ ...filled, password: 's3cret' }, false).body?.password).toBe('s3cret');
    expect(buildSmtpBody({ ...filled, password: 's3cret' }, true).body?.password).toBeNull();
  });

  it('names each field to fix', () => {
    expect(buildSmtpBody(draftOf(null), false).errors).toEqual(['host', 'fromName', 'fromAddress']);
    expect(buildSmtpBody({ ...filled, port: '70000' }, false).errors).toEqual(['port']);
    expect(buildSmtpBody({ ...filled, replyToMode: 'company' }, false).errors).toEqual(['replyToAddress']);
    expect(buildSmtpBody({ ...filled, replyToAddress: 'not an address' }, false).errors).toEqual([
      'replyToAddress',
    ]);
  });
});
