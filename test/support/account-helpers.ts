import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../../src/contracts/auth';
import { type Db, selectRows } from '../../src/server/db/client';

/** The token of the `/invitation` or `/reset-password` link in an email body. */
export function linkToken(body: string, path: '/invitation' | '/reset-password'): string {
  const match = body.match(new RegExp(`http://encours\\.test${path}\\?token=([A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`no ${path} link in:\n${body}`);
  return match[1]!;
}

/** The bodies of the messages of a kind sent to an address, oldest first. */
export async function mailsTo(db: Db, orgId: string, to: string, kind: string) {
  return selectRows<{
    id: string;
    subject: string;
    text_body: string;
    html_body: string | null;
    status: string;
  }>(
    db,
    sql`select id, subject, text_body, html_body, status from mail_messages
      where org_id = ${orgId} and to_address = ${to} and kind = ${kind} order by created_at, id`,
  );
}

/** The audit actions of an organization, oldest first. */
export async function auditActions(db: Db, orgId: string): Promise<string[]> {
  const rows = await selectRows<{ action: string }>(
    db,
    sql`select action from audit_log where org_id = ${orgId} order by id`,
  );
  return rows.map((r) => r.action);
}

/** The session cookie a response set, as a `cookie` header. */
export function cookieOf(response: Awaited<ReturnType<FastifyInstance['inject']>>): string {
  const value = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  if (!value) throw new Error(`no session cookie in ${response.statusCode} ${response.body}`);
  return `${SESSION_COOKIE}=${value}`;
}
