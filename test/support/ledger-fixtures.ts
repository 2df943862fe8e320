import { join } from 'node:path';
import type { Database } from '../../src/server/db/client';
import { runSync, type SyncOutcome } from '../../src/server/import/sync.service';

/** The real FEC exports of `../shared/data/fec`. */
export const SHARED_FEC_DIR = join(import.meta.dirname, '../../../shared/data/fec');

/** neolegal's beverage maker: 34 customers, 14,416.52 outstanding, entries January to July 2023. */
export const NEOLEGAL_111 = 'neolegal__111111111FEC20221231.TXT';

/**
 * Imports one of the shared FEC files into a company as the CLI would, on `today`, and throws
 * unless it succeeded: the tests that need a ledger start from a real one.
 * @example await importSharedFec(database, tenant, NEOLEGAL_111, '2023-06-30');
 */
export async function importSharedFec(
  database: Database,
  target: { orgId: string; companyId: string },
  fileName: string,
  today: string,
): Promise<Extract<SyncOutcome, { status: 'succeeded' }>> {
  const outcome = await runSync(database, {
    orgId: target.orgId,
    companyId: target.companyId,
    source: 'fec',
    filePath: join(SHARED_FEC_DIR, fileName),
    fileName,
    userId: null,
    trigger: 'cli',
    today,
    now: new Date(`${today}T08:00:00Z`),
  });
  if (outcome.status !== 'succeeded') throw new Error(`import of ${fileName} failed: ${outcome.message}`);
  return outcome;
}
