import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { type MailStatus, mailMessages } from '../db/schema';

export type MailMessageRow = typeof mailMessages.$inferSelect;

/** Records a message; `status` is `outbox` without SMTP, `sending` before an SMTP delivery. */
export async function insertMailMessage(
  db: Db,
  values: {
    orgId: string;
    kind: string;
    toAddress: string;
    ccAddresses?: string | null;
    fromName?: string | null;
    replyTo?: string | null;
    messageId?: string | null;
    subject: string;
    textBody: string;
    htmlBody: string | null;
    status: Extract<MailStatus, 'outbox' | 'sending'>;
    createdAt: Date;
  },
): Promise<MailMessageRow> {
  const [row] = await db.insert(mailMessages).values(values).returning();
  return row!;
}

/** Records the outcome of a delivery: `sent` with the message id, or `failed` with the server's reply. */
export async function setMailOutcome(
  db: Db,
  key: { orgId: string; id: string },
  outcome: { status: 'sent' | 'deferred' | 'failed'; sentAt: Date | null; transportReply: string },
): Promise<void> {
  await db
    .update(mailMessages)
    .set(outcome)
    .where(and(eq(mailMessages.orgId, key.orgId), eq(mailMessages.id, key.id)));
}

/** One page of an organization's messages, newest first, without their bodies. */
export async function findMailMessages(
  db: Db,
  orgId: string,
  query: { status?: MailStatus | undefined; page: number; pageSize: number },
) {
  const conditions: SQL[] = [eq(mailMessages.orgId, orgId)];
  if (query.status) conditions.push(eq(mailMessages.status, query.status));
  const where = and(...conditions);
  const items = await db
    .select({
      id: mailMessages.id,
      createdAt: mailMessages.createdAt,
      kind: mailMessages.kind,
      toAddress: mailMessages.toAddress,
      subject: mailMessages.subject,
      status: mailMessages.status,
      sentAt: mailMessages.sentAt,
      transportReply: mailMessages.transportReply,
    })
    .from(mailMessages)
    .where(where)
    .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [total] = await db.select({ n: count() }).from(mailMessages).where(where);
  return { items, total: Number(total?.n ?? 0) };
}

/** One message of the organization with both bodies, or null (another organization's id included). */
export async function getMailMessage(db: Db, orgId: string, id: string): Promise<MailMessageRow | null> {
  const [row] = await db
    .select()
    .from(mailMessages)
    .where(and(eq(mailMessages.orgId, orgId), eq(mailMessages.id, id)));
  return row ?? null;
}
