import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/server/db/client';
import { migrateDatabase } from '../../src/server/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string | null;
    /** An empty, migrated embedded database, dumped once: each PGlite test database starts from it. */
    pgliteDumpPath: string | null;
  }
}

/**
 * Creating an embedded database costs about 2 s (its initdb, then the migrations); loading a dump
 * of a migrated one, about 0.4 s. Made once for the run, in a temp file removed at the end.
 */
async function dumpMigratedPglite(): Promise<{ path: string; remove: () => void }> {
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrateDatabase(database);
    const dump = await database.dumpDataDir!();
    const dir = mkdtempSync(join(tmpdir(), 'encours-pglite-'));
    const path = join(dir, 'migrated.tar');
    writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
    return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } finally {
    await database.close();
  }
}

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts the machine's Debian cluster when it is installed but stopped. */
function tryStartDebianCluster(): void {
  try {
    const versions = execFileSync('ls', ['/etc/postgresql'], { encoding: 'utf8' }).trim().split('\n');
    for (const version of versions) {
      execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], {
        stdio: 'ignore',
      });
    }
  } catch {
    // Not installed or not startable: the caller reports what is missing.
  }
}

const THROWAWAY_PORT = 55_432;

/**
 * On a machine with Debian's postgresql package but no server to use, a cluster of our own in a
 * temp folder, trust auth on a side port, owned by `postgres` (initdb refuses root). Returns its
 * URL and how to stop it, or null when the package is not there.
 */
function startThrowawayCluster(): { url: string; stop: () => void } | null {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort() : [];
  const bin = versions.length > 0 ? `/usr/lib/postgresql/${versions.at(-1)}/bin` : null;
  if (!bin || !existsSync(`${bin}/initdb`)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'encours-pg-'));
  chmodSync(dir, 0o700);
  const isRoot = process.getuid?.() === 0;
  const asOwner = (command: string, args: string[]) => {
    if (!isRoot) return execFileSync(command, args, { stdio: 'ignore' });
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    return execFileSync(command, args, { stdio: 'ignore', uid, gid });
  };
  asOwner(`${bin}/initdb`, ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
  asOwner(`${bin}/pg_ctl`, [
    '-D',
    join(dir, 'data'),
    '-o',
    `-p ${THROWAWAY_PORT} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    '-l',
    join(dir, 'log'),
    '-w',
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${THROWAWAY_PORT}/postgres`,
    stop: () => {
      asOwner(`${bin}/pg_ctl`, ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * For the PostgreSQL run of the integration tests: finds the server (TEST_DATABASE_URL, else
 * 127.0.0.1:5432), starts the local cluster if it is stopped, else starts a throwaway cluster,
 * and otherwise fails saying what is missing. Each test file makes its own database on it.
 */
export default async function setup(project: TestProject) {
  if (process.env.ENCOURS_TEST_DB !== 'postgres') {
    project.provide('pgAdminUrl', null);
    const dump = await dumpMigratedPglite();
    project.provide('pgliteDumpPath', dump.path);
    return dump.remove;
  }
  project.provide('pgliteDumpPath', null);
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_URL;
  if (await canConnect(url)) {
    project.provide('pgAdminUrl', url);
    return;
  }
  tryStartDebianCluster();
  if (await canConnect(url)) {
    project.provide('pgAdminUrl', url);
    return;
  }
  const cluster = startThrowawayCluster();
  if (!cluster || !(await canConnect(cluster.url))) {
    cluster?.stop();
    throw new Error(
      `No PostgreSQL server at ${url}, and no throwaway cluster could be started. Install Debian's postgresql package (apt-get install postgresql), or set TEST_DATABASE_URL.`,
    );
  }
  console.log(`PostgreSQL tests run on a throwaway cluster at ${cluster.url}`);
  project.provide('pgAdminUrl', cluster.url);
  return () => cluster.stop();
}
