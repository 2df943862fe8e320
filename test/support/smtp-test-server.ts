import type { AddressInfo } from 'node:net';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's recipients, as the server accepted them. */
  recipients: string[];
  parsed: ParsedMail;
  /** The `To` header's addresses. */
  to: string[];
  subject: string;
  text: string;
  html: string | null;
}

export interface SmtpTestServer {
  /** `smtp://user:pass@127.0.0.1:<port>` for ENCOURS_SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** Recipients matching this get `451 4.7.1` (try again later) until it is set back to null. */
  defer: RegExp | null;
  /** Resolves with the next message to arrive (or one that arrived and was not taken yet). */
  nextMessage(timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

const addresses = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));

/**
 * A real SMTP server on 127.0.0.1 and a random port, which parses what it receives with
 * mailparser. Recipients matching `refuse` get `550 5.1.1 Mailbox unavailable`, those matching
 * `defer` a temporary `451 4.7.1`; a wrong password gets `535`.
 */
export async function startSmtpTestServer(
  options: { refuse?: RegExp; user?: string; pass?: string } = {},
): Promise<SmtpTestServer> {
  const user = options.user ?? 'encours';
  const pass = options.pass ?? 'smtp-secret';
  const received: ReceivedMail[] = [];
  let taken = 0;
  let defer: RegExp | null = null;
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    secure: false,
    // Plain SMTP on the loopback: no certificate to trust in tests.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) callback(null, { user });
      else callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (defer?.test(address.address)) {
        callback(Object.assign(new Error('4.7.1 Greylisted, try again later'), { responseCode: 451 }));
      } else if (options.refuse?.test(address.address)) {
        callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          received.push({
            recipients: session.envelope.rcptTo.map((r) => r.address),
            parsed,
            to: addresses(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: parsed.html === false ? null : (parsed.html ?? null),
          });
          for (const wake of waiters.splice(0)) wake();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${user}:${pass}@127.0.0.1:${port}`,
    received,
    get defer() {
      return defer;
    },
    set defer(value) {
      defer = value;
    },
    async nextMessage(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length <= taken) {
        if (Date.now() > deadline) throw new Error('no email arrived at the test SMTP server');
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return received[taken++]!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
