import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenant,
  createTestDatabase,
  type TestTenant,
  testDatabaseKind,
} from '../../../test/support/test-app';
import { type Database, openDatabase, selectRows } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { closeInterruptedSyncs, runSync, type SyncRequest } from './sync.service';

const ROOT = join(import.meta.dirname, '../../..');
const FEC_DIR = join(ROOT, '../shared/data/fec');
const FIRST = 'neolegal__111111111FEC20221231.TXT';
const SECOND = 'neolegal__0000000001FEC20220831.txt';

const request = (tenant: TestTenant, file: string): SyncRequest => ({
  orgId: tenant.orgId,
  companyId: tenant.companyId,
  source: 'fec',
  filePath: join(FEC_DIR, file),
  fileName: file,
  userId: null,
  trigger: 'cli',
  today: '2024-04-30',
  now: new Date('2024-04-30T12:00:00Z'),
});

/** Everything an import may touch for a tenant, in a comparable form. */
async function snapshot(database: Database, orgId: string) {
  const q = (table: string, order: string) =>
    selectRows(database.db, sql.raw(`select * from ${table} where org_id = '${orgId}' order by ${order}`));
  return {
    customers: await q('customers', 'company_id, account'),
    entries: await q('entries', 'company_id, entry_key'),
    openItems: await q('open_items', 'company_id, entry_key'),
    summaries: await q('customer_summaries', 'company_id, customer_account'),
    paymentMethods: await q('payment_methods', 'company_id, code'),
  };
}

describe(`IMP-6 an aborted import changes nothing (${testDatabaseKind()})`, () => {
  it.each(['loaded', 'derived'] as const)(
    'a thrown error after the %s stage rolls everything back',
    async (stage) => {
      const { database, drop } = await createTestDatabase();
      try {
        const tenant = await createTenant(database);
        expect((await runSync(database, request(tenant, FIRST))).status).toBe('succeeded');
        const before = await snapshot(database, tenant.orgId);
        const attempt = runSync(database, {
          ...request(tenant, SECOND),
          afterStage: (s) => {
            if (s === stage) throw new Error(`simulated crash after ${s}`);
          },
        });
        await expect(attempt).rejects.toThrow('simulated crash');
        expect(await snapshot(database, tenant.orgId)).toEqual(before);
        const syncs = await selectRows<{ status: string }>(
          database.db,
          sql`select status from syncs where org_id = ${tenant.orgId} order by started_at, status`,
        );
        expect(syncs.map((s) => s.status).sort()).toEqual(['failed', 'succeeded']);
      } finally {
        await drop();
      }
    },
  );
});

describe(`IMP-6 a killed process loses nothing (${testDatabaseKind()})`, () => {
  let dataDir: string;
  let database: Database;
  let url: string | null;
  let drop: () => Promise<void>;
  let tenant: TestTenant;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'encours-kill-'));
    if (testDatabaseKind() === 'postgres') {
      ({ database, url, drop } = await createTestDatabase());
    } else {
      url = null;
      database = await openDatabase({ dataDir });
      await migrateDatabase(database);
      drop = () => database.close();
    }
    tenant = await createTenant(database);
    expect((await runSync(database, request(tenant, FIRST))).status).toBe('succeeded');
  });
  afterAll(async () => {
    await drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('SIGKILL in the middle of the transaction leaves the ledger as it was', async () => {
    const before = await snapshot(database, tenant.orgId);
    // PGlite is one process's database: the test lets go of it while the CLI works on it.
    if (!url) await database.close();
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'bin/encours.mjs'),
        'import',
        'fec',
        join(FEC_DIR, SECOND),
        '--company',
        'MAIN',
        '--org',
        tenant.orgId,
        '--json',
      ],
      {
        env: {
          ...process.env,
          ENCOURS_DATA_DIR: dataDir,
          ENCOURS_PAUSE_AT_STAGE: 'loaded',
          ...(url ? { DATABASE_URL: url } : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    const killed = new Promise<NodeJS.Signals | null>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // The CLI announces the stage reached, then waits: the entries are written, not committed.
        if (stderr.includes('paused at stage loaded')) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => resolve(signal));
    });
    expect(await killed, stderr).toBe('SIGKILL');

    if (!url) {
      database = await openDatabase({ dataDir });
      await migrateDatabase(database);
    }
    expect(await snapshot(database, tenant.orgId)).toEqual(before);
    expect(await closeInterruptedSyncs(database, new Date('2099-01-01T00:00:00Z'))).toBe(1);
    const after = await runSync(database, request(tenant, SECOND));
    expect(after.status).toBe('succeeded');
  });
});
