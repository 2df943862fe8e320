/**
 * One measurement, in a process of its own so that its peak memory is its own: imports a FEC into
 * a fresh database (embedded PGlite or a PostgreSQL server), then COPYs the same rows, already
 * prepared, into a bare table of that database. Prints one JSON line.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openDatabase } from '../src/server/db/client';
import { migrateDatabase } from '../src/server/db/migrate';
import { organizations } from '../src/server/db/schema';
import { runSync } from '../src/server/import/sync.service';
import { createCompany } from '../src/server/modules/companies/companies.queries';

const [kind, fecPath, allRowsTsv, receivableRowsTsv] = process.argv.slice(2) as [
  'pglite' | 'postgres',
  string,
  string,
  string,
];
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

async function freshDatabase(): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'encours-bench-'));
    const database = await openDatabase({ dataDir: dir });
    return {
      database,
      cleanup: async () => {
        await database.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `encours_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    database,
    cleanup: async () => {
      await database.close();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Reads a prepared COPY file in chunks of whole lines, as the importer feeds its COPY. */
async function* chunksOf(path: string, linesPerChunk = 20_000): AsyncGenerator<string> {
  let chunk = '';
  let n = 0;
  for await (const line of createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    chunk += `${line}\n`;
    if (++n === linesPerChunk) {
      yield chunk;
      chunk = '';
      n = 0;
    }
  }
  if (chunk) yield chunk;
}

const BARE_COLUMNS = `journal_code text, journal_lib text, ecriture_num text, ecriture_date date, compte_num text,
  compte_lib text, comp_aux_num text, comp_aux_lib text, piece_ref text, piece_date date, ecriture_lib text,
  debit bigint, credit bigint, ecriture_let text, date_let date, valid_date date, montant_devise bigint, idevise text`;

/** Each measurement starts with no dirty pages left by the one before (needs a superuser; else skipped). */
async function settle(database: Database): Promise<void> {
  if (database.kind === 'postgres') await database.db.execute(sql.raw('checkpoint')).catch(() => undefined);
}

async function rawCopy(database: Database, table: string, path: string): Promise<number> {
  await database.db.execute(sql.raw(`create table ${table} (${BARE_COLUMNS})`));
  await settle(database);
  const started = performance.now();
  await database.transaction((tx) => tx.copyFrom(table, chunksOf(path)));
  return performance.now() - started;
}

async function main() {
  const { database, cleanup } = await freshDatabase();
  try {
    await migrateDatabase(database);
    const [org] = await database.db.insert(organizations).values({ name: 'Bench' }).returning();
    const company = await createCompany(database.db, org!.id, {
      code: 'BENCH',
      name: 'Bench',
      currency: 'EUR',
      defaultTerms: '30 days net',
      receivablePrefixes: ['411', '416'],
    });
    /** Imports the bench FEC once, timed, with when each phase began (reading, writing, computing). */
    const importOnce = async (now: string) => {
      await settle(database);
      const started = performance.now();
      const phases: Record<string, number> = {};
      const outcome = await runSync(database, {
        onProgress: ({ phase }) => {
          phases[phase] ??= performance.now() - started;
        },
        orgId: org!.id,
        companyId: company.id,
        source: 'fec',
        filePath: fecPath,
        fileName: 'bench.txt',
        userId: null,
        trigger: 'cli',
        today: '2026-11-20',
        now: new Date(now),
      });
      if (outcome.status !== 'succeeded') throw new Error(`import failed: ${outcome.message}`);
      return { ms: performance.now() - started, phases, report: outcome.report };
    };
    const first = await importOnce('2026-11-20T12:00:00Z');
    const importPeakRss = peakRss;
    // The daily case, for information: the same file again (IMP-6, IMP-7: the merge path, which
    // keys every entry against the stored ones and changes nothing).
    const again = await importOnce('2026-11-20T13:00:00Z');
    const copyAllMs = await rawCopy(database, 'bare_fec_all', allRowsTsv);
    const copyReceivableMs = await rawCopy(database, 'bare_fec_receivable', receivableRowsTsv);
    clearInterval(sampler);
    console.log(
      JSON.stringify({
        kind,
        importMs: first.ms,
        phases: first.phases,
        reimportMs: again.ms,
        reimport: { inserted: again.report.inserted, updated: again.report.updated, gone: again.report.gone },
        copyAllMs,
        copyReceivableMs,
        importPeakRssMB: importPeakRss / 1024 / 1024,
        report: first.report,
      }),
    );
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
