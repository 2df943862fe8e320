import type { CustomerExportQuery } from '../../../contracts/customers';
import type { CalendarDate } from '../../../domain/calendar';
import type { Cents } from '../../../domain/money';
import type { ExportLocale, FooterRow, TableColumn, TableExport } from '../../documents/table-export';
import type { CustomerRow } from './customers.queries';

const LABELS = {
  fr: {
    company: 'Société',
    account: 'Compte',
    name: 'Client',
    email: 'E-mail',
    salesRep: 'Commercial',
    collector: 'Recouvreur',
    currency: 'Devise',
    balance: 'Encours',
    overdue: 'Échu',
    notDue: 'Non échu',
    notDueBucket: 'Non échu (tranche)',
    range: (from: number, to: number) => `${from} à ${to} jours`,
    over: (days: number) => `Plus de ${days} jours`,
    daysLate: 'Jours de retard',
    openItems: 'Pièces ouvertes',
    totals: 'Totaux',
    sheet: 'Qui vous doit quoi',
    file: 'qui-vous-doit-quoi',
  },
  en: {
    company: 'Company',
    account: 'Account',
    name: 'Customer',
    email: 'Email',
    salesRep: 'Sales rep',
    collector: 'Collector',
    currency: 'Currency',
    balance: 'Outstanding',
    overdue: 'Overdue',
    notDue: 'Not due',
    notDueBucket: 'Not due (bucket)',
    range: (from: number, to: number) => `${from}–${to} days`,
    over: (days: number) => `Over ${days} days`,
    daysLate: 'Days late',
    openItems: 'Open items',
    totals: 'Totals',
    sheet: 'Who owes what',
    file: 'who-owes-what',
  },
} as const;

/**
 * "Who owes what" (VIS-4) as a CSV or XLSX table (COL-6): every customer the filters keep, in
 * the list's order, with the aging buckets of the organization's bounds, then one totals line
 * per currency (amounts of different currencies are never added up).
 */
export function whoOwesWhatTable(
  rows: AsyncIterable<CustomerRow>,
  options: {
    query: CustomerExportQuery;
    locale: ExportLocale;
    agingBounds: readonly number[];
    today: CalendarDate;
  },
): TableExport<CustomerRow> & { fileName: string } {
  const l = LABELS[options.locale];
  const currency = (row: CustomerRow) => row.currency;
  const bucketHeaders: string[] = [l.notDueBucket];
  let from = 1;
  for (const bound of options.agingBounds) {
    bucketHeaders.push(l.range(from, bound));
    from = bound + 1;
  }
  bucketHeaders.push(l.over(options.agingBounds[options.agingBounds.length - 1] ?? 0));

  const columns: TableColumn<CustomerRow>[] = [
    { key: 'company', header: l.company, kind: 'text', value: (r) => r.companyCode },
    { key: 'account', header: l.account, kind: 'text', value: (r) => r.account },
    { key: 'name', header: l.name, kind: 'text', value: (r) => r.name, width: 32 },
    { key: 'email', header: l.email, kind: 'text', value: (r) => r.email },
    { key: 'salesRep', header: l.salesRep, kind: 'text', value: (r) => r.salesRep },
    { key: 'collector', header: l.collector, kind: 'text', value: (r) => r.collector },
    { key: 'currency', header: l.currency, kind: 'text', value: currency, width: 8 },
    { key: 'balance', header: l.balance, kind: 'money', currency, value: (r) => r.balance },
    { key: 'overdue', header: l.overdue, kind: 'money', currency, value: (r) => r.overdue },
    { key: 'notDue', header: l.notDue, kind: 'money', currency, value: (r) => r.notDue },
    ...bucketHeaders.map(
      (header, index): TableColumn<CustomerRow> => ({
        key: `bucket${index}`,
        header,
        kind: 'money',
        currency,
        value: (r) => r.buckets[index] ?? 0,
      }),
    ),
    { key: 'daysLate', header: l.daysLate, kind: 'days', value: (r) => r.maxDaysLate },
    { key: 'openItems', header: l.openItems, kind: 'integer', value: (r) => r.openItemCount },
  ];

  const sums = new Map<string, Record<string, Cents>>();
  async function* counted(): AsyncGenerator<CustomerRow> {
    for await (const row of rows) {
      const sum = sums.get(row.currency) ?? { balance: 0, overdue: 0, notDue: 0 };
      sum.balance! += row.balance;
      sum.overdue! += row.overdue;
      sum.notDue! += row.notDue;
      row.buckets.forEach((amount, i) => {
        sum[`bucket${i}`] = (sum[`bucket${i}`] ?? 0) + amount;
      });
      sums.set(row.currency, sum);
      yield row;
    }
  }
  const footer = (): FooterRow[] =>
    [...sums.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, values]) => ({ label: l.totals, currency: code, values: { ...values, currency: code } }));

  return {
    fileName: `${l.file}-${options.today}`,
    format: options.query.format,
    locale: options.locale,
    sheetName: l.sheet,
    columns,
    rows: counted(),
    footer,
  };
}
