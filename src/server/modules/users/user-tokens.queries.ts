import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { type Db, selectRows } from '../../db/client';
import { type UserTokenPurpose, userTokens } from '../../db/schema';

/**
 * Stores a new link token (its hash) for a user; the earlier unused ones of the same purpose are
 * deleted, so only the newest link of a kind works.
 */
export async function replaceUserToken(
  db: Db,
  values: {
    tokenHash: string;
    orgId: string;
    userId: string;
    purpose: UserTokenPurpose;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .delete(userTokens)
    .where(
      and(
        eq(userTokens.orgId, values.orgId),
        eq(userTokens.userId, values.userId),
        eq(userTokens.purpose, values.purpose),
        isNull(userTokens.usedAt),
      ),
    );
  await db.insert(userTokens).values(values);
}

export interface LinkTokenRow {
  org_id: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
  email: string;
  name: string;
  locale: string;
  disabled_at: Date | null;
  organization_name: string;
}

/** A link token with its user and organization, whatever its state, or null when unknown. */
export async function getLinkToken(
  db: Db,
  tokenHash: string,
  purpose: UserTokenPurpose,
): Promise<LinkTokenRow | null> {
  const [row] = await selectRows<LinkTokenRow>(
    db,
    sql`select t.org_id, t.user_id, t.expires_at, t.used_at, u.email, u.name, u.locale, u.disabled_at,
        o.name as organization_name
      from user_tokens t
      join users u on u.org_id = t.org_id and u.id = t.user_id
      join organizations o on o.id = t.org_id
      where t.token_hash = ${tokenHash} and t.purpose = ${purpose}`,
  );
  return row ? { ...row, expires_at: new Date(row.expires_at) } : null;
}

/**
 * Marks a valid token used and returns whose it is; null when it is unknown, used or expired.
 * One statement, so two tabs following the same link cannot both use it.
 */
export async function claimLinkToken(
  db: Db,
  tokenHash: string,
  purpose: UserTokenPurpose,
  now: Date,
): Promise<{ orgId: string; userId: string } | null> {
  const [row] = await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(userTokens.tokenHash, tokenHash),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, now),
      ),
    )
    .returning({ orgId: userTokens.orgId, userId: userTokens.userId });
  return row ?? null;
}

/** Spends every unused link of a user (a password was just set: older links must not open it). */
export async function spendUserTokens(
  db: Db,
  key: { orgId: string; userId: string },
  now: Date,
): Promise<void> {
  await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(
      and(eq(userTokens.orgId, key.orgId), eq(userTokens.userId, key.userId), isNull(userTokens.usedAt)),
    );
}
