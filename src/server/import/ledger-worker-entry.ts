// Entry of the thread that reads a ledger file (bundled by `ledger-reader-thread.ts`).
import { runLedgerWorker } from './ledger-worker';

await runLedgerWorker();
