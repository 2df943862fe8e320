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
 * A page stops after `--max-seconds` (default 60) of measuring, with what it got. `--keep` leaves
 * the PostgreSQL database in place, for EXPLAIN ANALYZE. `--no-analyze` builds as the app would,
 * without the ANALYZE the bench runs after loading (the app never runs one).
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { loadavg } from 'node:os';
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
  /** Measured for information: no target. */
  isFloor?: boolean;
}

interface PageOutcome {
  name: string;
  isFloor: boolean;
  /** Null when the page was not measured: `note` says why. */
  result: LoadResult | null;
  note?: string;
  /** The machine's 1-minute load average when the page was done: other work slows every figure. */
  load: number;
}

interface Options {
  entries: number;
  customers: number;
  requests: number;
  maxSeconds: number;
  keep: boolean;
  analyze: boolean;
}

interface DatabaseOutcome {
  kind: Kind;
  ok: boolean;
  pages: PageOutcome[];
  buildMs?: number;
  referenceMs?: number;
  dateChangeMs?: number;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};
const load = () => loadavg()[0]!;

/** Waits for the worker's next message of that type; a `failed` message or an exit rejects. */
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
  return /no route|Route GET:.* not found/.test(body.toString('utf8'));
}

function pagesOf(recordId: string, recordEntries: number): Page[] {
  const search = encodeURIComponent(SEARCH_TERM);
  return [
    // The floor: what any signed-in request costs in this set-up (session from cache, no query).
    { name: 'floor: GET /api/auth/me', path: '/api/auth/me', user: 'admin', isFloor: true },
    { name: 'dashboard', path: '/api/dashboard', user: 'admin' },
    { name: 'who owes what, by overdue', path: '/api/customers?sort=overdue&direction=desc', user: 'admin' },
    {
      name: `… filter overdue + search "${SEARCH_TERM}"`,
      path: `/api/customers?sort=overdue&direction=desc&filter=overdue&search=${search}`,
      user: 'admin',
    },
    { name: `customer record (${recordEntries} entries)`, path: `/api/customers/${recordId}`, user: 'admin' },
    {
      name: 'record: entries, pageSize=200',
      path: `/api/customers/${recordId}/entries?pageSize=200`,
      user: 'admin',
    },
    {
      name: 'account situation export xlsx',
      path: `/api/customers/${recordId}/entries/export?format=xlsx`,
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
}

/** Measures every page over 8 connections, printing one line each. */
async function measurePages(
  base: URL,
  pages: Page[],
  cookies: Record<Page['user'], string>,
  context: { target: number; referenceMs: number; options: Options; log: (line: string) => void },
): Promise<PageOutcome[]> {
  const { target, referenceMs, options, log } = context;
  const outcomes: PageOutcome[] = [];
  for (const page of pages) {
    const headers = { cookie: cookies[page.user] };
    const probeAgent = new http.Agent();
    const probe = await get(probeAgent, base, page.path, headers);
    probeAgent.destroy();
    const base_ = { name: page.name, isFloor: page.isFloor === true };
    if (isMissingRoute(probe.status, probe.body)) {
      outcomes.push({ ...base_, result: null, note: 'route not there (yet)', load: load() });
      log(`  ${page.name.padEnd(38)} — route not there (yet): not measured`);
      continue;
    }
    if (probe.status !== 200) {
      const note = `FAILED: first answer ${probe.status} ${probe.body.toString('utf8').slice(0, 300)}`;
      outcomes.push({ ...base_, result: null, note, load: load() });
      log(`  ${page.name.padEnd(38)} !!! ${note}`);
      continue;
    }
    const result = await measure({
      base,
      path: page.path,
      headers,
      requests: options.requests,
      maxSeconds: options.maxSeconds,
    });
    outcomes.push({ ...base_, result, load: load() });
    const failures = Object.entries(result.statuses).filter(([status]) => status !== '200');
    const verdict = page.isFloor ? 'info' : result.p95 <= target && failures.length === 0 ? 'OK' : 'MISSED';
    const cells = [result.p50, result.p95, result.p99, result.max].map((v) => ms(v).padStart(10)).join('');
    log(
      `  ${page.name.padEnd(38)} ${String(result.requests).padStart(5)}${cells} ${result.requestsPerSecond.toFixed(0).padStart(6)}  ${(result.p95 / referenceMs).toFixed(2).padStart(6)}×  ${verdict.padEnd(6)} load ${load().toFixed(1)}${failures.length > 0 ? `  !!! NON-200 ANSWERS: ${failures.map(([s, n]) => `${n}× ${s}`).join(', ')}` : ''}  (${(result.lastBodyBytes / 1024).toFixed(1)} KB)${result.isCut ? `  [cut after ${options.maxSeconds} s]` : ''}`,
    );
  }
  return outcomes;
}

const isPageOk = (page: PageOutcome, target: number) =>
  page.isFloor ||
  (page.result !== null &&
    page.result.p95 <= target &&
    Object.keys(page.result.statuses).every((status) => status === '200')) ||
  (page.result === null && page.note === 'route not there (yet)');

async function measureDatabase(kind: Kind, options: Options): Promise<DatabaseOutcome> {
  const log = (line: string) => console.log(line);
  console.log(`\n${kind}: building the organization… (load average ${load().toFixed(1)})`);
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
  const outcome: DatabaseOutcome = { kind, ok: false, pages: [] };
  try {
    const ready = await nextMessage(child, 'ready');
    const { bench } = ready;
    const target = PAGE_TARGET_MS[kind];
    const { counts } = bench;
    log(
      `  data                  ${counts.customers.toLocaleString('en')} customers, ${counts.entries.toLocaleString('en')} entries, ${counts.openItems.toLocaleString('en')} open items, ${counts.summaries.toLocaleString('en')} summaries`,
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
    log(
      `  search "${SEARCH_TERM}" matches ${bench.searchMatches} customers; portfolio (${bench.portfolioSalesRep}) has ${bench.portfolioCustomers}`,
    );
    log(
      `\n  ${'page'.padEnd(38)} ${'req'.padStart(5)}${['p50', 'p95', 'p99', 'max'].map((h) => h.padStart(10)).join('')} ${'req/s'.padStart(6)}  ${'p95/ref'.padStart(7)}  target ${target} ms`,
    );
    const base = new URL(`http://127.0.0.1:${ready.port}`);
    const cookies = {
      admin: await signIn(base, ADMIN_EMAIL),
      portfolio: await signIn(base, PORTFOLIO_EMAIL),
    };
    outcome.pages = await measurePages(base, pagesOf(bench.recordCustomerId, bench.recordEntries), cookies, {
      target,
      referenceMs,
      options,
      log,
    });

    tell({ type: 'date-change' });
    const dateChange = await nextMessage(child, 'date-change-done');
    const dateTarget = DATE_CHANGE_TARGET_MS[kind];
    const isDateOk = dateTarget === undefined || dateChange.ms <= dateTarget;
    log(
      `\n  date change to ${dateChange.newToday}: refreshStaleSummaries ${seconds(dateChange.ms)}${dateTarget ? ` (target ≤ ${seconds(dateTarget)}) ${isDateOk ? 'OK' : 'MISSED'}` : ' (no target on PGlite)'}`,
    );
    tell({ type: 'close' });
    const closed = await nextMessage(child, 'closed');
    log(`  peak RSS of the server process ${Math.round(closed.peakRssMB)} MB`);
    Object.assign(outcome, {
      ok: isDateOk && outcome.pages.every((page) => isPageOk(page, target)),
      buildMs: ready.buildMs,
      referenceMs,
      dateChangeMs: dateChange.ms,
    });
  } catch (error) {
    log(`  ${kind}: the bench failed: ${error instanceof Error ? error.message : String(error)}`);
    child.kill();
  }
  return outcome;
}

/** The figures of every database side by side, as a Markdown table for the README. */
function printSummary(outcomes: DatabaseOutcome[]) {
  const cell = (page: PageOutcome | undefined) =>
    !page ? '—' : page.result ? `${page.result.p50.toFixed(0)} / ${page.result.p95.toFixed(0)}` : page.note!;
  const kinds = outcomes.map((o) => o.kind);
  console.log(
    `\n| page (p50 / p95 ms, 8 connections) | ${kinds.map((k) => `${k} (≤ ${PAGE_TARGET_MS[k]})`).join(' | ')} |`,
  );
  console.log(`|---|${kinds.map(() => '---:').join('|')}|`);
  const names = [...new Set(outcomes.flatMap((o) => o.pages.map((p) => p.name)))];
  for (const name of names)
    console.log(
      `| ${name} | ${outcomes.map((o) => cell(o.pages.find((p) => p.name === name))).join(' | ')} |`,
    );
  const row = (
    label: string,
    value: (o: DatabaseOutcome) => number | undefined,
    format: (v: number) => string,
  ) =>
    console.log(
      `| ${label} | ${outcomes.map((o) => (value(o) === undefined ? '—' : format(value(o)!))).join(' | ')} |`,
    );
  row(
    'reference: ledger aggregation, top 50 (median)',
    (o) => o.referenceMs,
    (v) => `${v.toFixed(0)} ms`,
  );
  row(
    'date change: refresh every summary',
    (o) => o.dateChangeMs,
    (v) => `${(v / 1000).toFixed(1)} s`,
  );
  row(
    'building the organization',
    (o) => o.buildMs,
    (v) => `${(v / 1000).toFixed(0)} s`,
  );
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
  const options: Options = {
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
  const outcomes: DatabaseOutcome[] = [];
  for (const kind of values.db!.split(',') as Kind[]) outcomes.push(await measureDatabase(kind, options));
  printSummary(outcomes);
  return outcomes.every((o) => o.ok) ? 0 : 1;
}
