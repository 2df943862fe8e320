import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { and, eq, sql } from 'drizzle-orm';
import type { CalendarDate } from '../../domain/calendar';
import type { Database } from '../db/client';
import { type SyncSource, syncs } from '../db/schema';
import { AppError } from '../errors/app-error';
import { getCompanyOrThrow, lockCompany } from '../modules/companies/companies.queries';
import { refreshCompanyReceivables } from '../modules/receivables/company-refresh';
import { FileRejectedError, type LineError } from './import-rows';
import type { JournalMonthSums } from './ledger-staging';
import { loadLedger } from './ledger-sync';
import type { ImportProgress, SyncContext } from './sync-context';
import { loadContacts, loadCustomers } from './table-sync';
import type { ColumnMapping } from './tabular/column-mapping';
import { openTable } from './tabular/tabular-reader';

export interface SyncRequest {
  orgId: string;
  companyId: string;
  source: SyncSource;
  filePath: string;
  /** Name shown in the history: the uploaded file's name. */
  fileName: string;
  userId: string | null;
  trigger: 'user' | 'cli' | 'schedule' | 'demo';
  /** Column mapping of a spreadsheet; guessed from its headers when absent. */
  mapping?: ColumnMapping | undefined;
  today: CalendarDate;
  now: Date;
  onProgress?: (progress: ImportProgress) => void;
  /** Test hook: called between stages inside the transaction, to prove an abort loses nothing. */
  afterStage?: (stage: 'loaded' | 'derived') => Promise<void> | void;
  /** Id for the sync row; generated when absent (the HTTP layer passes its import id). */
  syncId?: string;
  /** Read the ledger in a thread of its own; by default only large files are. */
  thread?: boolean;
  /** How many threads read a FEC side by side (default: 2 on a server, 1 embedded). */
  threads?: number;
}

/** What a sync reports (IMP-9); amounts in the company's currency, in cents. */
export interface SyncReport {
  lines: number;
  totalDebit: number;
  totalCredit: number;
  customers: number;
  entries: number;
  openItems: number;
  outstanding: number;
  currency: string;
  inserted: number;
  updated: number;
  gone: number;
  dialect?: Record<string, unknown>;
}

export type SyncOutcome =
  | { status: 'succeeded'; syncId: string; report: SyncReport }
  | {
      status: 'failed';
      syncId: string;
      /** Why, for the web app to say in the user's language: `lines_rejected`, a file code… */
      code: string;
      message: string;
      errors: LineError[];
      report: Partial<SyncReport>;
    };

/**
 * Imports one file into one company: a ledger (FEC or entries spreadsheet) replaces the company's
 * ledger; a customers or contacts file updates what it carries. Everything happens in one
 * transaction (IMP-6): a file with a bad line, a thrown error or a killed process leaves the
 * database as it was, and the sync is recorded either way (IMP-9).
 */
export async function runSync(database: Database, request: SyncRequest): Promise<SyncOutcome> {
  const { orgId, companyId } = request;
  const company = await getCompanyOrThrow(database.db, orgId, companyId);
  const totalBytes = (await stat(request.filePath)).size;

  const syncId = request.syncId ?? randomUUID();
  const ctx: SyncContext = { orgId, companyId, syncId, today: request.today, now: request.now };
  const started = performance.now();
  await database.db.insert(syncs).values({
    orgId,
    id: syncId,
    companyId,
    source: request.source,
    fileName: request.fileName,
    userId: request.userId,
    trigger: request.trigger,
    status: 'running',
    startedAt: request.now,
  });

  const progress: ImportProgress = { phase: 'reading', bytesRead: 0, totalBytes, lines: 0 };
  const report = (update: Partial<ImportProgress>) => {
    Object.assign(progress, update);
    request.onProgress?.({ ...progress });
  };

  const finish = async (outcome: SyncOutcome) => {
    const durationMs = Math.round(performance.now() - started);
    await database.db
      .update(syncs)
      .set({
        status: outcome.status,
        finishedAt: new Date(request.now.getTime() + durationMs),
        durationMs,
        report: outcome.report as Record<string, unknown>,
        errors:
          outcome.status === 'failed'
            ? [{ message: outcome.message, code: outcome.code }, ...outcome.errors]
            : [],
      })
      .where(and(eq(syncs.orgId, orgId), eq(syncs.id, syncId)));
    report({ phase: 'done' });
    return outcome;
  };

  try {
    const result = await database.transaction(async (tx) => {
      // One import of a company at a time (web, CLI, schedule): the second waits for the first.
      await lockCompany(tx.db, orgId, companyId);
      let partial: Omit<SyncReport, 'openItems' | 'outstanding' | 'currency'>;
      let errors: LineError[];
      let flows: JournalMonthSums[] | undefined;
      if (request.source === 'fec' || request.source === 'entries') {
        const loaded = await loadLedger(
          tx,
          ctx,
          {
            source: request.source,
            path: request.filePath,
            mapping: request.mapping,
            keepAllLines: request.source === 'entries',
            receivablePrefixes: company.receivablePrefixes,
          },
          report,
          { thread: request.thread, threads: request.threads },
        );
        errors = loaded.errors;
        flows = loaded.flows;
        const { dialect, flows: _flows, ...rest } = loaded;
        partial = { ...rest, ...(dialect ? { dialect } : {}) };
      } else {
        const loaded =
          request.source === 'customers'
            ? await loadCustomers(
                tx,
                ctx,
                (await openTable(request.filePath, { kind: 'customers', mapping: request.mapping })).batches,
                report,
              )
            : await loadContacts(
                tx,
                ctx,
                (await openTable(request.filePath, { kind: 'contacts', mapping: request.mapping })).batches,
                report,
              );
        errors = loaded.errors;
        partial = { ...loaded, totalDebit: 0, totalCredit: 0, entries: 0 };
      }
      if (errors.length > 0) {
        // Thrown to roll back the transaction; caught below and recorded as a failed sync.
        throw new LinesRejected(errors, partial);
      }
      await request.afterStage?.('loaded');
      report({ phase: 'computing' });
      const derived = await refreshCompanyReceivables(tx, {
        orgId,
        companyId,
        today: request.today,
        defaultTerms: company.defaultTerms,
        change: request.source === 'fec' || request.source === 'entries' ? 'ledger' : 'customers',
        flows,
      });
      await request.afterStage?.('derived');
      return { ...partial, ...derived, currency: company.currency } satisfies SyncReport;
    });
    return await finish({ status: 'succeeded', syncId, report: result });
  } catch (error) {
    if (error instanceof LinesRejected) {
      const message = `${error.errors.length} line(s) are wrong; nothing was imported`;
      return finish({
        status: 'failed',
        syncId,
        code: 'lines_rejected',
        message,
        errors: error.errors,
        report: error.report,
      });
    }
    if (error instanceof FileRejectedError || error instanceof AppError) {
      return finish({
        status: 'failed',
        syncId,
        code: error.code,
        message: error.message,
        errors: [],
        report: {},
      });
    }
    await finish({
      status: 'failed',
      syncId,
      code: 'internal',
      message: 'internal error',
      errors: [],
      report: {},
    }).catch(() => undefined);
    throw error;
  }
}

class LinesRejected extends Error {
  constructor(
    readonly errors: LineError[],
    readonly report: Partial<SyncReport>,
  ) {
    super('lines rejected');
  }
}

/**
 * A process killed during an import leaves its sync row `running` (its transaction was rolled
 * back by the database). Embedded, the process that opens the data folder is its only user, so
 * every such row is closed; on a server another instance may be importing, so only rows older
 * than `olderThanMs` are.
 */
export async function closeInterruptedSyncs(database: Database, now: Date, olderThanMs = 0): Promise<number> {
  const before = new Date(now.getTime() - olderThanMs);
  const result = await database.db
    .update(syncs)
    .set({
      status: 'failed',
      finishedAt: now,
      errors: [{ message: 'interrupted: the process stopped during the import', code: 'interrupted' }],
    })
    .where(and(eq(syncs.status, 'running'), sql`${syncs.startedAt} < ${before.toISOString()}`))
    .returning({ id: syncs.id });
  return result.length;
}
