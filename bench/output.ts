/**
 * `npm run bench -- output [--only letters|emails] [--letters N] [--emails N] [--concurrency C] [--logo png|svg|none] [--skip-archive]`
 *
 * Issue 5 point 8, what customers receive, at the size of a large run:
 * - letters: 10,000 reminder letters (1 to 8 items, some up to 60; one in ten a formal notice; one
 *   in five in English; text from the default templates) rendered into one grouped PDF for duplex
 *   printing (each letter on an odd page): time (target ≤ 60 s), peak RSS of the process (target
 *   < 1 GB), and the ratio to pdfkit alone writing the same text on the same number of pages with
 *   no layout logic (`output-worker.ts`). Each measurement runs in a fresh process; the archive
 *   of one PDF per letter (DUN-14, what a send also writes) is timed for information.
 * - emails: 10,000 personalized reminder emails (notice, R1, R2 in turn; one in five in English)
 *   rendered by the real templates and handed to the app's SMTP transport (nodemailer, pooled
 *   connections), C in flight (default 50; the send service sends one at a time: `--concurrency
 *   1`), which delivers each to a real SMTP server (smtp-server)
 *   this process runs on 127.0.0.1 (`output-email-worker.ts`): time (target ≤ 60 s), messages per
 *   second, peak RSS of the sending process, and the ratio to nodemailer alone sending the same
 *   messages rendered beforehand. The server counts what it accepted and parses the first message
 *   (mailparser): both parts must be there. Recording each message in `mail_messages` is not
 *   part of this measure.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { EmailMeasure } from './output-email-worker';
import type { OutputMeasure } from './output-worker';

const LETTERS_TARGET_MS = 60_000;
const EMAILS_TARGET_MS = 60_000;
const RSS_LIMIT_MB = 1024;
const HALVES = ['letters', 'emails'] as const;
type Half = (typeof HALVES)[number];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const n = (value: number) => value.toLocaleString('en');

function runWorker(args: string[], script = 'output-worker.ts'): Promise<OutputMeasure> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--max-old-space-size=2048', '--import', 'tsx', join(import.meta.dirname, script), ...args],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the ${args[0]} worker exited with code ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!));
    });
  });
}

async function benchLetters(count: number, logo: string, withArchive: boolean): Promise<boolean> {
  console.log(
    `\nletters: ${n(count)} into one grouped PDF, logo ${logo} (load average ${loadavg()[0]!.toFixed(1)})`,
  );
  const dir = await mkdtemp(join(tmpdir(), 'encours-bench-output-'));
  try {
    const pagesFile = join(dir, 'pages.json');
    const app = await runWorker(['letters', String(count), logo, pagesFile]);
    const plain = await runWorker(['pdfkit', String(count), logo, pagesFile]);
    const archive = withArchive ? await runWorker(['archive', String(count), logo]) : null;
    const ratio = app.renderMs / plain.renderMs;
    const isTimeOk = app.templatesMs + app.renderMs <= LETTERS_TARGET_MS;
    const isRssOk = app.peakRssMB < RSS_LIMIT_MB;
    console.log(
      `  templates (Liquid)     ${seconds(app.templatesMs)}  (the letters' text, as the send renders it)`,
    );
    console.log(
      `  grouped PDF            ${seconds(app.renderMs)}  ${n(app.pages)} pages, ${(app.bytes / 1024 / 1024).toFixed(1)} MB, every letter on an odd page: ${app.isEveryStartOdd ? 'yes' : 'NO'}`,
    );
    console.log(
      `  total                  ${seconds(app.templatesMs + app.renderMs)}  target ≤ ${seconds(LETTERS_TARGET_MS)} ${isTimeOk ? 'OK' : 'MISSED'}`,
    );
    console.log(
      `  peak RSS               ${Math.round(app.peakRssMB)} MB  limit < ${RSS_LIMIT_MB} MB ${isRssOk ? 'OK' : 'MISSED'}`,
    );
    console.log(
      `  pdfkit alone           ${seconds(plain.renderMs)}  ${n(plain.pages)} pages, same text, no layout; peak RSS ${Math.round(plain.peakRssMB)} MB`,
    );
    console.log(`  ratio                  ${ratio.toFixed(2)}×  (grouped PDF / pdfkit alone)`);
    if (archive) {
      console.log(
        `  archive, one per letter ${seconds(archive.renderMs)}  ${n(archive.pages)} pages in ${n(count)} PDFs (DUN-14, for information); peak RSS ${Math.round(archive.peakRssMB)} MB`,
      );
    }
    console.log(`  load average after     ${loadavg()[0]!.toFixed(1)}`);
    console.log(
      '\n| letters | templates s | grouped PDF s | total s (≤ 60) | pages | peak RSS MB (< 1024) | pdfkit alone s | ratio | archive s |',
    );
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    console.log(
      `| ${n(count)} | ${(app.templatesMs / 1000).toFixed(1)} | ${(app.renderMs / 1000).toFixed(1)} | ${((app.templatesMs + app.renderMs) / 1000).toFixed(1)} ${isTimeOk ? 'OK' : 'MISSED'} | ${n(app.pages)} | ${Math.round(app.peakRssMB)} ${isRssOk ? 'OK' : 'MISSED'} | ${(plain.renderMs / 1000).toFixed(1)} | ${ratio.toFixed(2)}× | ${archive ? (archive.renderMs / 1000).toFixed(1) : '—'} |`,
    );
    return isTimeOk && isRssOk && app.isEveryStartOdd === true && plain.pages === app.pages;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A real SMTP server on 127.0.0.1 that accepts every message and counts it; keeps the first. */
async function startCountingServer() {
  const state = { accepted: 0, recipients: new Set<string>(), first: null as Buffer | null, bytes: 0 };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    // No reverse DNS of 127.0.0.1 per connection: it is the server's cost, not the sender's.
    disableReverseLookup: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      const keep = state.first === null;
      stream.on('data', (chunk: Buffer) => {
        state.bytes += chunk.length;
        if (keep) chunks.push(chunk);
      });
      stream.on('end', () => {
        state.accepted += 1;
        for (const r of session.envelope.rcptTo) state.recipients.add(r.address);
        if (keep) state.first = Buffer.concat(chunks);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    state,
    reset() {
      Object.assign(state, { accepted: 0, recipients: new Set<string>(), first: null, bytes: 0 });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function benchEmails(count: number, concurrency: number): Promise<boolean> {
  console.log(
    `\nemails: ${n(count)} to a local SMTP server, ${concurrency} in flight, pooled connections (load average ${loadavg()[0]!.toFixed(1)})`,
  );
  const server = await startCountingServer();
  try {
    const app = (await runWorker(
      ['emails', String(count), server.url, String(concurrency)],
      'output-email-worker.ts',
    )) as unknown as EmailMeasure;
    const received = { ...server.state };
    const first = received.first ? await simpleParser(received.first) : null;
    const hasBothParts = Boolean(
      first?.text && first.html && /^<?bench-\d+@encours\.test>?$/.test(first.messageId ?? ''),
    );
    server.reset();
    const plain = (await runWorker(
      ['nodemailer', String(count), server.url, String(concurrency)],
      'output-email-worker.ts',
    )) as unknown as EmailMeasure;
    const plainAccepted = server.state.accepted;
    const ratio = app.totalMs / plain.totalMs;
    const isTimeOk = app.totalMs <= EMAILS_TARGET_MS;
    const isAllThere =
      received.accepted === count && received.recipients.size === count && plainAccepted === count;
    const rate = (ms: number) => Math.round(count / (ms / 1000));
    console.log(`  templates (Liquid)     ${seconds(app.templatesMs)}  (within the total)`);
    console.log(
      `  rendered + delivered   ${seconds(app.totalMs)}  ${n(rate(app.totalMs))} messages/s, target ≤ ${seconds(EMAILS_TARGET_MS)} ${isTimeOk ? 'OK' : 'MISSED'}`,
    );
    console.log(
      `  server accepted        ${n(received.accepted)} messages to ${n(received.recipients.size)} recipients, ${(received.bytes / 1024 / 1024).toFixed(1)} MB; first one has text and HTML parts: ${hasBothParts ? 'yes' : 'NO'}`,
    );
    console.log(`  peak RSS               ${Math.round(app.peakRssMB)} MB (the sending process)`);
    console.log(
      `  nodemailer alone       ${seconds(plain.totalMs)}  ${n(rate(plain.totalMs))} messages/s, same messages rendered beforehand; peak RSS ${Math.round(plain.peakRssMB)} MB; accepted ${n(plainAccepted)}`,
    );
    console.log(`  ratio                  ${ratio.toFixed(2)}×  (app / nodemailer alone)`);
    console.log(`  load average after     ${loadavg()[0]!.toFixed(1)}`);
    console.log(
      '\n| emails | templates s | total s (≤ 60) | messages/s | peak RSS MB | nodemailer alone s | ratio |',
    );
    console.log('|---:|---:|---:|---:|---:|---:|---:|');
    console.log(
      `| ${n(count)} | ${(app.templatesMs / 1000).toFixed(1)} | ${(app.totalMs / 1000).toFixed(1)} ${isTimeOk ? 'OK' : 'MISSED'} | ${n(rate(app.totalMs))} | ${Math.round(app.peakRssMB)} | ${(plain.totalMs / 1000).toFixed(1)} | ${ratio.toFixed(2)}× |`,
    );
    return isTimeOk && isAllThere && hasBothParts;
  } finally {
    await server.close();
  }
}

/** Runs the scenario; resolves to the exit code (1 when a target was missed or a half is missing). */
export async function runOutputBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      letters: { type: 'string', default: '10000' },
      emails: { type: 'string', default: '10000' },
      concurrency: { type: 'string', default: '50' },
      logo: { type: 'string', default: 'png' },
      'skip-archive': { type: 'boolean', default: false },
    },
  });
  const halves: Half[] = values.only ? [values.only as Half] : [...HALVES];
  if (halves.some((h) => !HALVES.includes(h))) {
    console.error(`--only: one of ${HALVES.join(', ')}`);
    return 2;
  }
  if (!['png', 'svg', 'none'].includes(values.logo!)) {
    console.error('--logo: png, svg or none');
    return 2;
  }
  let ok = true;
  for (const half of halves) {
    if (half === 'letters') {
      ok = (await benchLetters(Number(values.letters), values.logo!, !values['skip-archive'])) && ok;
    } else {
      ok = (await benchEmails(Number(values.emails), Number(values.concurrency))) && ok;
    }
  }
  return ok ? 0 : 1;
}
