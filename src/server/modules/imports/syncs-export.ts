import type { SyncListQuery, SyncRow } from '../../../contracts/imports';
import type { Db } from '../../db/client';
import type { ExportFormat, ExportLocale, TableColumn, TableExport } from '../../documents/table-export';
import { findSyncs } from './imports.queries';

const LABELS = {
  fr: {
    startedAt: 'Début',
    company: 'Société',
    source: 'Source',
    file: 'Fichier',
    by: 'Par',
    status: 'Statut',
    seconds: 'Durée (s)',
    lines: 'Lignes',
    customers: 'Clients',
    entries: 'Écritures',
    openItems: 'Pièces ouvertes',
    outstanding: 'Encours',
    currency: 'Devise',
    refused: 'Lignes refusées',
    message: 'Motif du refus',
    sheet: 'Synchronisations',
    file_: 'synchronisations',
  },
  en: {
    startedAt: 'Started',
    company: 'Company',
    source: 'Source',
    file: 'File',
    by: 'By',
    status: 'Status',
    seconds: 'Duration (s)',
    lines: 'Lines',
    customers: 'Customers',
    entries: 'Entries',
    openItems: 'Open items',
    outstanding: 'Outstanding',
    currency: 'Currency',
    refused: 'Refused lines',
    message: 'Reason refused',
    sheet: 'Syncs',
    file_: 'syncs',
  },
} as const;

const PAGE = 1_000;

/** Every sync the filters keep, newest first, read a page at a time. */
async function* allSyncs(db: Db, orgId: string, query: Omit<SyncListQuery, 'page' | 'pageSize'>) {
  for (let page = 1; ; page++) {
    const { items } = await findSyncs(db, orgId, { ...query, page, pageSize: PAGE });
    yield* items;
    if (items.length < PAGE) return;
  }
}

const reportNumber = (row: SyncRow, key: string): number | null => {
  const value = row.report[key];
  return typeof value === 'number' ? value : null;
};

/** The sync history (IMP-9) as a CSV or XLSX table (COL-6), with the filters of the page. */
export function syncsTable(
  db: Db,
  orgId: string,
  query: Omit<SyncListQuery, 'page' | 'pageSize'>,
  options: { format: ExportFormat; locale: ExportLocale; today: string },
): TableExport<SyncRow> & { fileName: string } {
  const l = LABELS[options.locale];
  const currency = (row: SyncRow) => (typeof row.report.currency === 'string' ? row.report.currency : 'EUR');
  const columns: TableColumn<SyncRow>[] = [
    { key: 'startedAt', header: l.startedAt, kind: 'text', value: (r) => r.startedAt, width: 24 },
    { key: 'company', header: l.company, kind: 'text', value: (r) => r.companyCode },
    { key: 'source', header: l.source, kind: 'text', value: (r) => r.source },
    { key: 'file', header: l.file, kind: 'text', value: (r) => r.fileName, width: 32 },
    { key: 'by', header: l.by, kind: 'text', value: (r) => r.userName ?? r.trigger },
    { key: 'status', header: l.status, kind: 'text', value: (r) => r.status },
    {
      key: 'seconds',
      header: l.seconds,
      kind: 'days',
      value: (r) => (r.durationMs === null ? null : Math.round(r.durationMs / 100) / 10),
    },
    { key: 'lines', header: l.lines, kind: 'integer', value: (r) => reportNumber(r, 'lines') },
    { key: 'customers', header: l.customers, kind: 'integer', value: (r) => reportNumber(r, 'customers') },
    { key: 'entries', header: l.entries, kind: 'integer', value: (r) => reportNumber(r, 'entries') },
    { key: 'openItems', header: l.openItems, kind: 'integer', value: (r) => reportNumber(r, 'openItems') },
    { key: 'currency', header: l.currency, kind: 'text', value: currency, width: 8 },
    {
      key: 'outstanding',
      header: l.outstanding,
      kind: 'money',
      currency,
      value: (r) => reportNumber(r, 'outstanding'),
    },
    { key: 'refused', header: l.refused, kind: 'integer', value: (r) => r.errorCount },
    { key: 'message', header: l.message, kind: 'text', value: (r) => r.message, width: 40 },
  ];
  return {
    fileName: `${l.file_}-${options.today}`,
    format: options.format,
    locale: options.locale,
    sheetName: l.sheet,
    columns,
    rows: allSyncs(db, orgId, query),
  };
}
