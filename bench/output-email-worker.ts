/**
 * One email measurement of `npm run bench -- output`, in a process of its own so that its peak
 * memory (the kernel's `maxRSS`) is that of the measurement alone. Prints one JSON line.
 *
 *   emails N SMTP_URL C      the app's path: each email rendered by the templates
 *                            (`renderReminderTemplate`) then handed to the app's SMTP transport
 *                            (`createSmtpTransport`, nodemailer, pooled connections),
 *                            C at a time (the send service today: 1), each waiting for the 250
 *   nodemailer N SMTP_URL C  nodemailer alone, same options, C at a time, sending the same
 *                            messages rendered beforehand (not timed)
 */
import nodemailer from 'nodemailer';
import { createSmtpTransport, type OutgoingMail } from '../src/server/mail/smtp-transport';
import { benchEmails, renderBenchEmail } from './output-emails';

export interface EmailMeasure {
  mode: 'emails' | 'nodemailer';
  emails: number;
  /** Time spent in the templates (emails mode), within `totalMs`. */
  templatesMs: number;
  totalMs: number;
  bytes: number;
  peakRssMB: number;
}

const MB = 1024 * 1024;
const [mode, countText, url, concurrencyText] = process.argv.slice(2) as [
  EmailMeasure['mode'],
  string,
  string,
  string,
];
const count = Number(countText);
const concurrency = Math.max(1, Number(concurrencyText ?? '1'));

/** Runs `work` on each value, `concurrency` at a time. */
async function inFlight<T>(values: Iterator<T>, work: (value: T) => Promise<void>): Promise<void> {
  const runner = async () => {
    for (let next = values.next(); !next.done; next = values.next()) await work(next.value);
  };
  await Promise.all(Array.from({ length: concurrency }, runner));
}
const FROM = 'Acme Industrie <relances@acme.test>';

async function runApp(): Promise<Omit<EmailMeasure, 'peakRssMB'>> {
  const transport = createSmtpTransport({ url, from: FROM });
  let templatesMs = 0;
  let bytes = 0;
  const started = performance.now();
  await inFlight(benchEmails(count), async (email) => {
    const t0 = performance.now();
    const mail = renderBenchEmail(email);
    templatesMs += performance.now() - t0;
    bytes += mail.text.length + (mail.html?.length ?? 0);
    await transport.deliver(mail);
  });
  const totalMs = performance.now() - started;
  transport.close();
  return { mode: 'emails', emails: count, templatesMs, totalMs, bytes };
}

async function runPlain(): Promise<Omit<EmailMeasure, 'peakRssMB'>> {
  const mails: OutgoingMail[] = [...benchEmails(count)].map(renderBenchEmail);
  // The same transport settings as the app's (`smtp-transport.ts`): pooled connections.
  const transporter = nodemailer.createTransport(
    {
      url,
      pool: true,
      maxConnections: 3,
      maxMessages: 500,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    },
    { from: FROM },
  );
  let bytes = 0;
  const started = performance.now();
  await inFlight(mails.values(), async (mail) => {
    bytes += mail.text.length + (mail.html?.length ?? 0);
    await transporter.sendMail({
      from: { name: mail.sender!.name, address: 'relances@acme.test' },
      replyTo: mail.sender!.replyTo,
      to: mail.to,
      messageId: mail.messageId!,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? undefined,
    });
  });
  const totalMs = performance.now() - started;
  transporter.close();
  return { mode: 'nodemailer', emails: count, templatesMs: 0, totalMs, bytes };
}

const result = mode === 'emails' ? await runApp() : await runPlain();
const peakRssMB = (process.resourceUsage().maxRSS * 1024) / MB;
process.stdout.write(`${JSON.stringify({ ...result, peakRssMB } satisfies EmailMeasure)}\n`);
