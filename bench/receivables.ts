/**
 * `npm run bench -- receivables [--entries N] [--customers N] [--db pglite,postgres] [--requests N]
 *   [--max-seconds N] [--keep] [--no-analyze]`
 *
 * Builds an organization with 1,000,000 customer-ledger entries and 100,000 customers (SQL, then
 * the app's own refresh), starts the real app, and measures over HTTP with 8 keep-alive
 * connections the pages that read the receivables: p50/p95/p99/max and requests per second.
 * Prints each page's p95 against its target (issue #3: ≤ 50 ms on PostgreSQL, ≤ 150 ms on PGlite)
 * and its ratio to the plain SQL aggregation of the ledger that the summaries replace, then the
 * time to refresh every summary when the date changes (target ≤ 5 s on PostgreSQL).
 * A page stops after `--max-seconds` (default 60) of measuring, with what it got. `--keep` leaves the PostgreSQL database in place, for EXPLAIN ANALYZE. `--no-analyze` builds as
 * the app would, without the ANALYZE the bench runs after loading (the app never runs one).
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SESSION_COOKIE } from '../src/contracts/auth';
import { get, type LoadResult, measure } from './http-load';
import { ADMIN_EMAIL, BENCH_PASSWORD, PORTFOLIO_EMAIL, SEARCH_TERM } from './receivables-data';
import type { DriverMessage, WorkerMessage } from './receivables-worker';

type Kind = 'pglite' | 'postgres';
const PAGE_TARGET_MS: Record<Kind, number> = { postgres: 50, pglite: 150 };
const DATE_CHANGE_TARGET_MS: Partial<Record<Kind, number>> = { postgres: 5_000 };
const TODAY = '2024-04-30';

interface Page {
  name: string;
  path: string;
  user: 'admin' | 'portfolio';
}

interface PageOutcome {
  page: Page;
  /** Null when the route does not exist (yet). */
  result: LoadResult | null;
  note?: string;
}

interface DatabaseOutcome {
  kind: Kind;
  ok: boolean;
  lines: string[];
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** Waits for the next message of the worker that satisfies `accept`; a `failed` one rejects. */
function nextMessage<T extends WorkerMessage['type']>(
  child: ReturnType<typeof fork>,
  type: T,
): Promise<Extract<WorkerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: WorkerMessage) => {
      if (message.type === type) {
        cleanup();
        resolve(message as Extract<WorkerMessage, { type: T }>);
      } else if (message.type === 'failed') {
        cleanup();
        reject(new Error(message.message));
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`the bench worker exited (code ${code}) before '${type}'`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

async function signIn(base: URL, email: string): Promise<string> {
  const response = await fetch(new URL('/api/auth/sign-in', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${email} failed: ${response.status}`);
  const token = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
  if (!token) throw new Error(`sign-in of ${email} set no session cookie`);
  return token;
}

/** A route that is not registered answers 404 with Fastify's or the app's "no route" message. */
function isMissingRoute(status: number, body: Buffer): boolean {
  if (status !== 404) return false;
  const text = body.toString('utf8');
  return /no route|Route GET:.* not found/.test(text);
}

async function measureDatabase(
  kind: Kind,
  options: {
    entries: number;
    customers: number;
    requests: number;
    maxSeconds: number;
    keep: boolean;
    analyze: boolean;
  },
): Promise<DatabaseOutcome> {
  const lines: string[] = [];
  const log = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  console.log(`\n${kind}: building the organization…`);
  const child = fork(
    join(import.meta.dirname, 'receivables-worker.ts'),
    [
      kind,
      TODAY,
      String(options.entries),
      String(options.customers),
      ...(options.keep ? ['keep'] : []),
      ...(options.analyze ? [] : ['no-analyze']),
    ],
    { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const tell = (message: DriverMessage) => child.send(message);
  let ok = true;
  try {
    const ready = await nextMessage(child, 'ready');
    const { bench } = ready;
    const target = PAGE_TARGET_MS[kind];
    log(
      `  data                  ${bench.counts.customers.toLocaleString('en')} customers, ${bench.counts.entries.toLocaleString('en')} entries, ${bench.counts.openItems.toLocaleString('en')} open items, ${bench.counts.summaries.toLocaleString('en')} summaries`,
    );
    log(`  built in              ${seconds(ready.buildMs)} (RSS after build ${Math.round(ready.rssMB)} MB)`);
    for (const [step, value] of Object.entries(bench.timings))
      log(`    ${step.padEnd(38)} ${seconds(value)}`);
    if (ready.databaseName)
      log(`  database              ${ready.databaseName}${options.keep ? ' (kept)' : ''}`);
    const referenceMs = median(ready.reference.ledgerMs);
    log(
      `  reference: ledger aggregation, top 50 by overdue   median ${ms(referenceMs)} (runs: ${ready.reference.ledgerMs.map((v) => v.toFixed(0)).join(', ')} ms)`,
    );
    log(
      `  for information: open-items aggregation, top 50  median ${ms(median(ready.reference.openItemsMs))}`,
    );

    const base = new URL(`http://127.0.0.1:${ready.port}`);
    const cookies = {
      admin: await signIn(base, ADMIN_EMAIL),
      portfolio: await signIn(base, PORTFOLIO_EMAIL),
    };
    const id = bench.recordCustomerId;
    const search = encodeURIComponent(SEARCH_TERM);
    const pages: Page[] = [
      { name: 'dashboard', path: '/api/dashboard', user: 'admin' },
      {
        name: 'who owes what, by overdue',
        path: '/api/customers?sort=overdue&direction=desc',
        user: 'admin',
      },
      {
        name: `… filter overdue + search "${SEARCH_TERM}"`,
        path: `/api/customers?sort=overdue&direction=desc&filter=overdue&search=${search}`,
        user: 'admin',
      },
      {
        name: `customer record (${bench.recordEntries} entries)`,
        path: `/api/customers/${id}`,
        user: 'admin',
      },
      {
        name: 'record: entries, pageSize=200',
        path: `/api/customers/${id}/entries?pageSize=200`,
        user: 'admin',
      },
      {
        name: 'account situation export xlsx',
        path: `/api/customers/${id}/entries/export?format=xlsx`,
        user: 'admin',
      },
      { name: 'due dates, page 1', path: '/api/due-dates', user: 'admin' },
      { name: 'portfolio: dashboard', path: '/api/dashboard', user: 'portfolio' },
      {
        name: 'portfolio: who owes what',
        path: '/api/customers?sort=overdue&direction=desc',
        user: 'portfolio',
      },
    ];
    log(
      `  search "${SEARCH_TERM}" matches ${bench.searchMatches} customers; portfolio (${bench.portfolioSalesRep}) has ${bench.portfolioCustomers}`,
    );
    log(
      `\n  ${'page'.padEnd(38)} ${'req'.padStart(5)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)} ${'req/s'.padStart(7)}  ${'p95/ref'.padStart(7)}  target ${target} ms`,
    );
    const outcomes: PageOutcome[] = [];
    for (const page of pages) {
      const headers = { cookie: cookies[page.user], 'accept-encoding': 'identity' };
      const probeAgent = new http.Agent();
      const probe = await get(probeAgent, base, page.path, headers);
      probeAgent.destroy();
      if (isMissingRoute(probe.status, probe.body)) {
        outcomes.push({ page, result: null, note: 'route not there (yet): not measured' });
        log(`  ${page.name.padEnd(38)} — route not there (yet): not measured`);
        continue;
      }
      if (probe.status !== 200) {
        ok = false;
        log(
          `  ${page.name.padEnd(38)} FAILED: first answer ${probe.status} ${probe.body.toString('utf8').slice(0, 300)}`,
        );
        continue;
      }
      const result = await measure({
        base,
        path: page.path,
        headers,
        requests: options.requests,
        maxSeconds: options.maxSeconds,
      });
      outcomes.push({ page, result });
      const failures = Object.entries(result.statuses).filter(([status]) => status !== '200');
      const met = result.p95 <= target && failures.length === 0;
      ok &&= met;
      log(
        `  ${page.name.padEnd(38)} ${String(result.requests).padStart(5)} ${ms(result.p50).padStart(8)} ${ms(result.p95).padStart(8)} ${ms(result.p99).padStart(8)} ${ms(result.max).padStart(8)} ${result.requestsPerSecond.toFixed(0).padStart(7)}  ${(result.p95 / referenceMs).toFixed(2).padStart(6)}×  ${met ? 'OK' : 'MISSED'}${failures.length > 0 ? `  !!! NON-200 ANSWERS: ${failures.map(([s, n]) => `${n}× ${s}`).join(', ')}` : ''}  (${(result.lastBodyBytes / 1024).toFixed(1)} KB)${result.isCut ? `  [cut after ${options.maxSeconds} s]` : ''}`,
      );
    }

    tell({ type: 'date-change' });
    const dateChange = await nextMessage(child, 'date-change-done');
    const dateTarget = DATE_CHANGE_TARGET_MS[kind];
    const dateMet = dateTarget === undefined || dateChange.ms <= dateTarget;
    ok &&= dateMet;
    log(
      `\n  date change to ${dateChange.newToday}: refreshStaleSummaries ${seconds(dateChange.ms)}${dateTarget ? ` (target ≤ ${seconds(dateTarget)}) ${dateMet ? 'OK' : 'MISSED'}` : ' (no target on PGlite)'}`,
    );
    tell({ type: 'close' });
    const closed = await nextMessage(child, 'closed');
    log(`  peak RSS of the server process ${Math.round(closed.peakRssMB)} MB`);
  } catch (error) {
    ok = false;
    log(`  ${kind}: the bench failed: ${error instanceof Error ? error.message : String(error)}`);
    child.kill();
  }
  return { kind, ok, lines };
}

/** Runs the scenario; resolves to the exit code (1 when a target was missed or a page failed). */
export async function runReceivablesBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      entries: { type: 'string', default: '1000000' },
      customers: { type: 'string', default: '100000' },
      db: { type: 'string', default: 'pglite,postgres' },
      requests: { type: 'string', default: '200' },
      'max-seconds': { type: 'string', default: '60' },
      keep: { type: 'boolean', default: false },
      'no-analyze': { type: 'boolean', default: false },
    },
  });
  const options = {
    entries: Number(values.entries),
    customers: Number(values.customers),
    requests: Number(values.requests),
    maxSeconds: Number(values['max-seconds']),
    keep: values.keep!,
    analyze: !values['no-analyze'],
  };
  console.log(
    `Receivables bench: ${options.entries.toLocaleString('en')} entries, ${options.customers.toLocaleString('en')} customers, today ${TODAY}, 8 connections, ${options.requests} requests per page`,
  );
  let allOk = true;
  for (const kind of values.db!.split(',') as Kind[]) {
    const outcome = await measureDatabase(kind, options);
    allOk &&= outcome.ok;
  }
  return allOk ? 0 : 1;
}
