import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { LineErrorDto, SyncDetail, SyncListQuery, SyncRow } from '../../../contracts/imports';
import type { Db } from '../../db/client';
import { companies, syncs, users } from '../../db/schema';

/**
 * A sync row keeps its refusal as the first element of `errors` (`{ message, code }`), followed by
 * the refused lines (see `runSync`).
 */
function splitErrors(errors: unknown[]): {
  message: string | null;
  messageCode: string | null;
  lines: LineErrorDto[];
} {
  const [first, ...lines] = errors as [{ message?: string; code?: string }?, ...LineErrorDto[]];
  return { message: first?.message ?? null, messageCode: first?.code ?? null, lines };
}

const rowColumns = {
  sync: syncs,
  companyCode: companies.code,
  companyName: companies.name,
  userName: users.name,
};

type JoinedRow = {
  sync: typeof syncs.$inferSelect;
  companyCode: string;
  companyName: string;
  userName: string | null;
};

function toSyncRow({
  sync,
  companyCode,
  companyName,
  userName,
}: JoinedRow): SyncRow & { errors: LineErrorDto[] } {
  const { message, messageCode, lines } = splitErrors(sync.errors);
  return {
    id: sync.id,
    companyId: sync.companyId,
    companyCode,
    companyName,
    source: sync.source,
    fileName: sync.fileName,
    trigger: sync.trigger,
    userId: sync.userId,
    userName,
    status: sync.status,
    startedAt: sync.startedAt.toISOString(),
    finishedAt: sync.finishedAt?.toISOString() ?? null,
    durationMs: sync.durationMs,
    report: sync.report,
    errorCount: lines.length,
    message,
    messageCode,
    errors: lines,
  };
}

function joined(db: Db) {
  return db
    .select(rowColumns)
    .from(syncs)
    .innerJoin(companies, and(eq(companies.orgId, syncs.orgId), eq(companies.id, syncs.companyId)))
    .leftJoin(users, and(eq(users.orgId, syncs.orgId), eq(users.id, syncs.userId)));
}

/**
 * One page of the organization's syncs, newest first, with the total matching the filters
 * (IMP-9). A sync's refused lines stay out of the list: `getSync` gives them.
 */
export async function findSyncs(
  db: Db,
  orgId: string,
  query: SyncListQuery,
): Promise<{ items: SyncRow[]; total: number }> {
  const conditions: SQL[] = [eq(syncs.orgId, orgId)];
  if (query.companyId) conditions.push(eq(syncs.companyId, query.companyId));
  if (query.status) conditions.push(eq(syncs.status, query.status));
  if (query.source) conditions.push(eq(syncs.source, query.source));
  const where = and(...conditions);
  const [rows, [counted]] = await Promise.all([
    joined(db)
      .where(where)
      .orderBy(desc(syncs.startedAt), desc(syncs.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(syncs).where(where),
  ]);
  return {
    items: rows.map((row) => {
      const { errors: _lines, ...item } = toSyncRow(row);
      return item;
    }),
    total: counted?.total ?? 0,
  };
}

/** One sync of the organization with its refused lines, or null. */
export async function getSync(db: Db, orgId: string, syncId: string): Promise<SyncDetail | null> {
  const [row] = await joined(db).where(and(eq(syncs.orgId, orgId), eq(syncs.id, syncId)));
  return row ? toSyncRow(row) : null;
}
