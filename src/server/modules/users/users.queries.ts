import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Locale, UserRole } from '../../../contracts/auth';
import type { Portfolio, PortfolioOptions, UserRow, UserStatus } from '../../../contracts/users';
import { type Db, selectRows } from '../../db/client';
import { users } from '../../db/schema';

interface UserSqlRow {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  locale: string;
  portfolio: Portfolio | null;
  has_password: boolean;
  invited_at: Date | string | null;
  disabled_at: Date | string | null;
  last_sign_in_at: Date | string | null;
  invitation_expires_at: Date | string | null;
}

/** PGlite and pg both give timestamps as Date, an aggregate over them may come as text: ISO either way. */
function toInstant(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** `disabled` wins; else `invited` while no password was chosen; else `active`. */
export function resolveUserStatus(user: { disabledAt: unknown; hasPassword: boolean }): UserStatus {
  if (user.disabledAt) return 'disabled';
  return user.hasPassword ? 'active' : 'invited';
}

function toUserRow(r: UserSqlRow): UserRow {
  const status = resolveUserStatus({ disabledAt: r.disabled_at, hasPassword: r.has_password });
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    locale: r.locale === 'en' ? 'en' : 'fr',
    portfolio: r.portfolio ?? null,
    status,
    invitedAt: toInstant(r.invited_at),
    invitationExpiresAt: status === 'invited' ? toInstant(r.invitation_expires_at) : null,
    disabledAt: toInstant(r.disabled_at),
    lastSignInAt: toInstant(r.last_sign_in_at),
  };
}

/**
 * The users of an organization as the admin's list shows them. The last sign-in is the newest
 * session (sign-out expires a session, it does not delete it).
 */
function selectUsers(where: SQL): SQL {
  return sql`select u.id, u.email, u.name, u.role, u.locale, u.portfolio, u.invited_at, u.disabled_at,
      u.password_hash is not null as has_password,
      (select max(s.created_at) from sessions s where s.org_id = u.org_id and s.user_id = u.id) as last_sign_in_at,
      (select max(t.expires_at) from user_tokens t
        where t.org_id = u.org_id and t.user_id = u.id and t.purpose = 'invitation' and t.used_at is null
      ) as invitation_expires_at
    from users u where ${where}`;
}

/** Every user of the organization, by name. */
export async function findUsers(db: Db, orgId: string): Promise<UserRow[]> {
  const rows = await selectRows<UserSqlRow>(
    db,
    sql`${selectUsers(sql`u.org_id = ${orgId}`)} order by lower(u.name), u.email`,
  );
  return rows.map(toUserRow);
}

/** One user of the organization, or null (an id of another organization included). */
export async function getUser(db: Db, orgId: string, id: string): Promise<UserRow | null> {
  const [row] = await selectRows<UserSqlRow>(db, selectUsers(sql`u.org_id = ${orgId} and u.id = ${id}`));
  return row ? toUserRow(row) : null;
}

/** What a change of role or status must know of a user; locks the row until the transaction ends. */
export async function lockUser(db: Db, orgId: string, id: string) {
  const [row] = await selectRows<{
    id: string;
    email: string;
    name: string;
    role: UserRole;
    locale: string;
    portfolio: Portfolio | null;
    has_password: boolean;
    disabled_at: Date | null;
  }>(
    db,
    sql`select id, email, name, role, locale, portfolio, password_hash is not null as has_password, disabled_at
      from users where org_id = ${orgId} and id = ${id} for update`,
  );
  return row ?? null;
}

/**
 * COL-5: the active admins (signed up, not disabled) other than `exceptId`, rows locked so two
 * admins cannot demote each other at the same moment and leave none.
 */
export async function countOtherActiveAdmins(db: Db, orgId: string, exceptId: string): Promise<number> {
  const rows = await selectRows<{ id: string }>(
    db,
    sql`select id from users where org_id = ${orgId} and role = 'admin' and disabled_at is null
      and password_hash is not null and id <> ${exceptId} for update`,
  );
  return rows.length;
}

/** The user with this email in any organization (an email names one user in the instance). */
export async function getUserByEmail(db: Db, email: string) {
  const [row] = await db
    .select({
      orgId: users.orgId,
      id: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return row ?? null;
}

/** A user invited by an admin: no password until they follow the emailed link. */
export async function insertInvitedUser(
  db: Db,
  values: {
    orgId: string;
    email: string;
    name: string;
    role: UserRole;
    locale: Locale;
    portfolio: Portfolio | null;
    invitedAt: Date;
    invitedBy: string;
  },
): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({ ...values, email: values.email.toLowerCase(), passwordHash: null, createdAt: values.invitedAt })
    .returning({ id: users.id });
  return row!.id;
}

export async function updateUserColumns(
  db: Db,
  key: { orgId: string; id: string },
  set: Partial<{
    role: UserRole;
    portfolio: Portfolio | null;
    disabledAt: Date | null;
    invitedAt: Date;
    invitedBy: string;
    passwordHash: string;
    name: string;
  }>,
): Promise<void> {
  await db
    .update(users)
    .set(set)
    .where(and(eq(users.orgId, key.orgId), eq(users.id, key.id)));
}

/** Sets the password of a user who is not disabled; false when the user is disabled (or gone). */
export async function setPassword(
  db: Db,
  key: { orgId: string; id: string },
  passwordHash: string,
  name?: string,
): Promise<boolean> {
  const rows = await db
    .update(users)
    .set(name ? { passwordHash, name } : { passwordHash })
    .where(and(eq(users.orgId, key.orgId), eq(users.id, key.id), isNull(users.disabledAt)))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** The distinct sales representatives and collectors of the organization's customers (COL-5 pickers). */
export async function findPortfolioOptions(db: Db, orgId: string): Promise<PortfolioOptions> {
  const rows = await selectRows<{ kind: 'salesRep' | 'collector'; value: string }>(
    db,
    sql`select distinct 'salesRep' as kind, sales_rep as value from customers
        where org_id = ${orgId} and coalesce(sales_rep, '') <> ''
      union
      select distinct 'collector' as kind, collector as value from customers
        where org_id = ${orgId} and coalesce(collector, '') <> ''`,
  );
  // Sorted here: the database's collation differs between PGlite and a server.
  const sorted = (kind: string) =>
    rows
      .filter((r) => r.kind === kind)
      .map((r) => r.value)
      .sort((a, b) => a.localeCompare(b, 'fr'));
  return { salesReps: sorted('salesRep'), collectors: sorted('collector') };
}
