import { eq, sql } from 'drizzle-orm';
import type { SmtpSettings, SmtpSettingsBody, SmtpTestResult } from '../../../contracts/mail-settings';
import type { Db } from '../../db/client';
import { orgSmtpSettings } from '../../db/schema';
import { AppError } from '../../errors/app-error';
import type { Mailer } from '../../mail/mailer';
import type { OrgSmtpRow } from '../../mail/org-transports';
import type { SecretBox } from '../../mail/secret-box';
import { describeTransportError } from '../../mail/smtp-transport';
import type { AuthContext } from '../auth/auth.service';

/**
 * An organization's own mail server (TPL-5): admins set it, test it, or remove it to fall back
 * on the server's. The password is sealed before it is stored and never read back out.
 */

type Admin = Pick<AuthContext, 'orgId' | 'userId' | 'name' | 'email'>;

function toView(row: OrgSmtpRow): SmtpSettings {
  return {
    host: row.host,
    port: row.port,
    security: row.security,
    username: row.username,
    hasPassword: row.passwordSealed !== null,
    fromName: row.fromName,
    fromAddress: row.fromAddress,
    replyToMode: row.replyToMode,
    replyToAddress: row.replyToAddress,
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function findRow(db: Db, orgId: string): Promise<OrgSmtpRow | null> {
  const [row] = await db.select().from(orgSmtpSettings).where(eq(orgSmtpSettings.orgId, orgId));
  return row ?? null;
}

export async function getSmtpSettings(db: Db, orgId: string): Promise<SmtpSettings | null> {
  const row = await findRow(db, orgId);
  return row ? toView(row) : null;
}

/** Saves the settings; a password left out keeps the stored one. */
export async function saveSmtpSettings(
  deps: { db: Db; box: SecretBox },
  admin: Admin,
  body: SmtpSettingsBody,
): Promise<SmtpSettings> {
  const existing = await findRow(deps.db, admin.orgId);
  const passwordSealed =
    body.password === undefined
      ? (existing?.passwordSealed ?? null)
      : body.password === null || body.password === ''
        ? null
        : deps.box.seal(body.password);
  const values = {
    host: body.host,
    port: body.port,
    security: body.security,
    username: body.username || null,
    passwordSealed,
    fromName: body.fromName,
    fromAddress: body.fromAddress,
    replyToMode: body.replyToMode,
    replyToAddress: body.replyToAddress,
    // The version the mailer compares to rebuild a transport: the database's clock, which moves.
    updatedAt: sql`clock_timestamp()`,
    updatedBy: admin.userId,
  };
  const [row] = await deps.db
    .insert(orgSmtpSettings)
    .values({ orgId: admin.orgId, ...values })
    .onConflictDoUpdate({ target: orgSmtpSettings.orgId, set: values })
    .returning();
  return toView(row!);
}

export async function deleteSmtpSettings(db: Db, mailer: Mailer, orgId: string): Promise<void> {
  await db.delete(orgSmtpSettings).where(eq(orgSmtpSettings.orgId, orgId));
  mailer.organizationServers?.forget(orgId);
}

/**
 * Sends a test email with the stored settings and says what the server answered: its message id,
 * or its refusal (a wrong password, an unknown host…). The test goes straight to the server: it is
 * not a message of the organization's log.
 */
export async function sendTestEmail(
  deps: { db: Db; mailer: Mailer },
  admin: Admin & Pick<AuthContext, 'organizationName'>,
  to: string,
): Promise<SmtpTestResult> {
  const row = await findRow(deps.db, admin.orgId);
  const servers = deps.mailer.organizationServers;
  if (!row || !servers) throw new AppError('invalid_input', 'settings: save the mail server settings first');
  const route = servers.routeOf(row);
  try {
    const { messageId } = await route.transport.deliver({
      to,
      sender: { name: row.fromName, replyTo: row.replyToAddress ?? admin.email },
      subject: `Encours — test email / e-mail de test (${admin.organizationName})`,
      text: `This message was sent by ${admin.name} from Encours to check the mail server ${row.host}:${row.port}.\n\nCe message a été envoyé par ${admin.name} depuis Encours pour vérifier le serveur de messagerie ${row.host}:${row.port}.\n`,
      html: null,
    });
    return { delivered: true, reply: messageId };
  } catch (error) {
    return { delivered: false, reply: describeTransportError(error) };
  } finally {
    route.transport.close();
  }
}
