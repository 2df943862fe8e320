/**
 * `npm run bench -- dunning [--customers N] [--items-per-customer N] [--settled-per-customer N]
 *   [--paid-up-customers N] [--db pglite,postgres] [--runs N] [--keep]`
 *
 * Issue 4 point 8: builds one company of 100,000 customers and 1,000,000 open items (10 each) with
 * their dunning state (`dunning-data.ts`), then plans the nightly run (`runDunning`, dry run: what
 * `encours dunning run --dry-run` does) `--runs` times (default 3), each in a fresh process, and
 * prints the median against the target (≤ 10 s on PostgreSQL; on PGlite the figure only), the
 * largest peak RSS of a run (≤ 1 GB), the reminders, tasks and exclusions planned, and the time of
 * each step of one more run. `--paid-up-customers N` adds N customers with nothing open whose
 * last invoice, paid lately after an R1, waits for its thank-you (0 by default). `--keep` leaves the PostgreSQL database (`encours_bench_dunning_…`)
 * in place for EXPLAIN ANALYZE; it is dropped otherwise.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { BuildResult, MeasureResult } from './dunning-worker';

type Kind = 'pglite' | 'postgres';
const TODAY = '2024-04-30';
/** The nightly run at 03:00 in Paris; the last sync finished an hour earlier. */
const NOW = '2024-04-30T01:00:00.000Z';
const PLANNING_TARGET_MS: Partial<Record<Kind, number>> = { postgres: 10_000 };
const RSS_LIMIT_MB = 1024;
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Options {
  customers: number;
  itemsPerCustomer: number;
  settledPerCustomer: number;
  paidUpCustomers: number;
  runs: number;
  keep: boolean;
}

interface Outcome {
  kind: Kind;
  build?: BuildResult;
  measure?: MeasureResult;
  error?: string;
  databaseName?: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};
const n = (value: number) => value.toLocaleString('en');

let running: ReturnType<typeof spawn> | null = null;
let cleanupOnInterrupt: (() => Promise<void>) | null = null;
process.on('SIGINT', async () => {
  running?.kill('SIGKILL');
  await cleanupOnInterrupt?.().catch(() => undefined);
  process.exit(130);
});

/** Runs one half of the worker; resolves to the JSON of its last stdout line. */
function runWorker<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'dunning-worker.ts'), ...args],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    running = child;
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      running = null;
      if (code !== 0) return reject(new Error(`the ${args[0]} worker exited with code ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as T);
    });
  });
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database: its location for the workers, and how to remove it. */
async function freshDatabase(kind: Kind, keep: boolean) {
  if (kind === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'encours-bench-dunning-'));
    return { location: dir, name: undefined, remove: () => rm(dir, { recursive: true, force: true }) };
  }
  const name = `encours_bench_dunning_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    location: url.toString(),
    name,
    remove: async () => {
      if (!keep) await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

async function measureDatabase(kind: Kind, options: Options): Promise<Outcome> {
  const outcome: Outcome = { kind };
  console.log(`\n${kind}: building the company… (load average ${loadavg()[0]!.toFixed(1)})`);
  const database = await freshDatabase(kind, options.keep);
  outcome.databaseName = database.name;
  cleanupOnInterrupt = database.remove;
  try {
    const build = await runWorker<BuildResult>([
      'build',
      kind,
      database.location,
      TODAY,
      NOW,
      String(options.customers),
      String(options.itemsPerCustomer),
      String(options.settledPerCustomer),
      String(options.paidUpCustomers),
    ]);
    outcome.build = build;
    const { counts } = build.bench;
    console.log(
      `  data        ${n(counts.customers)} customers (${n(counts.customersWithEmail)} with an email, ${n(counts.contacts)} contacts), ${n(counts.openItems)} open items, ${n(counts.entries)} entries, ${n(counts.summaries)} summaries`,
    );
    console.log(
      `  state       item levels ${Object.entries(counts.itemDunning)
        .map(([level, count]) => `${level} ${n(count)}`)
        .join(
          ', ',
        )}; item STOP ${n(counts.itemStops)}, dispute ${n(counts.itemDisputes)}, in collection ${n(counts.inCollection)}`,
    );
    console.log(
      `              customers STOP ${n(counts.customerStops)}, dispute ${n(counts.customerDisputes)}, second profile ${n(counts.secondProfile)}; ${n(counts.promises)} promises; ${n(counts.automaticPayment)} open items paid by an automatic method`,
    );
    console.log(
      `  built in    ${seconds(build.buildMs)} (${Object.entries(build.bench.timings)
        .map(([step, ms]) => `${step} ${seconds(ms)}`)
        .join(', ')})`,
    );
    if (database.name) console.log(`  database    ${database.name}${options.keep ? ' (kept)' : ''}`);
    console.log(`  planning the nightly run (dry run), ${options.runs} runs, each in a fresh process…`);
    const processes: MeasureResult[] = [];
    for (let run = 1; run <= Math.max(1, options.runs); run++) {
      processes.push(
        await runWorker<MeasureResult>([
          'measure',
          kind,
          database.location,
          build.bench.orgId,
          build.bench.companyCode,
          TODAY,
          NOW,
          '1',
          // The last process then times each step of one more run.
          run === Math.max(1, options.runs) ? 'steps' : 'nosteps',
        ]),
      );
    }
    const last = processes.at(-1)!;
    const m: MeasureResult = {
      ...last,
      runsMs: processes.flatMap((p) => p.runsMs),
      runsPeakRssMB: processes.flatMap((p) => p.runsPeakRssMB),
      load: { before: processes[0]!.load.before, after: last.load.after },
    };
    outcome.measure = m;
    const target = PLANNING_TARGET_MS[kind];
    console.log(
      `  planning    median ${seconds(median(m.runsMs))} (runs ${m.runsMs.map(seconds).join(', ')}), target ${target ? `≤ ${seconds(target)}` : 'none (figure only)'}`,
    );
    console.log(
      `  planned     ${n(m.reminders)} reminders (${Object.entries(m.remindersBy)
        .map(([k, v]) => `${k} ${n(v)}`)
        .join(', ')}), ${n(m.tasks)} tasks, exclusions ${Object.entries(m.exclusions)
        .map(([k, v]) => `${k} ${n(v ?? 0)}`)
        .join(', ')}; data fresh: ${m.isFresh}`,
    );
    console.log(
      `  read        ${n(m.rows.customers)} customers, ${n(m.rows.items)} items (open + settled in the thank-you window)`,
    );
    console.log(
      `  memory      peak RSS of a run ${Math.round(peakOfRuns(m))} MB (each run: ${m.runsPeakRssMB.map((v) => Math.round(v)).join(', ')} MB; ${Math.round(m.openRssMB)} MB once the database is open; largest heap at a batch ${Math.round(m.heapAfterLoadMB)} MB; ${Math.round(m.peakRssMB)} MB for the process that also timed the steps), limit ${RSS_LIMIT_MB} MB`,
    );
    console.log('  one more run, step by step:');
    for (const [step, ms] of Object.entries(m.steps)) console.log(`    ${step.padEnd(40)} ${seconds(ms)}`);
    console.log(
      `  load        ${m.load.before.toFixed(1)} before, ${m.load.after.toFixed(1)} after (1-minute average)`,
    );
  } catch (error) {
    outcome.error = error instanceof Error ? error.message : String(error);
    console.log(`  ${kind}: the bench failed: ${outcome.error}`);
  } finally {
    await database.remove();
    cleanupOnInterrupt = null;
  }
  return outcome;
}

/** The largest peak of a run, each in a process of its own: what `encours dunning run` needs. */
const peakOfRuns = (m: MeasureResult) => Math.max(...m.runsPeakRssMB);

const isOk = (o: Outcome) => {
  if (!o.measure) return false;
  const target = PLANNING_TARGET_MS[o.kind];
  return (
    o.measure.isFresh &&
    (target === undefined || median(o.measure.runsMs) <= target) &&
    peakOfRuns(o.measure) <= RSS_LIMIT_MB
  );
};

function printSummary(outcomes: Outcome[], options: Options) {
  console.log(
    `\nPlanning the nightly run: ${n(options.customers)} customers${options.paidUpCustomers ? ` (+ ${n(options.paidUpCustomers)} paid up)` : ''}, ${n(options.customers * options.itemsPerCustomer)} open items, today ${TODAY}, median of ${options.runs} runs\n`,
  );
  console.log(
    '| db | planning median s (runs) | target | ratio to target | peak RSS of a run MB (≤ 1024) | reminders planned | tasks | load |',
  );
  console.log('|---|---:|---|---:|---:|---:|---:|---:|');
  for (const o of outcomes) {
    if (!o.measure) {
      console.log(`| ${o.kind} | failed: ${o.error ?? '?'} | | | | | | |`);
      continue;
    }
    const m = o.measure;
    const planning = median(m.runsMs);
    const target = PLANNING_TARGET_MS[o.kind];
    const rss = Math.round(peakOfRuns(m));
    console.log(
      `| ${o.kind} | ${(planning / 1000).toFixed(2)} (${m.runsMs.map((v) => (v / 1000).toFixed(2)).join(', ')}) | ${target ? `≤ ${target / 1000} s` : 'figure only'} | ${target ? `${(planning / target).toFixed(2)}× ${planning <= target ? 'OK' : 'MISSED'}` : '—'} | ${rss} ${rss <= RSS_LIMIT_MB ? 'OK' : 'MISSED'} | ${n(m.reminders)} | ${n(m.tasks)} | ${m.load.before.toFixed(1)}–${m.load.after.toFixed(1)} |`,
    );
  }
}

/** Runs the scenario; resolves to the exit code (1 when a target was missed or a run failed). */
export async function runDunningBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      customers: { type: 'string', default: '100000' },
      'items-per-customer': { type: 'string', default: '10' },
      'settled-per-customer': { type: 'string', default: '1' },
      'paid-up-customers': { type: 'string', default: '0' },
      db: { type: 'string', default: 'pglite,postgres' },
      runs: { type: 'string', default: '3' },
      keep: { type: 'boolean', default: false },
    },
  });
  const options: Options = {
    customers: Number(values.customers),
    itemsPerCustomer: Number(values['items-per-customer']),
    settledPerCustomer: Number(values['settled-per-customer']),
    paidUpCustomers: Number(values['paid-up-customers']),
    runs: Number(values.runs),
    keep: values.keep!,
  };
  for (const [name, value] of Object.entries(options))
    if (typeof value === 'number' && !(Number.isInteger(value) && value >= 0))
      throw new Error(`--${name} must be a whole number`);
  console.log(
    `Dunning bench: ${n(options.customers)} customers × ${options.itemsPerCustomer} open items, ${options.settledPerCustomer} settled invoice(s) each${options.paidUpCustomers ? `, ${n(options.paidUpCustomers)} paid-up customers` : ''}, today ${TODAY}, now ${NOW}`,
  );
  const outcomes: Outcome[] = [];
  for (const kind of values.db!.split(',') as Kind[]) {
    if (kind !== 'pglite' && kind !== 'postgres') throw new Error(`unknown database ${kind}`);
    outcomes.push(await measureDatabase(kind, options));
  }
  printSummary(outcomes, options);
  return outcomes.every(isOk) ? 0 : 1;
}
