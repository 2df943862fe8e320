import { parentPort, workerData } from 'node:worker_threads';
import { readFecPart } from './fec/fec-reader';
import { FileRejectedError } from './import-rows';
import type { LedgerSourceSpec, ToMain, ToWorker } from './ledger-reader-thread';
import { emptyStagingSummary, receivableOnly, stageLedgerLines } from './ledger-staging';
import { openTable } from './tabular/tabular-reader';

/** Chunks sent and not yet written by the main thread: bounds the memory between the two. */
const MAX_IN_FLIGHT = 3;

/** Reads the ledger named in `workerData` and streams COPY chunks to the main thread. */
export async function runLedgerWorker(): Promise<void> {
  const port = parentPort!;
  const spec = workerData as LedgerSourceSpec;
  const send = (message: ToMain) => port.postMessage(message);
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on('message', (message: ToWorker) => {
    if (message.t === 'ack') {
      inFlight--;
      wake?.();
      wake = null;
    }
  });
  try {
    // A FEC was checked and cut by the main thread: read just this part's lines.
    const batches = spec.part
      ? readFecPart(spec.path, spec.part, { receivableOnly: receivableOnly(spec) })
      : (await openTable(spec.path, { kind: 'entries', mapping: spec.mapping })).batches;
    const summary = emptyStagingSummary();
    const startOffset = spec.part?.range.start ?? 0;
    let lastProgress = 0;
    const chunks = stageLedgerLines(batches, spec, summary, (bytesRead, lines) => {
      if (lines - lastProgress >= 20_000) {
        lastProgress = lines;
        send({ t: 'progress', bytesRead: bytesRead - startOffset, lines });
      }
    });
    for await (const text of chunks) {
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
      inFlight++;
      send({ t: 'chunk', text });
    }
    send({ t: 'done', summary });
  } catch (error) {
    if (error instanceof FileRejectedError) send({ t: 'rejected', code: error.code, message: error.message });
    else
      send({ t: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  } finally {
    port.close();
  }
}
