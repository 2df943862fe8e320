import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite, type Transaction as PgliteTransaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { lockDataDir } from './data-dir-lock';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** What a transaction offers: queries, and bulk loading with COPY in the same transaction. */
export interface Tx {
  readonly db: Db;
  readonly kind: Database['kind'];
  /**
   * Runs `COPY <target> FROM STDIN` (text format) with the given chunks of rows; each chunk holds
   * whole lines ending with `\n`. Rows are streamed: memory holds one chunk at a time.
   */
  copyFrom(target: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<void>;
}

/** One SQL dialect, two ways to run it: embedded PGlite or a PostgreSQL server (DESIGN §1). */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Runs `fn` in one transaction, committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Embedded only: the data folder as a tarball, which `loadDataDir` can start from. */
  dumpDataDir?(): Promise<Blob>;
}

export interface DatabaseConfig {
  /** `postgres://…`: use that server. Absent: embedded PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; `memory://` for a throwaway in-memory one. */
  dataDir?: string | undefined;
  /** Embedded only: start from this dump of a data folder (see `dumpDataDir`) instead of an empty one. */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
}

const INT8_OID = 20;
const DATE_OID = 1082;

/** bigint columns hold cents: read them as safe integers, and refuse what would lose precision. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} does not fit a safe integer`);
  return value;
}

/** Dates are calendar dates: keep 'YYYY-MM-DD' instead of a JS Date at local midnight. */
const keepText = (text: string) => text;

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, config.poolSize ?? 10)
    : openPglite(config.dataDir, config.loadDataDir);
}

async function openPglite(dataDir = './data', loadDataDir?: Blob): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const release = inMemory ? () => undefined : lockDataDir(dataDir);
  const client = await PGlite.create(inMemory ? undefined : dataDir, {
    parsers: { [INT8_OID]: parseInt8, [DATE_OID]: keepText },
    // Bundled with PGlite (no download); migration 0003 creates it for the customer search.
    extensions: { pg_trgm },
    ...(loadDataDir ? { loadDataDir } : {}),
  }).catch((error: unknown) => {
    release();
    throw error;
  });
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    // PGlite is one connection: its own lock makes every other query wait for the transaction.
    transaction: (fn) =>
      client.transaction(async (ptx) => {
        const txDb = drizzlePglite({ client: ptx as unknown as PGlite, schema }) as unknown as Db;
        return fn({
          db: txDb,
          kind: 'pglite',
          copyFrom: (target, chunks) => copyIntoPglite(ptx, target, chunks),
        });
      }),
    close: async () => {
      await client.close();
      release();
    },
    dumpDataDir: () => client.dumpDataDir('none'),
  };
}

async function copyIntoPglite(
  ptx: PgliteTransaction,
  target: string,
  chunks: AsyncIterable<string> | Iterable<string>,
): Promise<void> {
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    await ptx.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([chunk]) });
  }
}

/**
 * Our queries are short lookups and small aggregates, many at once: compiling them (JIT) or
 * handing them to parallel workers costs more than it saves and makes concurrent requests wait
 * for each other's workers. Appended to the URL's own `options`, which pg would otherwise let win.
 */
function withSessionSettings(url: string): string {
  const parsed = new URL(url);
  const own = parsed.searchParams.get('options');
  parsed.searchParams.set(
    'options',
    [own, '-c jit=off -c max_parallel_workers_per_gather=0'].filter(Boolean).join(' '),
  );
  return parsed.toString();
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // Drizzle passes pg's global parsers with each query, so the choice is made there, once.
  pg.types.setTypeParser(INT8_OID, parseInt8);
  pg.types.setTypeParser(DATE_OID, keepText);
  const pool = new pg.Pool({ connectionString: withSessionSettings(url), max: poolSize });
  // An idle connection dropped by the server (restart, network cut) must not crash the process:
  // the pool discards it and opens another on the next query.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  // Fail at start, not at the first request, when the server cannot be reached.
  (await pool.connect()).release();
  const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const txDb = drizzleNodePg({ client, schema }) as unknown as Db;
        const result = await fn({
          db: txDb,
          kind: 'postgres',
          copyFrom: async (target, chunks) => {
            await pipeline(Readable.from(chunks), client.query(copyFromStdin(`COPY ${target} FROM STDIN`)));
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        // A connection that could not roll back is closed, not handed to the next request.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Runs `fn` in the transaction with nested-loop joins turned off, then back to the default: for
 * joins over tables loaded in the same transaction, which have no statistics yet and whose every
 * row the join reads (a hash join is then right whatever the estimates say).
 */
export async function withoutNestedLoops<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  await tx.db.execute(sql`set local enable_nestloop = off`);
  const result = await fn();
  await tx.db.execute(sql`set local enable_nestloop to default`);
  return result;
}

/** Runs a raw SQL query and returns its rows, the same way on both databases. */
export async function selectRows<Row>(db: Db, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

export { copyField } from './copy-text';
