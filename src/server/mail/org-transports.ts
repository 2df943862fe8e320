import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgSmtpSettings } from '../db/schema';
import type { SecretBox } from './secret-box';
import { createSmtpTransport, type MailTransport } from './smtp-transport';

export type OrgSmtpRow = typeof orgSmtpSettings.$inferSelect;

/** How an organization's messages leave when it has a mail server of its own (TPL-5). */
export interface OrgRoute {
  transport: MailTransport;
  /** Where answers go when the message is not sent for a user, or always in `company` mode. */
  replyToMode: OrgSmtpRow['replyToMode'];
  replyToAddress: string | null;
}

/** A nodemailer URL from the settings: `smtps://` for TLS from the start, STARTTLS required or not. */
export function smtpUrlOf(row: OrgSmtpRow, password: string | null): string {
  const scheme = row.security === 'tls' ? 'smtps' : 'smtp';
  const auth = row.username
    ? `${encodeURIComponent(row.username)}${password !== null ? `:${encodeURIComponent(password)}` : ''}@`
    : '';
  const host = row.host.includes(':') ? `[${row.host}]` : row.host;
  const options =
    row.security === 'starttls' ? '?requireTLS=true' : row.security === 'none' ? '?ignoreTLS=true' : '';
  return `${scheme}://${auth}${host}:${row.port}${options}`;
}

/** `Name <address>` with the name quoted when it needs to be. */
export function formatFrom(name: string, address: string): string {
  const quoted = /[",<>@;:]/.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : name;
  return name ? `${quoted} <${address}>` : address;
}

/**
 * The organizations' own mail servers: each message reads its organization's settings (one
 * lookup by primary key), and the transport built from them is kept until they change — also
 * when another instance changed them, since the row's `updated_at` is compared each time.
 */
export class OrgTransports {
  private readonly cache = new Map<string, { updatedAt: number; route: OrgRoute }>();

  constructor(readonly secretBox: SecretBox) {}

  /** The organization's route, or `null` when it has no settings of its own. */
  async forOrg(db: Db, orgId: string): Promise<OrgRoute | null> {
    const [row] = await db.select().from(orgSmtpSettings).where(eq(orgSmtpSettings.orgId, orgId));
    const cached = this.cache.get(orgId);
    if (!row) {
      if (cached) this.forget(orgId);
      return null;
    }
    if (cached && cached.updatedAt === row.updatedAt.getTime()) return cached.route;
    if (cached) cached.route.transport.close();
    const route = this.routeOf(row);
    this.cache.set(orgId, { updatedAt: row.updatedAt.getTime(), route });
    return route;
  }

  /** A route from settings, outside the cache: what "send a test email" uses. */
  routeOf(row: OrgSmtpRow): OrgRoute {
    const password = row.passwordSealed ? this.secretBox.open(row.passwordSealed) : null;
    return {
      transport: createSmtpTransport({
        url: smtpUrlOf(row, password),
        from: formatFrom(row.fromName, row.fromAddress),
      }),
      replyToMode: row.replyToMode,
      replyToAddress: row.replyToAddress,
    };
  }

  forget(orgId: string): void {
    this.cache.get(orgId)?.route.transport.close();
    this.cache.delete(orgId);
  }

  close(): void {
    for (const orgId of [...this.cache.keys()]) this.forget(orgId);
  }
}
