/**
 * The server side of the receivables bench, in a process of its own (forked by
 * `bench/receivables.ts`, which sends the requests): builds the organization in a fresh database,
 * times the plain SQL aggregation of the ledger, starts the real app on a free port, then answers
 * the driver's messages: `date-change` (time `refreshStaleSummaries` one day later) and `close`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { addDays, type CalendarDate } from '../src/domain/calendar';
import { buildApp } from '../src/server/app';
import type { AppDeps } from '../src/server/app-deps';
import { type Clock, loadConfig } from '../src/server/config';
import { type Database, openDatabase } from '../src/server/db/client';
import { migrateDatabase } from '../src/server/db/migrate';
import { createMailer } from '../src/server/mail/mailer';
import { refreshStaleSummaries } from '../src/server/modules/customers/customers.service';
import { ImportJobs } from '../src/server/modules/imports/import-jobs';
import { type BenchOrganization, buildBenchOrganization } from './receivables-data';

export type DriverMessage = { type: 'date-change' } | { type: 'close' };
export type WorkerMessage =
  | {
      type: 'ready';
      kind: Database['kind'];
      port: number;
      bench: BenchOrganization;
      buildMs: number;
      reference: { ledgerMs: number[]; openItemsMs: number[] };
      rssMB: number;
      databaseName: string | null;
    }
  | { type: 'date-change-done'; ms: number; newToday: CalendarDate }
  | { type: 'closed'; peakRssMB: number }
  | { type: 'failed'; message: string };

const [kind, today, entriesArg, customersArg, ...flags] = process.argv.slice(2) as [
  Database['kind'],
  CalendarDate,
  string,
  string,
  ...string[],
];
const keep = flags.includes('keep');
const analyze = !flags.includes('no-analyze');
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const STATEMENT_TIMEOUT_MS = 60_000;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);
const send = (message: WorkerMessage) => process.send!(message);

async function freshDatabase(): Promise<{
  database: Database;
  name: string | null;
  dir: string | null;
  cleanup: () => Promise<void>;
}> {
  if (kind === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'encours-bench-receivables-'));
    const database = await openDatabase({ dataDir: dir });
    return {
      database,
      name: null,
      dir,
      cleanup: async () => {
        await database.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `encours_bench_receivables_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // A request whose query runs for minutes is cut by the server instead of loading the machine
  // for the rest of the bench (its answer is then a 500, reported).
  url.searchParams.set('options', `-c statement_timeout=${STATEMENT_TIMEOUT_MS}`);
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    database,
    name,
    dir: null,
    cleanup: async () => {
      await database.close();
      if (keep) return;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/**
 * What "who owes what" costs without summaries, in milliseconds per run: the first page of
 * customers by overdue amount aggregated from the ledger itself (balance = debits − credits,
 * overdue = unlettered lines past their due date at the company's terms), and, for information,
 * from the open items.
 */
async function timeReference(database: Database, bench: BenchOrganization, runs = 5) {
  const { orgId, companyId } = bench;
  const ledger = sql`
    select c.id, c.account, c.name, l.balance, l.overdue, l.not_due
    from (
      select customer_account, sum(debit - credit) as balance,
        coalesce(sum(debit - credit) filter (where btrim(lettering_code) = ''
          and coalesce(source_due_date, document_date + 30) < ${today}::date), 0) as overdue,
        coalesce(sum(debit - credit) filter (where btrim(lettering_code) = ''
          and coalesce(source_due_date, document_date + 30) >= ${today}::date), 0) as not_due
      from entries
      where org_id = ${orgId} and company_id = ${companyId} and gone_at is null
      group by customer_account
    ) l
    join customers c on c.org_id = ${orgId} and c.company_id = ${companyId} and c.account = l.customer_account
    order by l.overdue desc, c.account limit 50`;
  const openItems = sql`
    select c.id, c.account, c.name, o.balance, o.overdue, o.not_due
    from (
      select customer_account, sum(amount) as balance,
        coalesce(sum(amount) filter (where due_date < ${today}::date), 0) as overdue,
        coalesce(sum(amount) filter (where due_date >= ${today}::date), 0) as not_due
      from open_items where org_id = ${orgId} and company_id = ${companyId}
      group by customer_account
    ) o
    join customers c on c.org_id = ${orgId} and c.company_id = ${companyId} and c.account = o.customer_account
    order by o.overdue desc, c.account limit 50`;
  const time = async (query: ReturnType<typeof sql>) => {
    const samples: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const started = performance.now();
      await database.db.execute(query);
      if (i > 0) samples.push(performance.now() - started); // the first run warms the cache
    }
    return samples;
  };
  return { ledgerMs: await time(ledger), openItemsMs: await time(openItems) };
}

/** The driver is gone (interrupted): drop what this run made, stopping its queries, and exit. */
function onDriverGone(name: string | null, dataDirs: string[]) {
  process.on('disconnect', async () => {
    if (name) {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      // Queries of requests still running would go on for as long as they take.
      await client.query(
        keep
          ? `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`
          : `drop database if exists ${name} with (force)`,
      );
      await client.end();
    }
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
    process.exit(1);
  });
}

async function main() {
  const { database, name, dir, cleanup } = await freshDatabase();
  const tempDirs = dir ? [dir] : [];
  onDriverGone(name, tempDirs);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let importJobs: ImportJobs | undefined;
  const finish = async () => {
    await app?.close();
    await importJobs?.idle();
    await cleanup();
  };
  try {
    await migrateDatabase(database);
    const started = performance.now();
    const bench = await buildBenchOrganization(database, {
      today,
      entries: Number(entriesArg),
      customers: Number(customersArg),
      analyze,
    });
    const buildMs = performance.now() - started;
    const reference = await timeReference(database, bench);

    let currentDay = today;
    const clock: Clock = {
      today: () => currentDay,
      now: () => new Date(`${currentDay}T10:00:00Z`),
    };
    const dataDir = await mkdtemp(join(tmpdir(), 'encours-bench-app-'));
    tempDirs.push(dataDir);
    const config = {
      ...loadConfig({ ENCOURS_DATA_DIR: dataDir }),
      uploadDir: join(dataDir, 'uploads'),
      demo: false,
    };
    importJobs = new ImportJobs(database, clock);
    // Object.assign: the mailer joins AppDeps in a change being made alongside this bench.
    const deps: AppDeps = Object.assign(
      { database, config, clock, importJobs },
      { mailer: createMailer(database, clock, config) },
    );
    app = await buildApp(deps);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    send({
      type: 'ready',
      kind,
      port,
      bench,
      buildMs,
      reference,
      rssMB: process.memoryUsage().rss / 1024 / 1024,
      databaseName: name,
    });

    process.on('message', async (message: DriverMessage) => {
      try {
        if (message.type === 'date-change') {
          currentDay = addDays(today, 1);
          const began = performance.now();
          await refreshStaleSummaries(database, bench.orgId, currentDay);
          send({ type: 'date-change-done', ms: performance.now() - began, newToday: currentDay });
        } else if (message.type === 'close') {
          await finish();
          await rm(dataDir, { recursive: true, force: true });
          clearInterval(sampler);
          send({ type: 'closed', peakRssMB: peakRss / 1024 / 1024 });
          process.disconnect();
        }
      } catch (error) {
        send({
          type: 'failed',
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
    });
  } catch (error) {
    send({
      type: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    await finish().catch(() => undefined);
    process.disconnect();
  }
}

void main();
