import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema';

/** Records a change made by a user (COL-8); call it in the transaction of the change. */
export async function writeAudit(
  db: Db,
  entry: {
    orgId: string;
    userId: string | null;
    action: string;
    target?: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(auditLog).values({
    orgId: entry.orgId,
    userId: entry.userId,
    action: entry.action,
    target: entry.target ?? null,
    details: entry.details ?? {},
  });
}
