/**
 * `npm run bench -- import [--lines N] [--customers N] [--db pglite,postgres]`
 *
 * Generates a realistic FEC (default 1,000,000 lines, ~50,000 customers), imports it into a fresh
 * database on PGlite and on PostgreSQL, and prints time, lines per second, peak memory and the
 * ratio to a raw COPY of the same rows into a bare table of the same database.
 * Targets (issue #2): ≤ 2× raw COPY on PostgreSQL, ≤ 3× on PGlite, peak RSS < 1.5 GB.
 *
 * `npm run bench -- receivables …`: the pages that read the receivables, see `receivables.ts`.
 *
 * `npm run bench -- dunning [--customers N] [--items-per-customer N] [--db pglite,postgres] [--keep]`:
 * planning the nightly dunning run on 100,000 customers and 1,000,000 open items (issue 4 point 8:
 * ≤ 10 s on PostgreSQL, the figure on PGlite, ≤ 1 GB peak memory), see `dunning.ts`.
 *
 * `npm run bench -- output [--only letters|emails] [--letters N] [--logo png|svg|none]`: 10,000
 * letters into one grouped PDF (issue 5 point 8: ≤ 60 s, < 1 GB, ratio to pdfkit alone), see
 * `output.ts`; the email half is to come.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { writeFec } from '../src/server/demo/ledger-generator';

if (process.argv[2] === 'receivables') {
  const { runReceivablesBench } = await import('./receivables');
  process.exit(await runReceivablesBench(process.argv.slice(3)));
}
if (process.argv[2] === 'output') {
  const { runOutputBench } = await import('./output');
  process.exit(await runOutputBench(process.argv.slice(3)));
}
if (process.argv[2] === 'dunning') {
  const { runDunningBench } = await import('./dunning');
  process.exit(await runDunningBench(process.argv.slice(3)));
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    lines: { type: 'string', default: '1000000' },
    customers: { type: 'string', default: '50000' },
    db: { type: 'string', default: 'pglite,postgres' },
  },
});
const scenario = positionals[0] ?? 'import';
if (scenario !== 'import') {
  console.error(`unknown scenario ${scenario}; available: import, receivables, dunning, output`);
  process.exit(2);
}
const lines = Number(values.lines);
const customers = Number(values.customers);
const outDir = join(import.meta.dirname, 'out');
mkdirSync(outDir, { recursive: true });

const fecPath = join(outDir, `fec-${lines}-${customers}.txt`);
const allTsv = `${fecPath}.all.tsv`;
const receivableTsv = `${fecPath}.receivable.tsv`;

/** FEC field → COPY text field, for the bare table: dates ISO, amounts in cents, blanks null. */
function copyValue(field: string, kind: 'text' | 'date' | 'amount'): string {
  const value = field.trim();
  if (value === '') return kind === 'text' ? '' : '\\N';
  if (kind === 'date') return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  if (kind === 'amount') {
    const [units, decimals = ''] = value.split(',');
    const negative = units!.startsWith('-');
    const cents = BigInt(units!.replace('-', '')) * 100n + BigInt(decimals.padEnd(2, '0'));
    return String(negative ? -cents : cents);
  }
  return value;
}

const KINDS: ('text' | 'date' | 'amount')[] = [
  'text',
  'text',
  'text',
  'date',
  'text',
  'text',
  'text',
  'text',
  'text',
  'date',
  'text',
  'amount',
  'amount',
  'text',
  'date',
  'date',
  'amount',
  'text',
];

async function prepareCopyFiles(): Promise<void> {
  const all = createWriteStream(allTsv);
  const receivable = createWriteStream(receivableTsv);
  let first = true;
  for await (const line of createInterface({
    input: createReadStream(fecPath, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    if (first) {
      first = false;
      continue;
    }
    const fields = line.split('\t');
    const row = `${KINDS.map((kind, i) => copyValue(fields[i] ?? '', kind)).join('\t')}\n`;
    if (!all.write(row)) await new Promise<void>((r) => all.once('drain', () => r()));
    if (fields[4]!.startsWith('411') || fields[4]!.startsWith('416')) {
      if (!receivable.write(row)) await new Promise<void>((r) => receivable.once('drain', () => r()));
    }
  }
  await Promise.all([new Promise<void>((r) => all.end(r)), new Promise<void>((r) => receivable.end(r))]);
}

if (!existsSync(fecPath)) {
  console.log(
    `Generating ${fecPath} (${lines.toLocaleString('en')} lines, ${customers.toLocaleString('en')} customers)…`,
  );
  const started = performance.now();
  await writeFec(fecPath, {
    seed: 2,
    customers,
    startDate: '2024-11-20',
    endDate: '2026-11-20',
    targetLines: lines,
  });
  console.log(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
if (!existsSync(receivableTsv)) await prepareCopyFiles();

const TARGETS = { pglite: 3, postgres: 2 } as const;
const RSS_LIMIT_MB = 1536;
let missed = false;

for (const kind of values.db!.split(',') as ('pglite' | 'postgres')[]) {
  console.log(`\n${kind}: importing…`);
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'import-worker.ts'), kind, fecPath, allTsv, receivableTsv],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (child.status !== 0) {
    console.error(`${kind}: the measurement failed`);
    missed = true;
    continue;
  }
  const m = JSON.parse(child.stdout.trim().split('\n').at(-1)!);
  const ratioAll = m.importMs / m.copyAllMs;
  const ratioReceivable = m.importMs / m.copyReceivableMs;
  const ok = ratioAll <= TARGETS[kind] && m.importPeakRssMB < RSS_LIMIT_MB;
  missed ||= !ok;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `  lines read            ${m.report.lines.toLocaleString('en')} (${m.report.entries.toLocaleString('en')} customer entries, ${m.report.customers.toLocaleString('en')} customers, ${m.report.openItems.toLocaleString('en')} open items)`,
  );
  console.log(
    `  import                ${s(m.importMs)}  ${Math.round(m.report.lines / (m.importMs / 1000)).toLocaleString('en')} lines/s`,
  );
  const starts = m.phases as Record<string, number>;
  const span = (from: string, to: string) => s((starts[to] ?? m.importMs) - (starts[from] ?? 0));
  console.log(
    `    of which reading ${span('start', 'writing')}, writing ${span('writing', 'computing')}, computing ${span('computing', 'done')}`,
  );
  console.log(`  peak RSS              ${Math.round(m.importPeakRssMB)} MB (limit ${RSS_LIMIT_MB} MB)`);
  console.log(
    `  same file again       ${s(m.reimportMs)}  (${m.reimport.inserted} inserted, ${m.reimport.updated} updated, ${m.reimport.gone} gone; for information)`,
  );
  console.log(
    `  raw COPY, all rows    ${s(m.copyAllMs)}  → import / COPY = ${ratioAll.toFixed(2)}× (target ≤ ${TARGETS[kind]}×) ${ok ? 'OK' : 'MISSED'}`,
  );
  console.log(
    `  raw COPY, 411 rows    ${s(m.copyReceivableMs)}  → import / COPY = ${ratioReceivable.toFixed(2)}× (for information)`,
  );
}
process.exit(missed ? 1 : 0);
