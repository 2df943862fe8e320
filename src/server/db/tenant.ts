import { sql } from 'drizzle-orm';
import type { Db } from './client';

/** Every table that holds tenant data, children first. */
const TENANT_TABLES = [
  'sessions',
  'user_tokens',
  'mail_messages',
  'kpi_snapshots',
  'monthly_flows',
  'owner_monthly_flows',
  'audit_log',
  'contacts',
  'open_items',
  'customer_summaries',
  'entries',
  'customers',
  'payment_methods',
  'column_mappings',
  'syncs',
  'companies',
  'users',
] as const;

/**
 * Deletes an organization and everything it owns. The ledger-sized tables have no foreign key
 * (docs/adr/0002), so a cascade would not reach them: each table is emptied by `org_id`.
 */
export async function deleteOrganizationData(db: Db, orgId: string): Promise<void> {
  for (const table of TENANT_TABLES) {
    await db.execute(sql`delete from ${sql.identifier(table)} where org_id = ${orgId}`);
  }
  await db.execute(sql`delete from organizations where id = ${orgId}`);
}
