import { randomUUID } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportStatus } from '../../../contracts/imports';
import type { Clock } from '../../config';
import type { Database } from '../../db/client';
import type { SyncSource } from '../../db/schema';
import { runSync, type SyncOutcome } from '../../import/sync.service';
import type { ImportProgress } from '../../import/sync-context';
import type { ColumnMapping } from '../../import/tabular/column-mapping';

/** A file received and checked, waiting for the user to start its import. */
export interface StoredUpload {
  id: string;
  orgId: string;
  companyId: string;
  source: SyncSource;
  path: string;
  fileName: string;
  size: number;
}

/** How long a finished import's live status, or an upload never imported, is kept. */
const KEEP_MS = 60 * 60 * 1000;

interface Job {
  orgId: string;
  status: ImportStatus;
}

/**
 * Imports run in the background of the server process; their progress lives here while they run
 * (read without touching the database, which an embedded import keeps busy) and in `syncs` after.
 */
export class ImportJobs {
  private readonly uploads = new Map<string, StoredUpload>();
  private readonly jobs = new Map<string, Job>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  addUpload(upload: Omit<StoredUpload, 'id'> & { id?: string }): StoredUpload {
    const stored = { ...upload, id: upload.id ?? randomUUID() };
    this.uploads.set(stored.id, stored);
    // A file uploaded and never imported is dropped after a while.
    setTimeout(() => {
      if (this.uploads.delete(stored.id)) rm(stored.path, { force: true }).catch(() => undefined);
    }, KEEP_MS).unref();
    return stored;
  }

  /** The upload if it belongs to that organization; another tenant's upload does not exist. */
  getUpload(orgId: string, uploadId: string): StoredUpload | null {
    const upload = this.uploads.get(uploadId);
    return upload && upload.orgId === orgId ? upload : null;
  }

  getStatus(orgId: string, importId: string): ImportStatus | null {
    const job = this.jobs.get(importId);
    return job && job.orgId === orgId ? job.status : null;
  }

  /** Starts the import of an upload in the background and returns its id at once. */
  start(upload: StoredUpload, input: { userId: string; mapping?: ColumnMapping | undefined }): string {
    this.uploads.delete(upload.id);
    const importId = randomUUID();
    const now = this.clock.now();
    const status: ImportStatus = {
      id: importId,
      companyId: upload.companyId,
      source: upload.source,
      fileName: upload.fileName,
      status: 'queued',
      progress: { phase: 'queued', bytesRead: 0, totalBytes: upload.size, lines: 0 },
      report: null,
      message: null,
      messageCode: null,
      errors: [],
      startedAt: now.toISOString(),
      finishedAt: null,
    };
    this.jobs.set(importId, { orgId: upload.orgId, status });
    const run = runSync(this.database, {
      orgId: upload.orgId,
      companyId: upload.companyId,
      source: upload.source,
      filePath: upload.path,
      fileName: upload.fileName,
      userId: input.userId,
      trigger: 'user',
      mapping: input.mapping,
      today: this.clock.today(),
      now,
      syncId: importId,
      onProgress: (progress: ImportProgress) => {
        status.status = 'running';
        status.progress = progress;
      },
    })
      .then((outcome: SyncOutcome) => this.finish(status, outcome))
      .catch((error: unknown) => {
        // The details go to the log, not to the user: they may hold SQL or paths.
        console.error('import failed', error);
        status.status = 'failed';
        status.message = 'the import stopped on an internal error; it has been logged';
        status.messageCode = 'internal';
      })
      .finally(() => {
        status.finishedAt = this.clock.now().toISOString();
        this.running.delete(run);
        // Afterwards the status is read from `syncs`.
        setTimeout(() => this.jobs.delete(importId), KEEP_MS).unref();
        return rm(upload.path, { force: true }).catch(() => undefined);
      });
    this.running.add(run);
    return importId;
  }

  private finish(status: ImportStatus, outcome: SyncOutcome): void {
    if (outcome.status === 'succeeded') {
      status.status = 'succeeded';
      status.report = outcome.report;
    } else {
      status.status = 'failed';
      status.message = outcome.message;
      status.messageCode = outcome.code;
      status.errors = outcome.errors;
    }
    status.progress = { ...status.progress, phase: 'done' };
  }

  /** Waits for the imports under way (tests, and a clean shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}

/**
 * Uploads left by a previous run (never imported, or cut by a stop) are removed at start; on a
 * shared folder, only those older than an hour, which no running instance still holds.
 */
export async function sweepUploads(dir: string, now: Date): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info && now.getTime() - info.mtimeMs > KEEP_MS)
      await rm(path, { force: true }).catch(() => undefined);
  }
}
