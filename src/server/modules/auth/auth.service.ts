import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Locale, UserRole } from '../../../contracts/auth';
import type { Database, Db } from '../../db/client';
import { organizations, sessions, users } from '../../db/schema';
import { AppError } from '../../errors/app-error';

export const SESSION_DAYS = 14;

/** Who is calling: every query of a request is scoped by this (DESIGN §5). */
export interface AuthContext {
  orgId: string;
  organizationName: string;
  userId: string;
  email: string;
  name: string;
  role: UserRole;
  locale: Locale;
  portfolio: { salesReps: string[]; collectors: string[] } | null;
  csrfToken: string;
}

/** argon2id (`algorithm: 2`; the library's const enum cannot be imported here), default cost. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: 2 });
}

/** SHA-256 of a secret token: only the hash is stored, so the database alone opens nothing. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const sha256 = hashToken;

/** A fresh secret for a cookie or an emailed link: 32 random bytes, URL-safe. */
export const newToken = () => randomBytes(32).toString('base64url');

// A hash to verify against when the email is unknown, so both cases take the same time.
let decoyHash: Promise<string> | undefined;

export async function createUser(
  db: Db,
  input: {
    orgId: string;
    email: string;
    name: string;
    role: UserRole;
    password: string | null;
    locale?: Locale;
  },
): Promise<{ id: string }> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const existing = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${input.email})`);
  if (existing.length > 0)
    throw new AppError('conflict', `a user with the email ${input.email} already exists`);
  const [row] = await db
    .insert(users)
    .values({
      orgId: input.orgId,
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      passwordHash,
      locale: input.locale ?? 'fr',
    })
    .returning({ id: users.id });
  return { id: row!.id };
}

/**
 * ACC-1: failed sign-ins per email, whatever the address they come from: after
 * `MAX_FAILURES` in `FAILURE_WINDOW_MS`, the email is refused until the window passes.
 */
const MAX_FAILURES = 20;
const FAILURE_WINDOW_MS = 15 * 60_000;
const failures = new Map<string, { count: number; since: number }>();

function assertNotThrottled(email: string, now: Date): void {
  const entry = failures.get(email);
  if (!entry) return;
  if (now.getTime() - entry.since > FAILURE_WINDOW_MS) failures.delete(email);
  else if (entry.count >= MAX_FAILURES) {
    throw new AppError(
      'rate_limited',
      'too many failed attempts for this account: wait 15 minutes and try again',
    );
  }
}

function recordFailure(email: string, now: Date): void {
  const entry = failures.get(email);
  if (entry && now.getTime() - entry.since <= FAILURE_WINDOW_MS) entry.count++;
  else failures.set(email, { count: 1, since: now.getTime() });
  if (failures.size > 100_000) failures.clear();
}

/** Forgets the failed sign-ins of an email once its owner proved who they are (a new password). */
export function clearSignInFailures(email: string): void {
  failures.delete(email.toLowerCase());
}

/** Checks the password and opens a session; the same error whatever was wrong (ACC-1). */
export async function signIn(
  database: Database,
  input: { email: string; password: string },
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const email = input.email.toLowerCase();
  assertNotThrottled(email, now);
  const [user] = await database.db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
  decoyHash ??= hashPassword('decoy password');
  const isValid = user?.passwordHash
    ? await verify(user.passwordHash, input.password)
    : await verify(await decoyHash, input.password).then(() => false);
  if (!user || !isValid) {
    recordFailure(email, now);
    throw new AppError('invalid_credentials', 'wrong email or password');
  }
  failures.delete(email);
  // Said only to whoever knows the password: the account exists but an admin turned it off.
  if (user.disabledAt)
    throw new AppError(
      'account_disabled',
      'this account is disabled: ask an administrator of your organization',
    );
  return openSession(database.db, { orgId: user.orgId, userId: user.id }, now);
}

/** Opens a session for a user whose identity was proven (password, or a link from their mailbox). */
export async function openSession(
  db: Db,
  user: { orgId: string; userId: string },
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    orgId: user.orgId,
    userId: user.userId,
    csrfToken: randomBytes(24).toString('base64url'),
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}

/**
 * Ends every open session of a user (disabled, or a new password was set): they expire now.
 * Expired rows are kept, so the users list can show when someone last signed in. Call
 * {@link forgetCachedSessions} once the transaction is committed.
 */
export async function endSessions(db: Db, user: { orgId: string; userId: string }, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ expiresAt: now })
    .where(
      and(eq(sessions.orgId, user.orgId), eq(sessions.userId, user.userId), gt(sessions.expiresAt, now)),
    );
}

/** Drops the cached sessions of a user, so a change of role, portfolio or status applies at once. */
export function forgetCachedSessions(userId: string): void {
  for (const [key, cached] of sessionCache) if (cached.context.userId === userId) sessionCache.delete(key);
}

/** ACC-4: the user's own interface language. */
export async function updateLocale(
  database: Database,
  auth: Pick<AuthContext, 'orgId' | 'userId'>,
  locale: Locale,
) {
  await database.db
    .update(users)
    .set({ locale })
    .where(and(eq(users.orgId, auth.orgId), eq(users.id, auth.userId)));
  forgetCachedSessions(auth.userId);
}

/** Ends this session (it expires now; the row stays as a record of the sign-in). */
export async function signOut(database: Database, token: string, now: Date): Promise<void> {
  sessionCache.delete(sha256(token));
  await database.db
    .update(sessions)
    .set({ expiresAt: now })
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, now)));
}

/**
 * Sessions are cached for a few seconds: in embedded mode the database is one connection, and a
 * long import must not keep the progress page from authenticating.
 */
const sessionCache = new Map<string, { context: AuthContext; expiresAt: number; until: number }>();
const CACHE_MS = 30_000;

export async function resolveSession(
  database: Database,
  token: string,
  now: Date,
): Promise<AuthContext | null> {
  const tokenHash = sha256(token);
  const cached = sessionCache.get(tokenHash);
  if (cached && cached.until > now.getTime() && cached.expiresAt > now.getTime()) return cached.context;
  sessionCache.delete(tokenHash);
  const [row] = await database.db
    .select({
      orgId: sessions.orgId,
      userId: sessions.userId,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      email: users.email,
      name: users.name,
      role: users.role,
      locale: users.locale,
      portfolio: users.portfolio,
      organizationName: organizations.name,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.orgId, sessions.orgId), eq(users.id, sessions.userId)))
    .innerJoin(organizations, eq(organizations.id, sessions.orgId))
    // A disabled user's sessions stop working at once, even one opened before (ACC-1).
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(users.disabledAt)));
  if (!row) return null;
  const context: AuthContext = {
    orgId: row.orgId,
    organizationName: row.organizationName,
    userId: row.userId,
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale === 'en' ? 'en' : 'fr',
    portfolio: row.portfolio ?? null,
    csrfToken: row.csrfToken,
  };
  sessionCache.set(tokenHash, {
    context,
    expiresAt: row.expiresAt.getTime(),
    until: now.getTime() + CACHE_MS,
  });
  return context;
}
