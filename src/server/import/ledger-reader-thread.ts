import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { openFec } from './fec/fec-reader';
import { FileRejectedError } from './import-rows';
import { emptyStagingSummary, type StagingSummary, stageLedgerLines } from './ledger-staging';
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
}

export type ToMain =
  | { t: 'progress'; bytesRead: number; lines: number }
  | { t: 'chunk'; text: string }
  | { t: 'done'; summary: StagingSummary; dialect: Record<string, unknown> | undefined }
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
  options: { thread?: boolean } = {},
): LedgerRead {
  const thread = options.thread ?? statSync(spec.path).size >= THREAD_MIN_BYTES;
  return thread ? readLedgerInThread(spec, onProgress) : readLedgerHere(spec, onProgress);
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
        ? await openFec(spec.path)
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
 * Reads a ledger file in a thread of its own, so that parsing (JavaScript) and writing (the
 * database, PGlite included, which runs in this thread) use both cores. Chunks flow with
 * back-pressure: at most a few are in flight, so memory does not grow with the file.
 */
export function readLedgerInThread(
  spec: LedgerSourceSpec,
  onProgress: (bytesRead: number, lines: number) => void,
): LedgerRead {
  let worker: Worker | null = null;
  const queue: ToMain[] = [];
  let notify: (() => void) | null = null;
  let exited = false;
  const push = (message: ToMain) => {
    queue.push(message);
    notify?.();
    notify = null;
  };
  const start = async () => {
    const started = new Worker(await workerBundle(), { workerData: spec });
    started.on('message', (message: ToMain) => {
      if (message.t === 'progress') onProgress(message.bytesRead, message.lines);
      else push(message);
    });
    started.on('error', (error) => push({ t: 'failed', message: error.stack ?? error.message }));
    started.on('exit', () => {
      exited = true;
      notify?.();
    });
    worker = started;
    return started;
  };

  const next = async (): Promise<ToMain> => {
    while (queue.length === 0) {
      if (exited) return { t: 'failed', message: 'the reading thread stopped without an answer' };
      await new Promise<void>((resolve) => (notify = resolve));
    }
    return queue.shift()!;
  };

  let final: Extract<ToMain, { t: 'done' }> | null = null;
  const fail = (message: ToMain): never => {
    if (message.t === 'rejected') throw new FileRejectedError(message.code, message.message);
    throw new Error(`reading the ledger failed: ${message.t === 'failed' ? message.message : message.t}`);
  };

  async function* chunks(): AsyncGenerator<string> {
    const thread = await start();
    for (;;) {
      const message = await next();
      if (message.t === 'chunk') {
        yield message.text;
        thread.postMessage({ t: 'ack' } satisfies ToWorker);
      } else if (message.t === 'done') {
        final = message;
        return;
      } else {
        fail(message);
      }
    }
  }

  return {
    chunks: chunks(),
    async result() {
      if (!final) throw new Error('the ledger has not been read to its end');
      return { summary: final.summary, dialect: final.dialect };
    },
    async stop() {
      if (worker && !exited) await worker.terminate();
    },
  };
}
