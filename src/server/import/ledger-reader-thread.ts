import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { type FecPart, openFec, planFecParts } from './fec/fec-reader';
import { FileRejectedError, MAX_LINE_ERRORS } from './import-rows';
import {
  addFlow,
  emptyStagingSummary,
  type JournalMonthSums,
  receivableOnly,
  type StagingSummary,
  stageLedgerLines,
} from './ledger-staging';
import type { ColumnMapping } from './tabular/column-mapping';
import { openTable } from './tabular/tabular-reader';

/**
 * Below this size a file is read in the calling thread: starting a thread (and compiling the
 * readers in it) costs about a second, more than reading a small ledger.
 */
export const THREAD_MIN_BYTES = 16 * 1024 * 1024;

/** What the reading thread is asked to read. */
export interface LedgerSourceSpec {
  source: 'fec' | 'entries';
  path: string;
  mapping?: ColumnMapping | undefined;
  keepAllLines: boolean;
  receivablePrefixes: readonly string[];
  /** The run of lines of a FEC this thread reads, when the file is read in parts. */
  part?: FecPart;
}

export type ToMain =
  | { t: 'progress'; bytesRead: number; lines: number }
  | { t: 'chunk'; text: string }
  | { t: 'done'; summary: StagingSummary }
  | { t: 'rejected'; code: FileRejectedError['code']; message: string }
  | { t: 'failed'; message: string };

export type ToWorker = { t: 'ack' };

export interface LedgerRead {
  /** COPY text for the staging table, in order; pull the next one once the previous is written. */
  chunks: AsyncIterable<string>;
  /** Totals, customers and errors, once every chunk has been pulled. */
  result(): Promise<{ summary: StagingSummary; dialect: Record<string, unknown> | undefined }>;
  stop(): Promise<void>;
}

/**
 * Reads a ledger file for the staging COPY: in a thread of its own when it is large (or when
 * `thread` says so), else here.
 */
export function readLedger(
  spec: LedgerSourceSpec,
  onProgress: (bytesRead: number, lines: number) => void,
  options: { thread?: boolean; threads?: number } = {},
): LedgerRead {
  const thread = options.thread ?? statSync(spec.path).size >= THREAD_MIN_BYTES;
  return thread ? readLedgerInThread(spec, onProgress, options.threads) : readLedgerHere(spec, onProgress);
}

/** The same reading, in the calling thread. */
function readLedgerHere(
  spec: LedgerSourceSpec,
  onProgress: (bytesRead: number, lines: number) => void,
): LedgerRead {
  const summary = emptyStagingSummary();
  let dialect: Record<string, unknown> | undefined;
  let finished = false;
  async function* chunks(): AsyncGenerator<string> {
    const reader =
      spec.source === 'fec'
        ? await openFec(spec.path, { receivableOnly: receivableOnly(spec) })
        : await openTable(spec.path, { kind: 'entries', mapping: spec.mapping });
    if ('dialect' in reader) dialect = reader.dialect as unknown as Record<string, unknown>;
    yield* stageLedgerLines(reader.batches, spec, summary, onProgress);
    finished = true;
  }
  return {
    chunks: chunks(),
    async result() {
      if (!finished) throw new Error('the ledger has not been read to its end');
      return { summary, dialect };
    },
    stop: async () => undefined,
  };
}

const workerEntry = fileURLToPath(new URL('./ledger-worker-entry.ts', import.meta.url));
const bundleDir = fileURLToPath(new URL('../../../node_modules/.cache/encours', import.meta.url));
let bundle: Promise<string> | undefined;

/**
 * The reading thread's code as one ESM file (packages left outside, found in node_modules):
 * a thread loads it in tens of milliseconds, where compiling the sources one by one took about
 * a second. Built once per process, named by its content, written atomically.
 */
function workerBundle(): Promise<string> {
  bundle ??= (async () => {
    const result = await build({
      entryPoints: [workerEntry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.contents;
    const path = join(
      bundleDir,
      `ledger-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`,
    );
    if (!existsSync(path)) {
      await mkdir(bundleDir, { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, code);
      await rename(temporary, path);
    }
    return path;
  })();
  bundle.catch(() => {
    bundle = undefined;
  });
  return bundle;
}

/**
 * Reads a ledger file in threads of their own, so that parsing (JavaScript) and writing (the
 * database, PGlite included, which runs in this thread) use every core: a large FEC is cut into
 * runs of whole lines read side by side (line numbers kept), anything else is read by one
 * thread. Chunks flow with back-pressure: at most a few per thread are in flight, so memory does
 * not grow with the file.
 */
export function readLedgerInThread(
  spec: LedgerSourceSpec,
  onProgress: (bytesRead: number, lines: number) => void,
  threads = 1,
): LedgerRead {
  const workers: Worker[] = [];
  const queue: { from: number; message: ToMain }[] = [];
  let notify: (() => void) | null = null;
  let running = 0;
  let finished = 0;
  const progress: { bytesRead: number; lines: number }[] = [];
  const done: Extract<ToMain, { t: 'done' }>[] = [];
  let dialect: Record<string, unknown> | undefined;
  const wake = () => {
    notify?.();
    notify = null;
  };

  const start = async () => {
    let specs: LedgerSourceSpec[] = [spec];
    if (spec.source === 'fec') {
      // The whole-file checks (encoding, header) happen once, here; each thread reads its part.
      const opened = await openFec(spec.path);
      dialect = opened.dialect as unknown as Record<string, unknown>;
      const parts = await planFecParts(spec.path, opened, threads);
      specs = parts.map((part) => ({ ...spec, part }));
    }
    const code = await workerBundle();
    specs.forEach((workerSpec, index) => {
      progress.push({ bytesRead: 0, lines: 0 });
      const worker = new Worker(code, { workerData: workerSpec });
      running++;
      worker.on('message', (message: ToMain) => {
        if (message.t === 'progress') {
          progress[index] = { bytesRead: message.bytesRead, lines: message.lines };
          onProgress(
            progress.reduce((n, p) => n + p.bytesRead, 0),
            progress.reduce((n, p) => n + p.lines, 0),
          );
          return;
        }
        queue.push({ from: index, message });
        wake();
      });
      worker.on('error', (error) => {
        queue.push({ from: index, message: { t: 'failed', message: error.stack ?? error.message } });
        wake();
      });
      worker.on('exit', () => {
        running--;
        wake();
      });
      workers.push(worker);
    });
  };

  const next = async (): Promise<{ from: number; message: ToMain } | null> => {
    while (queue.length === 0) {
      if (finished === workers.length) return null;
      if (running === 0)
        return { from: -1, message: { t: 'failed', message: 'a reading thread stopped without an answer' } };
      await new Promise<void>((resolve) => (notify = resolve));
    }
    return queue.shift()!;
  };

  const fail = (message: ToMain): never => {
    if (message.t === 'rejected') throw new FileRejectedError(message.code, message.message);
    throw new Error(`reading the ledger failed: ${message.t === 'failed' ? message.message : message.t}`);
  };

  async function* chunks(): AsyncGenerator<string> {
    await start();
    for (;;) {
      const item = await next();
      if (item === null) return;
      const { from, message } = item;
      if (message.t === 'chunk') {
        yield message.text;
        workers[from]!.postMessage({ t: 'ack' } satisfies ToWorker);
      } else if (message.t === 'done') {
        done[from] = message;
        if (++finished === workers.length) return;
      } else {
        fail(message);
      }
    }
  }

  return {
    chunks: chunks(),
    async result() {
      if (workers.length === 0 || finished < workers.length) {
        throw new Error('the ledger has not been read to its end');
      }
      return { summary: mergeSummaries(done.map((d) => d.summary)), dialect };
    },
    async stop() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** The parts' summaries as one, in file order: the first name a customer gets is kept. */
function mergeSummaries(parts: StagingSummary[]): StagingSummary {
  const merged = emptyStagingSummary();
  const names = new Map<string, string>();
  const flows = new Map<string, JournalMonthSums>();
  for (const part of parts) {
    for (const flow of part.flows) addFlow(flows, flow);
    merged.lines += part.lines;
    merged.totalDebit += part.totalDebit;
    merged.totalCredit += part.totalCredit;
    merged.entries += part.entries;
    for (const [account, name] of part.customers) if (!names.has(account)) names.set(account, name);
    for (const error of part.errors) if (merged.errors.length < MAX_LINE_ERRORS) merged.errors.push(error);
  }
  merged.customers = [...names];
  merged.flows = [...flows.values()];
  return merged;
}
