import { execFileSync } from 'node:child_process';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string | null;
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

/**
 * For the PostgreSQL run of the integration tests: finds the server (TEST_DATABASE_URL, else
 * 127.0.0.1:5432), starts the local cluster if it is stopped, and otherwise fails saying what is
 * missing. Each test file then makes its own throwaway database on it.
 */
export default async function setup(project: TestProject) {
  if (process.env.ENCOURS_TEST_DB !== 'postgres') {
    project.provide('pgAdminUrl', null);
    return;
  }
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_URL;
  if (!(await canConnect(url))) {
    tryStartDebianCluster();
    if (!(await canConnect(url))) {
      throw new Error(
        `No PostgreSQL server at ${url}. Install Debian's postgresql package (apt-get install postgresql) and start it, or set TEST_DATABASE_URL.`,
      );
    }
  }
  project.provide('pgAdminUrl', url);
}
