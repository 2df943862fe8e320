import { z } from 'zod';
import { centsSchema, pageQuerySchema } from './common';

export const IMPORT_SOURCES = ['fec', 'customers', 'entries', 'contacts'] as const;
export const importSourceSchema = z.enum(IMPORT_SOURCES);
export type ImportSource = z.infer<typeof importSourceSchema>;

/** A column mapping for a spreadsheet: target field → header as written in the file. */
export const columnMappingBodySchema = z.object({
  columns: z.record(z.string(), z.string()),
  dateFormat: z.enum(['auto', 'DD/MM/YYYY', 'YYYY-MM-DD', 'MM/DD/YYYY', 'YYYYMMDD']).optional(),
  decimalSeparator: z.enum(['auto', ',', '.']).optional(),
});

/** Answer to a file upload: what the file looks like, before anything is imported. */
export const uploadSchema = z.object({
  uploadId: z.uuid(),
  fileName: z.string(),
  size: z.number().int(),
  format: z.enum(['fec', 'csv', 'xlsx']),
  /** For CSV/XLSX: the headers found and the mapping guessed (or saved for this company). */
  headers: z.array(z.string()),
  guessedMapping: z.record(z.string(), z.string()).nullable(),
  missingRequired: z.array(z.string()),
  /** Fields a mapping may fill for the chosen kind, required ones first. */
  fields: z.array(z.object({ name: z.string(), required: z.boolean() })),
});
export type Upload = z.infer<typeof uploadSchema>;

export const uploadQuerySchema = z.object({
  companyId: z.uuid(),
  source: importSourceSchema,
});

export const startImportBodySchema = z.object({
  uploadId: z.uuid(),
  companyId: z.uuid(),
  source: importSourceSchema,
  mapping: columnMappingBodySchema.optional(),
  /** Keep this mapping as the company's mapping for this kind of file. */
  saveMapping: z.boolean().default(true),
});
export type StartImportBody = z.infer<typeof startImportBodySchema>;

export const lineErrorSchema = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string(),
  code: z.string(),
});
export type LineErrorDto = z.infer<typeof lineErrorSchema>;

export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

export const syncReportSchema = z.object({
  /** Data lines read, header excluded. */
  lines: z.number().int(),
  totalDebit: centsSchema,
  totalCredit: centsSchema,
  /** Distinct customers of the receivable ledger (or of the file, for customers/contacts). */
  customers: z.number().int(),
  entries: z.number().int(),
  openItems: z.number().int(),
  /** Sum of customer balances. */
  outstanding: centsSchema,
  currency: z.string(),
  inserted: z.number().int(),
  updated: z.number().int(),
  gone: z.number().int(),
  dialect: z.record(z.string(), z.unknown()).optional(),
});
export type SyncReport = z.infer<typeof syncReportSchema>;

export const importStatusSchema = z.object({
  id: z.uuid(),
  companyId: z.uuid(),
  source: importSourceSchema,
  fileName: z.string(),
  status: z.enum(IMPORT_STATUSES),
  progress: z.object({
    phase: z.enum(['queued', 'reading', 'writing', 'computing', 'done']),
    bytesRead: z.number().int(),
    totalBytes: z.number().int(),
    lines: z.number().int(),
  }),
  report: syncReportSchema.nullable(),
  /** The reason the whole file was refused, when it was. */
  message: z.string().nullable(),
  /** What kind of refusal `message` is (`lines_rejected`, `bad_separator`…), for translations. */
  messageCode: z.string().nullable(),
  errors: z.array(lineErrorSchema),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportStatus = z.infer<typeof importStatusSchema>;

/** Statuses a recorded sync can have (IMP-9): a queued import has no sync row yet. */
export const SYNC_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

/** `GET /api/syncs`: the organization's syncs, newest first, narrowed and paged (IMP-9). */
export const syncListQuerySchema = pageQuerySchema.extend({
  companyId: z.uuid().optional(),
  status: z.enum(SYNC_STATUSES).optional(),
  source: importSourceSchema.optional(),
});
export type SyncListQuery = z.infer<typeof syncListQuerySchema>;

export const syncExportQuerySchema = syncListQuerySchema.omit({ page: true, pageSize: true }).extend({
  format: z.enum(['csv', 'xlsx']),
});

/** One recorded sync: when, by whom or what, source, outcome and the figures of its report. */
export const syncRowSchema = z.object({
  id: z.uuid(),
  companyId: z.uuid(),
  companyCode: z.string(),
  companyName: z.string(),
  source: importSourceSchema,
  fileName: z.string(),
  /** What started it: `user` (then `userId`/`userName` say who), `cli`, `schedule`, `demo`… */
  trigger: z.string(),
  userId: z.uuid().nullable(),
  userName: z.string().nullable(),
  status: z.enum(SYNC_STATUSES),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  /** The sync's report (`SyncReport` when it succeeded; what was counted before a refusal otherwise). */
  report: z.record(z.string(), z.unknown()),
  /** Refused lines of a failed sync. */
  errorCount: z.number().int(),
  /** Why a failed sync was refused, and the code of that reason for translations. */
  message: z.string().nullable(),
  messageCode: z.string().nullable(),
});
export type SyncRow = z.infer<typeof syncRowSchema>;

export const syncListSchema = z.object({
  syncs: z.array(syncRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type SyncList = z.infer<typeof syncListSchema>;

/** `GET /api/syncs/:id`: one sync with its refused lines. */
export const syncDetailSchema = syncRowSchema.extend({ errors: z.array(lineErrorSchema) });
export type SyncDetail = z.infer<typeof syncDetailSchema>;
