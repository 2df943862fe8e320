/**
 * The two halves of the dunning bench, each in a process of its own (spawned by
 * `bench/dunning.ts`), so that the measuring process's peak memory is the planning's alone:
 *
 * - `build <kind> <location> <today> <now> <customers> <items per customer> <settled per customer>
 *   <paid-up customers>` migrates the empty database at `location` (a PostgreSQL URL, or a PGlite folder) and builds the
 *   organization (`dunning-data.ts`);
 * - `measure <kind> <location> <orgId> <company code> <today> <now> <runs> [steps]` opens it afresh,
 *   plans the nightly run `runs` times as `encours dunning run --dry-run` does (`runDunning`,
 *   `dryRun`), then, with `steps`, once more step by step to show where the time goes. The bench
 *   spawns one process per run, so that the kernel's peak of a run is that of `encours dunning run`.
 *
 * Each prints one JSON line on stdout, its last.
 */
import { loadavg } from 'node:os';
import type { CalendarDate } from '../src/domain/calendar';
import { centsToDecimal } from '../src/domain/money';
import type { Clock } from '../src/server/config';
import { type Database, openDatabase } from '../src/server/db/client';
import { migrateDatabase } from '../src/server/db/migrate';
import { createMailer } from '../src/server/mail/mailer';
import { getCompanyByCodeOrThrow } from '../src/server/modules/companies/companies.queries';
import {
  findAllDunningCustomers,
  findItemPromises,
  findLastSuccessfulSync,
  findSettledItems,
  loadDunningSettings,
  loadProfiles,
  streamOpenItems,
} from '../src/server/modules/dunning/dunning.queries';
import { planCompanyInBatches, reminderRowKey } from '../src/server/modules/dunning/dunning-plan.service';
import { type DunningRunReport, runDunning } from '../src/server/modules/dunning/dunning-run.service';
import { buildDunningOrganization, type DunningBenchOrganization } from './dunning-data';

export interface BuildResult {
  bench: DunningBenchOrganization;
  buildMs: number;
  peakRssMB: number;
}

export interface MeasureResult {
  /** Milliseconds of each dry run of `runDunning`. */
  runsMs: number[];
  /** The kernel's peak resident set of the process at the end of each run (MB): the run's own for the first. */
  runsPeakRssMB: number[];
  reminders: number;
  /** Planned reminders by kind and channel, e.g. `reminder/email`. */
  remindersBy: Record<string, number>;
  tasks: number;
  exclusions: Partial<Record<string, number>>;
  isFresh: boolean;
  /** The steps of one more run, timed one by one (milliseconds). */
  steps: Record<string, number>;
  rows: { customers: number; items: number };
  /** The kernel's peak resident set of this process (ru_maxrss), and what sampling every 50 ms saw. */
  peakRssMB: number;
  sampledPeakRssMB: number;
  /** Resident set and heap once the database is open, before the first run. */
  openRssMB: number;
  /** The largest heap seen when a batch of the step-by-step run is handed over (MB). */
  heapAfterLoadMB: number;
  load: { before: number; after: number };
}

const MB = 1024 * 1024;
const [mode, kind, location, ...rest] = process.argv.slice(2) as [
  'build' | 'measure',
  Database['kind'],
  string,
  ...string[],
];

let sampledPeak = process.memoryUsage().rss;
/** The peak of the current run alone, sampled: V8 grows its heap over the runs, so the first tells most. */
let runPeak = 0;
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss;
  sampledPeak = Math.max(sampledPeak, rss);
  runPeak = Math.max(runPeak, rss);
}, 50);
const kernelPeakMB = () => (process.resourceUsage().maxRSS * 1024) / MB;

const open = () => openDatabase(kind === 'pglite' ? { dataDir: location } : { databaseUrl: location });

async function build(): Promise<BuildResult> {
  const [today, now, customers, perCustomer, settled, paidUp] = rest as [
    CalendarDate,
    string,
    string,
    string,
    string,
    string,
  ];
  const database = await open();
  try {
    await migrateDatabase(database);
    const started = performance.now();
    const bench = await buildDunningOrganization(database, {
      today,
      now,
      customers: Number(customers),
      itemsPerCustomer: Number(perCustomer),
      settledPerCustomer: Number(settled),
      paidUpCustomers: Number(paidUp),
    });
    return { bench, buildMs: performance.now() - started, peakRssMB: kernelPeakMB() };
  } finally {
    await database.close();
  }
}

async function measure(): Promise<MeasureResult> {
  const [orgId, companyCode, today, nowText, runsText, withSteps] = rest as [
    string,
    string,
    CalendarDate,
    string,
    string,
    string | undefined,
  ];
  const now = new Date(nowText);
  const clock: Clock = { today: () => today, now: () => now };
  const loadBefore = loadavg()[0]!;
  const database = await open();
  try {
    const mailer = createMailer(database, clock, { smtp: null });
    const openRssMB = process.memoryUsage().rss / MB;
    const runsMs: number[] = [];
    const runsPeakRssMB: number[] = [];
    let report: DunningRunReport | undefined;
    for (let i = 0; i < Number(runsText); i++) {
      runPeak = process.memoryUsage().rss;
      const started = performance.now();
      report = await runDunning({ database, mailer }, { orgId, companyCode, today, now, dryRun: true });
      runsMs.push(performance.now() - started);
      runsPeakRssMB.push(kernelPeakMB());
      console.error(
        `    run: ${(runsMs.at(-1)! / 1000).toFixed(2)} s, ${report.reminders.length} reminders, peak RSS ${Math.round(runsPeakRssMB.at(-1)!)} MB (sampled every 50 ms: ${Math.round(Math.max(runPeak, process.memoryUsage().rss) / MB)} MB)`,
      );
    }
    const remindersBy: Record<string, number> = {};
    for (const r of report!.reminders) {
      const key = `${r.kind}/${r.channel}`;
      remindersBy[key] = (remindersBy[key] ?? 0) + 1;
    }
    const { steps, rows, heapAfterLoadMB } =
      withSteps === 'steps'
        ? await timeSteps(database, orgId, companyCode, today, now)
        : { steps: {}, rows: { customers: 0, items: 0 }, heapAfterLoadMB: 0 };
    return {
      runsMs,
      runsPeakRssMB,
      reminders: report!.reminders.length,
      remindersBy,
      tasks: report!.tasks,
      exclusions: report!.exclusions,
      isFresh: report!.freshness.isFresh,
      steps,
      rows,
      peakRssMB: kernelPeakMB(),
      sampledPeakRssMB: Math.max(sampledPeak, process.memoryUsage().rss) / MB,
      openRssMB,
      heapAfterLoadMB,
      load: { before: loadBefore, after: loadavg()[0]! },
    };
  } finally {
    await database.close();
  }
}

/**
 * One more dry run, step by step as `runDunning` and `planCompanyInBatches` take them, each timed: what
 * the database answers, what the planner does, what the report costs.
 */
async function timeSteps(
  database: Database,
  orgId: string,
  companyCode: string,
  today: CalendarDate,
  now: Date,
) {
  const db = database.db;
  const steps: Record<string, number> = {};
  const timed = async <T>(step: string, fn: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const result = await fn();
    steps[step] = performance.now() - started;
    return result;
  };
  const company = await timed('company, profiles, settings, last sync', async () => {
    const row = await getCompanyByCodeOrThrow(db, orgId, companyCode);
    await loadProfiles(db, orgId);
    await loadDunningSettings(db, orgId, row.id);
    await findLastSuccessfulSync(db, orgId, row.id);
    return row;
  });
  const profiles = await loadProfiles(db, orgId);
  const customers = await timed('findAllDunningCustomers (SQL + rows)', () =>
    findAllDunningCustomers(db, orgId, company.id, profiles.defaultId),
  );
  const settled = await timed('findSettledItems, findItemPromises', async () => {
    const byCustomer = await findSettledItems(db, orgId, company.id, today);
    await findItemPromises(db, orgId, company.id);
    return byCustomer;
  });
  const openItems = await timed('streamOpenItems alone (cursor)', () =>
    database.transaction(async (tx) => {
      let count = 0;
      for await (const groups of streamOpenItems(tx.db, orgId, company.id))
        for (const rows of groups) count += rows.length;
      return count;
    }),
  );
  const rows = { customers: customers.length, items: openItems + [...settled.values()].flat().length };
  let heapAfterLoadMB = 0;
  steps['onBatch: resolve, report'] = 0;
  await timed('planCompanyInBatches (reads, unpack, plan, onBatch)', () =>
    planCompanyInBatches(database, orgId, company, today, now, ({ plan, customers, items }) => {
      const started = performance.now();
      heapAfterLoadMB = Math.max(heapAfterLoadMB, process.memoryUsage().heapUsed / MB);
      plan.toSendAutomatically.map((reminder) => {
        const customer = customers.get(reminder.customerKey)!;
        const members = reminder.itemKeys.map((k) => items.get(k)!);
        reminderRowKey(reminder.key);
        return {
          customer: customer.key,
          name: customer.name,
          items: members.map((i) => i.pieceRef),
          total: centsToDecimal(reminder.total),
        };
      });
      steps['onBatch: resolve, report']! += performance.now() - started;
    }),
  );
  return { steps, rows, heapAfterLoadMB };
}

try {
  const result = mode === 'build' ? await build() : await measure();
  clearInterval(sampler);
  console.log(JSON.stringify(result));
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
}
