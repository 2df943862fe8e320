import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE, type UserRole } from '../../src/contracts/auth';
import { buildApp } from '../../src/server/app';
import type { AppDeps } from '../../src/server/app-deps';
import { type Clock, loadConfig } from '../../src/server/config';
import { type Database, openDatabase } from '../../src/server/db/client';
import { migrateDatabase } from '../../src/server/db/migrate';
import { organizations } from '../../src/server/db/schema';
import { createMailer } from '../../src/server/mail/mailer';
import { createUser } from '../../src/server/modules/auth/auth.service';
import { createCompany } from '../../src/server/modules/companies/companies.queries';
import { ImportJobs } from '../../src/server/modules/imports/import-jobs';

export const TEST_PASSWORD = 'correct horse battery staple';

/** Which database this run of the integration suite uses. */
export const testDatabaseKind = (): 'pglite' | 'postgres' => (inject('pgAdminUrl') ? 'postgres' : 'pglite');

/**
 * A throwaway, migrated database: an in-memory PGlite, or a fresh database on the PostgreSQL
 * server (dropped by `drop`).
 */
export async function createTestDatabase(): Promise<{
  database: Database;
  url: string | null;
  drop: () => Promise<void>;
}> {
  const adminUrl = inject('pgAdminUrl');
  if (!adminUrl) {
    const dumpPath = inject('pgliteDumpPath');
    const database = await openDatabase({
      dataDir: 'memory://',
      loadDataDir: dumpPath ? new Blob([await readFile(dumpPath)]) : undefined,
    });
    // Nothing left to apply when it starts from the migrated dump; the check costs little.
    await migrateDatabase(database);
    return { database, url: null, drop: () => database.close() };
  }
  const name = `encours_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  await migrateDatabase(database);
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export function fixedClock(today: string, now = new Date(`${today}T10:00:00Z`)): Clock {
  return { now: () => now, today: () => today };
}

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  database: Database;
  close(): Promise<void>;
}

/**
 * The real app on a throwaway database, with a fixed clock and a temp upload folder. Emails stay
 * in the outbox unless `smtpUrl` names a (test) SMTP server.
 */
export async function createTestApp(options: { today?: string; smtpUrl?: string } = {}): Promise<TestApp> {
  const { database, drop } = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'encours-test-'));
  const config = {
    ...loadConfig({ ENCOURS_DATA_DIR: dataDir }),
    uploadDir: join(dataDir, 'uploads'),
    demo: false,
    publicUrl: 'http://encours.test',
    smtp: options.smtpUrl ? { url: options.smtpUrl, from: 'Encours <encours@example.test>' } : null,
  };
  const clock = fixedClock(options.today ?? '2024-04-30');
  const importJobs = new ImportJobs(database, clock);
  const mailer = createMailer(database, clock, config);
  const deps: AppDeps = { database, config, clock, importJobs, mailer };
  const app = await buildApp(deps);
  return {
    app,
    deps,
    database,
    async close() {
      await app.close();
      await importJobs.idle();
      mailer.close();
      await drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestTenant {
  orgId: string;
  companyId: string;
  users: Record<UserRole, { id: string; email: string }>;
}

/** A fresh organization with one company and one user per role, so tests never share a tenant. */
export async function createTenant(
  database: Database,
  options: { companyCode?: string } = {},
): Promise<TestTenant> {
  const [org] = await database.db
    .insert(organizations)
    .values({ name: `Org ${randomUUID().slice(0, 8)}` })
    .returning();
  const orgId = org!.id;
  const users = {} as TestTenant['users'];
  for (const role of ['admin', 'user', 'viewer'] as const) {
    const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
    const { id } = await createUser(database.db, {
      orgId,
      email,
      name: `${role} user`,
      role,
      password: TEST_PASSWORD,
    });
    users[role] = { id, email };
  }
  const company = await createCompany(database.db, orgId, {
    code: options.companyCode ?? 'MAIN',
    name: 'Main company',
    currency: 'EUR',
    defaultTerms: '30 days net',
    receivablePrefixes: ['411', '416'],
  });
  return { orgId, companyId: company.id, users };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  headers: Record<string, string>;
}

/**
 * Calls the app as a user, signed in through the real route once per email, as that user's
 * browser would: `app` is read at each call, so it may be created after this is.
 * @example const call = apiAs(() => t.app); const me = await call(email, 'GET', '/api/auth/me');
 */
export function apiAs(app: () => FastifyInstance) {
  const sessions = new Map<string, Session>();
  return async (
    email: string,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) => {
    let session = sessions.get(email);
    if (!session) {
      session = await signIn(app(), email);
      sessions.set(email, session);
    }
    const response = await app().inject({
      method,
      url,
      headers: session.headers,
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, response, json: <T>() => response.json<T>() };
  };
}

/** Signs in through the real route and returns what a browser would send afterwards. */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const token = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  const csrfToken = response.json<{ csrfToken: string }>().csrfToken;
  const cookie = `${SESSION_COOKIE}=${token}`;
  return { cookie, csrfToken, headers: { cookie, [CSRF_HEADER]: csrfToken } };
}

/** A multipart body with one file, as a browser's upload form sends it. */
export function multipartFile(
  fileName: string,
  content: Buffer | string,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----encours${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, typeof content === 'string' ? Buffer.from(content) : content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
