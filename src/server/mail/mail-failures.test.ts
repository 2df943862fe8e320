import { describe, expect, it } from 'vitest';
import { isTemporaryFailure } from './mailer';

describe('TPL-5 DUN-13 which failed deliveries may go again', () => {
  it.each([
    ['451 greylisted at RCPT TO', { responseCode: 451, command: 'RCPT TO' }, true],
    ['452 mailbox full at DATA: refused, nothing kept', { responseCode: 452, command: 'DATA' }, true],
    ['421 service closing at the greeting', { responseCode: 421, command: 'CONN' }, true],
    ['550 no such mailbox', { responseCode: 550, command: 'RCPT TO' }, false],
    ['535 wrong password', { responseCode: 535, command: 'AUTH PLAIN' }, false],
    ['connection refused', { code: 'ECONNECTION', command: 'CONN' }, true],
    ['timeout while logging in', { code: 'ETIMEDOUT', command: 'AUTH LOGIN' }, true],
    [
      'connection lost while the message was sent: maybe delivered',
      { code: 'ECONNECTION', command: 'DATA' },
      false,
    ],
    ['an error without a step', { code: 'EUNKNOWN' }, false],
    ['not an object', 'boom', false],
  ])('%s', (_, error, expected) => {
    expect(isTemporaryFailure(error)).toBe(expected);
  });
});
