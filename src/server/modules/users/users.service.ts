import type { UserRole } from '../../../contracts/auth';
import type {
  InvitationResult,
  MailOutcomeDto,
  Portfolio,
  UpdateUserBody,
  UserRow,
} from '../../../contracts/users';
import type { AppDeps } from '../../app-deps';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../errors/app-error';
import { MailDeliveryError, type RecordedMail } from '../../mail/mailer';
import { writeAudit } from '../audit/audit.queries';
import { type AuthContext, endSessions, forgetCachedSessions } from '../auth/auth.service';
import { createLink } from './account-links.service';
import { invitationEmail } from './user-emails';
import {
  countOtherActiveAdmins,
  getUser,
  getUserByEmail,
  insertInvitedUser,
  lockUser,
  updateUserColumns,
} from './users.queries';

type Admin = Pick<AuthContext, 'orgId' | 'userId' | 'name' | 'locale' | 'organizationName'>;

/** COL-5: admins see every customer, so an admin's portfolio is always "everything". */
const portfolioFor = (role: UserRole, portfolio: Portfolio | null) => (role === 'admin' ? null : portfolio);

async function getUserOrThrow(db: Db, orgId: string, id: string): Promise<UserRow> {
  const user = await getUser(db, orgId, id);
  if (!user) throw notFound('user');
  return user;
}

/** Hands the invitation to the mailer once the user exists; a refusal is reported, not thrown. */
async function deliverInvitation(deps: AppDeps, mail: RecordedMail): Promise<MailOutcomeDto> {
  try {
    const outcome = await deps.mailer.deliver(mail);
    return { id: outcome.id, status: outcome.status, error: null };
  } catch (error) {
    // The user and the link exist: the admin reads why the email failed and resends it.
    if (error instanceof MailDeliveryError) return { id: error.mailId, status: 'failed', error: error.reply };
    throw error;
  }
}

/** The invitation email of a user, recorded in the caller's transaction. */
async function recordInvitation(
  db: Db,
  deps: AppDeps,
  admin: Admin,
  invitee: { id: string; email: string; name: string; locale: 'fr' | 'en' },
  now: Date,
): Promise<RecordedMail> {
  const { link } = await createLink(db, deps, { orgId: admin.orgId, userId: invitee.id }, 'invitation', now);
  const content = invitationEmail(invitee.locale, {
    name: invitee.name,
    inviterName: admin.name,
    organizationName: admin.organizationName,
    link,
  });
  return deps.mailer.record({ orgId: admin.orgId, kind: 'invitation', to: invitee.email, ...content }, db);
}

/**
 * ACC-1: creates a user without a password and emails them a link valid 7 days, in their
 * language (the inviter's unless chosen). User, link, audit row and email are written together.
 */
export async function inviteUser(
  deps: AppDeps,
  admin: Admin,
  body: {
    email: string;
    name: string;
    role: UserRole;
    portfolio: Portfolio | null;
    locale?: 'fr' | 'en' | undefined;
  },
): Promise<InvitationResult> {
  const now = deps.clock.now();
  if (await getUserByEmail(deps.database.db, body.email)) {
    throw new AppError('conflict', `a user with the email ${body.email} already exists`);
  }
  const locale = body.locale ?? admin.locale;
  const { id, mail } = await deps.database.transaction(async (tx) => {
    const portfolio = portfolioFor(body.role, body.portfolio);
    const userId = await insertInvitedUser(tx.db, {
      orgId: admin.orgId,
      email: body.email,
      name: body.name,
      role: body.role,
      locale,
      portfolio,
      invitedAt: now,
      invitedBy: admin.userId,
    }).catch((error: unknown) => {
      // Two admins inviting the same address at once: the unique email index decides.
      if (isUniqueViolation(error)) {
        throw new AppError('conflict', `a user with the email ${body.email} already exists`);
      }
      throw error;
    });
    await writeAudit(tx.db, {
      orgId: admin.orgId,
      userId: admin.userId,
      action: 'user.invite',
      target: userId,
      details: { email: body.email, role: body.role, portfolio },
    });
    const invitee = { id: userId, email: body.email, name: body.name, locale };
    return { id: userId, mail: await recordInvitation(tx.db, deps, admin, invitee, now) };
  });
  const mailOutcome = await deliverInvitation(deps, mail);
  return { user: await getUserOrThrow(deps.database.db, admin.orgId, id), mail: mailOutcome };
}

function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  // drizzle wraps the driver's error in `cause`.
  for (let depth = 0; current && depth < 3; depth++) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** ACC-1: a new invitation link (the previous one stops working), emailed again. */
export async function resendInvitation(deps: AppDeps, admin: Admin, id: string): Promise<InvitationResult> {
  const now = deps.clock.now();
  const mail = await deps.database.transaction(async (tx) => {
    const user = await lockUser(tx.db, admin.orgId, id);
    if (!user) throw notFound('user');
    if (user.disabled_at)
      throw new AppError('conflict', 'this user is disabled: enable them before inviting again');
    if (user.has_password) throw new AppError('conflict', 'this user has already accepted the invitation');
    await updateUserColumns(tx.db, { orgId: admin.orgId, id }, { invitedAt: now, invitedBy: admin.userId });
    await writeAudit(tx.db, {
      orgId: admin.orgId,
      userId: admin.userId,
      action: 'user.invitation_resend',
      target: id,
    });
    const invitee = {
      id,
      email: user.email,
      name: user.name,
      locale: user.locale === 'en' ? 'en' : 'fr',
    } as const;
    return recordInvitation(tx.db, deps, admin, invitee, now);
  });
  const mailOutcome = await deliverInvitation(deps, mail);
  return { user: await getUserOrThrow(deps.database.db, admin.orgId, id), mail: mailOutcome };
}

/** COL-5: refuses a change that would leave the organization without an active admin. */
async function assertAnotherActiveAdmin(db: Db, orgId: string, user: { id: string }): Promise<void> {
  if ((await countOtherActiveAdmins(db, orgId, user.id)) === 0) {
    throw new AppError(
      'last_admin',
      'this is the last active admin of the organization: make another user admin first',
    );
  }
}

const isActiveAdmin = (user: { role: UserRole; disabled_at: Date | null; has_password: boolean }) =>
  user.role === 'admin' && !user.disabled_at && user.has_password;

/** COL-5: a new role and/or portfolio; it applies to the user's open sessions at once. */
export async function updateUser(
  deps: AppDeps,
  admin: Admin,
  id: string,
  body: UpdateUserBody,
): Promise<UserRow> {
  await deps.database.transaction(async (tx) => {
    const user = await lockUser(tx.db, admin.orgId, id);
    if (!user) throw notFound('user');
    const role = body.role ?? user.role;
    const portfolio = portfolioFor(role, body.portfolio === undefined ? user.portfolio : body.portfolio);
    if (role !== 'admin' && isActiveAdmin(user)) await assertAnotherActiveAdmin(tx.db, admin.orgId, user);
    await updateUserColumns(tx.db, { orgId: admin.orgId, id }, { role, portfolio });
    await writeAudit(tx.db, {
      orgId: admin.orgId,
      userId: admin.userId,
      action: 'user.update',
      target: id,
      details: {
        from: { role: user.role, portfolio: user.portfolio ?? null },
        to: { role, portfolio },
      },
    });
  });
  forgetCachedSessions(id);
  return getUserOrThrow(deps.database.db, admin.orgId, id);
}

/**
 * ACC-1: a disabled user cannot sign in and their sessions end at once; enabling gives the
 * account back as it was. Doing it twice changes nothing more.
 */
export async function setUserDisabled(
  deps: AppDeps,
  admin: Admin,
  id: string,
  isDisabled: boolean,
): Promise<UserRow> {
  const now = deps.clock.now();
  await deps.database.transaction(async (tx) => {
    const user = await lockUser(tx.db, admin.orgId, id);
    if (!user) throw notFound('user');
    if (Boolean(user.disabled_at) === isDisabled) return;
    if (isDisabled && isActiveAdmin(user)) await assertAnotherActiveAdmin(tx.db, admin.orgId, user);
    const key = { orgId: admin.orgId, id };
    await updateUserColumns(tx.db, key, { disabledAt: isDisabled ? now : null });
    if (isDisabled) await endSessions(tx.db, { orgId: admin.orgId, userId: id }, now);
    await writeAudit(tx.db, {
      orgId: admin.orgId,
      userId: admin.userId,
      action: isDisabled ? 'user.disable' : 'user.enable',
      target: id,
    });
  });
  forgetCachedSessions(id);
  return getUserOrThrow(deps.database.db, admin.orgId, id);
}
