// Entry of the thread that reads a ledger file: loads the TypeScript sources through tsx (a
// runtime dependency, resolved from here whatever the working directory), then runs the reader.
import { register } from 'tsx/esm/api';

register();
const { runLedgerWorker } = await import('./ledger-worker.ts');
await runLedgerWorker();
