import type { CalendarDate } from '../../domain/calendar';

/** Who and when: what every stage of a sync needs to write on behalf of a tenant. */
export interface SyncContext {
  orgId: string;
  companyId: string;
  syncId: string;
  /** The calendar day overdue amounts are computed for. */
  today: CalendarDate;
  now: Date;
}

export const IMPORT_PHASES = ['queued', 'reading', 'writing', 'computing', 'done'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

export interface ImportProgress {
  phase: ImportPhase;
  bytesRead: number;
  totalBytes: number;
  lines: number;
}
