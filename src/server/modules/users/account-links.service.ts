import type { Locale } from '../../../contracts/auth';
import type { AcceptInvitationBody, LinkPreview, PasswordResetConfirmBody } from '../../../contracts/users';
import type { AppDeps } from '../../app-deps';
import type { Db } from '../../db/client';
import type { UserTokenPurpose } from '../../db/schema';
import { AppError } from '../../errors/app-error';
import type { RecordedMail } from '../../mail/mailer';
import { writeAudit } from '../audit/audit.queries';
import {
  clearSignInFailures,
  endSessions,
  forgetCachedSessions,
  hashPassword,
  hashToken,
  newToken,
  openSession,
} from '../auth/auth.service';
import { passwordResetEmail } from './user-emails';
import { claimLinkToken, getLinkToken, replaceUserToken, spendUserTokens } from './user-tokens.queries';
import { getUserByEmail, setPassword } from './users.queries';

/** ACC-1: an invitation link works 7 days, a password-reset link 1 hour. */
export const LINK_VALIDITY_MS: Record<UserTokenPurpose, number> = {
  invitation: 7 * 24 * 3600_000,
  password_reset: 3600_000,
};

const LINK_PATHS: Record<UserTokenPurpose, string> = {
  invitation: '/invitation',
  password_reset: '/reset-password',
};

/**
 * Creates the one-use link of `purpose` for a user (only its hash is stored; an earlier unused
 * link of the same kind stops working) and returns the address to email.
 */
export async function createLink(
  db: Db,
  deps: Pick<AppDeps, 'config'>,
  user: { orgId: string; userId: string },
  purpose: UserTokenPurpose,
  now: Date,
): Promise<{ link: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + LINK_VALIDITY_MS[purpose]);
  await replaceUserToken(db, {
    tokenHash: hashToken(token),
    orgId: user.orgId,
    userId: user.userId,
    purpose,
    createdAt: now,
    expiresAt,
  });
  return { link: `${deps.config.publicUrl}${LINK_PATHS[purpose]}?token=${token}`, expiresAt };
}

const WHAT: Record<UserTokenPurpose, string> = {
  invitation: 'invitation',
  password_reset: 'password-reset link',
};

/** The token's user and organization when the link still works; else the reason, as a coded error. */
async function readLinkOrThrow(db: Db, token: string, purpose: UserTokenPurpose, now: Date) {
  const row = await getLinkToken(db, hashToken(token), purpose);
  // A disabled user's links stop working, like their sessions.
  if (!row || row.disabled_at) {
    throw new AppError('token_invalid', `this ${WHAT[purpose]} link is not valid: ask for a new one`);
  }
  if (row.used_at) throw new AppError('token_used', `this ${WHAT[purpose]} link was already used`);
  if (row.expires_at.getTime() <= now.getTime()) {
    throw new AppError('token_expired', `this ${WHAT[purpose]} link has expired: ask for a new one`);
  }
  return row;
}

/** Who a link is for, so the page can greet them before they choose a password. */
export async function previewLink(
  deps: AppDeps,
  token: string,
  purpose: UserTokenPurpose,
): Promise<LinkPreview> {
  const row = await readLinkOrThrow(deps.database.db, token, purpose, deps.clock.now());
  return {
    email: row.email,
    name: row.name,
    locale: row.locale === 'en' ? 'en' : 'fr',
    organizationName: row.organization_name,
    expiresAt: row.expires_at.toISOString(),
  };
}

/**
 * Uses a link to set a password, in one transaction: claims the token (once), sets the password,
 * spends the user's other links, ends their sessions when asked, writes the audit row, and opens
 * a session for whoever followed the link.
 */
async function setPasswordByLink(
  deps: AppDeps,
  input: { token: string; password: string; name?: string | undefined },
  purpose: UserTokenPurpose,
  action: string,
): Promise<{ token: string; expiresAt: Date }> {
  const now = deps.clock.now();
  // Checked first so a dead link is refused before the slow password hash.
  const link = await readLinkOrThrow(deps.database.db, input.token, purpose, now);
  const passwordHash = await hashPassword(input.password);
  const session = await deps.database.transaction(async (tx) => {
    const claimed = await claimLinkToken(tx.db, hashToken(input.token), purpose, now);
    if (!claimed) throw new AppError('token_used', `this ${WHAT[purpose]} link was already used`);
    const key = { orgId: claimed.orgId, id: claimed.userId };
    if (!(await setPassword(tx.db, key, passwordHash, input.name))) {
      throw new AppError('token_invalid', `this ${WHAT[purpose]} link is not valid: ask for a new one`);
    }
    await spendUserTokens(tx.db, claimed, now);
    // A new password ends every session opened with the old one (a thief's included).
    if (purpose === 'password_reset') await endSessions(tx.db, claimed, now);
    await writeAudit(tx.db, {
      orgId: claimed.orgId,
      userId: claimed.userId,
      action,
      target: claimed.userId,
      details: input.name && input.name !== link.name ? { name: input.name } : {},
    });
    return openSession(tx.db, claimed, now);
  });
  forgetCachedSessions(link.user_id);
  clearSignInFailures(link.email);
  return session;
}

/** ACC-1: the invited user chooses a password (and may correct their name) and is signed in. */
export function acceptInvitation(deps: AppDeps, body: AcceptInvitationBody) {
  return setPasswordByLink(deps, body, 'invitation', 'user.invitation_accept');
}

/** ACC-1: a new password from a reset link; the user's other sessions end, a new one opens. */
export function confirmPasswordReset(deps: AppDeps, body: PasswordResetConfirmBody) {
  return setPasswordByLink(deps, body, 'password_reset', 'user.password_reset');
}

/**
 * Reset emails per address: at most `MAX_RESETS` an hour, whoever asks, so the form cannot be
 * used to flood someone's mailbox. Over the limit the request is dropped silently.
 */
const MAX_RESETS = 5;
const RESET_WINDOW_MS = 3600_000;
const resetRequests = new Map<string, { count: number; since: number }>();

function isResetAllowed(email: string, now: Date): boolean {
  const entry = resetRequests.get(email);
  if (!entry || now.getTime() - entry.since > RESET_WINDOW_MS) {
    if (resetRequests.size > 100_000) resetRequests.clear();
    resetRequests.set(email, { count: 1, since: now.getTime() });
    return true;
  }
  entry.count++;
  return entry.count <= MAX_RESETS;
}

/**
 * ACC-1: emails a password-reset link to an enabled user with this address. The caller answers
 * the same whatever happens, so nobody learns which addresses have an account; the email is
 * recorded before this returns and handed to the SMTP server afterwards (`deliver`), so the time
 * taken does not tell either.
 */
export async function requestPasswordReset(
  deps: AppDeps,
  email: string,
): Promise<{ deliver: () => Promise<unknown> } | null> {
  const now = deps.clock.now();
  if (!isResetAllowed(email.toLowerCase(), now)) return null;
  const user = await getUserByEmail(deps.database.db, email);
  if (!user || user.disabledAt) return null;
  const mail: RecordedMail = await deps.database.transaction(async (tx) => {
    const key = { orgId: user.orgId, userId: user.id };
    const { link } = await createLink(tx.db, deps, key, 'password_reset', now);
    await writeAudit(tx.db, {
      orgId: user.orgId,
      userId: null,
      action: 'user.password_reset_request',
      target: user.id,
    });
    const locale: Locale = user.locale === 'en' ? 'en' : 'fr';
    const content = passwordResetEmail(locale, { name: user.name, email: user.email, link });
    return deps.mailer.record(
      { orgId: user.orgId, kind: 'password_reset', to: user.email, ...content },
      tx.db,
    );
  });
  return { deliver: () => deps.mailer.deliver(mail) };
}
