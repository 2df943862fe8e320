/**
 * `npm run bench -- output [--only letters|emails] [--letters N] [--logo png|svg|none] [--skip-archive]`
 *
 * Issue 5 point 8, what customers receive, at the size of a large run:
 * - letters: 10,000 reminder letters (1 to 8 items, some up to 60; one in ten a formal notice; one
 *   in five in English; text from the default templates) rendered into one grouped PDF for duplex
 *   printing (each letter on an odd page): time (target ≤ 60 s), peak RSS of the process (target
 *   < 1 GB), and the ratio to pdfkit alone writing the same text on the same number of pages with
 *   no layout logic (`output-worker.ts`). Each measurement runs in a fresh process; the archive
 *   of one PDF per letter (DUN-14, what a send also writes) is timed for information.
 * - emails: 10,000 personalized emails to a local SMTP server — the other half of point 8, not
 *   written yet: `--only emails` says so.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { OutputMeasure } from './output-worker';

const LETTERS_TARGET_MS = 60_000;
const RSS_LIMIT_MB = 1024;
const HALVES = ['letters', 'emails'] as const;
type Half = (typeof HALVES)[number];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const n = (value: number) => value.toLocaleString('en');

function runWorker(args: string[]): Promise<OutputMeasure> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--max-old-space-size=2048',
        '--import',
        'tsx',
        join(import.meta.dirname, 'output-worker.ts'),
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the ${args[0]} worker exited with code ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as OutputMeasure);
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

/** Runs the scenario; resolves to the exit code (1 when a target was missed or a half is missing). */
export async function runOutputBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      letters: { type: 'string', default: '10000' },
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
      console.log(
        '\nemails: not measured yet (issue 5 point 8, the email half comes with the SMTP delivery)',
      );
      if (values.only === 'emails') ok = false;
    }
  }
  return ok ? 0 : 1;
}
