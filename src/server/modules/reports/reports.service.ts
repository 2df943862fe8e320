import { Readable, type Writable } from 'node:stream';
import { type CalendarDate, isCalendarDate } from '../../../domain/calendar';
import { centsToDecimal } from '../../../domain/money';
import type { Database } from '../../db/client';
import { type TableColumn, writeTableExport } from '../../documents/table-export';
import { writeToOutput } from '../../documents/write-output';
import { AppError } from '../../errors/app-error';
import { getCompanyByCodeOrThrow } from '../companies/companies.queries';
import { type CompanyKpis, computeCompanyKpis } from '../dashboard/dashboard.service';
import { getOrganizationSettings } from '../organizations/organization-settings';
import { agingFieldNames, namedBuckets } from './report-fields';
import { type CustomerReceivables, withCustomerReceivables } from './who-owes-what.queries';

/**
 * Reports for scripts and BI (`encours report …`). Amounts are decimal strings with two
 * decimals and a dot (`"14416.52"`, `"-12.50"`), in the company's ledger currency; KPI figures
 * are numbers (null when there is nothing to measure).
 */

export const WHO_OWES_WHAT_FORMATS = ['json', 'csv'] as const;
export type WhoOwesWhatFormat = (typeof WHO_OWES_WHAT_FORMATS)[number];

export interface ReportScope {
  orgId: string;
  companyCode: string;
  /** The day every figure is computed for. */
  today: CalendarDate;
}

/**
 * A report's `--today`: a real calendar date written `YYYY-MM-DD`, else an `invalid_input` error.
 * @example parseReportDate('2024-04-30') // '2024-04-30'
 * @example parseReportDate('2024-02-30') // throws: not a date
 */
export function parseReportDate(text: string): CalendarDate {
  if (!isCalendarDate(text)) throw new AppError('invalid_input', `${text} is not a date written YYYY-MM-DD`);
  return text;
}

/** One row of who-owes-what as JSON: the fields, in the order of the CSV columns. */
function whoOwesWhatRecord(customer: CustomerReceivables, currency: string, bounds: readonly number[]) {
  const { summary } = customer;
  return {
    account: customer.account,
    name: customer.name,
    currency,
    balance: centsToDecimal(summary.balance),
    overdue: centsToDecimal(summary.overdue),
    // notDue first, then one field per range: summary.buckets[0] is the not-due amount.
    ...namedBuckets(summary.buckets, bounds, centsToDecimal),
  };
}

function whoOwesWhatColumns(currency: string, bounds: readonly number[]): TableColumn<CustomerReceivables>[] {
  // The currency has its own column, so the amount headers stay the JSON field names.
  const money = (
    key: string,
    value: (c: CustomerReceivables) => number,
  ): TableColumn<CustomerReceivables> => ({
    key,
    header: key,
    kind: 'money',
    currency: () => currency,
    value,
  });
  return [
    { key: 'account', header: 'account', kind: 'text', value: (c) => c.account },
    { key: 'name', header: 'name', kind: 'text', value: (c) => c.name },
    { key: 'currency', header: 'currency', kind: 'text', value: () => currency },
    money('balance', (c) => c.summary.balance),
    money('overdue', (c) => c.summary.overdue),
    ...agingFieldNames(bounds).map((name, i) => money(name, (c) => c.summary.buckets[i]!)),
  ];
}

/** A JSON array, one element per line, written as the elements come. */
async function* jsonArray(elements: AsyncIterable<unknown>): AsyncGenerator<string> {
  let count = 0;
  for await (const element of elements) {
    yield `${count === 0 ? '[\n' : ',\n'}${JSON.stringify(element)}`;
    count++;
  }
  yield count === 0 ? '[]\n' : '\n]\n';
}

/**
 * Who owes what (VIS-4) for scripts: every customer of the company's receivable ledger, zero
 * balances included, ordered by account, with `account`, `name`, `currency`, `balance`,
 * `overdue`, `notDue` and one field per aging bucket (`1-30`, `31-60`, `61-90`, `over90` with
 * the default bounds, see {@link agingFieldNames}), computed for `today` from the open items.
 * `json`: one JSON array of those objects, one per line; `csv`: the English CSV of the table
 * exports (UTF-8 with BOM, `,`, decimal point) with a header line of the same names.
 * @example await writeWhoOwesWhatReport(database, { orgId, companyCode: 'MAIN', today: '2024-04-30', format: 'csv' }, process.stdout)
 */
export async function writeWhoOwesWhatReport(
  database: Database,
  scope: ReportScope & { format: WhoOwesWhatFormat },
  output: Writable,
): Promise<void> {
  const { orgId, today, format } = scope;
  parseReportDate(today);
  const company = await getCompanyByCodeOrThrow(database.db, orgId, scope.companyCode);
  const { agingBounds } = await getOrganizationSettings(database.db, orgId);
  await withCustomerReceivables(
    database,
    { orgId, companyId: company.id, today, agingBounds },
    async (customers) => {
      if (format === 'csv') {
        const columns = whoOwesWhatColumns(company.currency, agingBounds);
        await writeTableExport(output, { format: 'csv', locale: 'en', columns, rows: customers });
        return;
      }
      async function* records() {
        for await (const customer of customers)
          yield whoOwesWhatRecord(customer, company.currency, agingBounds);
      }
      await writeToOutput(Readable.from(jsonArray(records())), output);
    },
  );
}

/**
 * The KPIs of a company (VIS-3, VIS-10) as JSON: amounts as decimal strings, buckets keyed like
 * the who-owes-what fields, DSO and the other figures as numbers or null.
 * @example formatCompanyKpis(kpis).buckets // { notDue: '1200.00', '1-30': '0.00', … }
 */
export function formatCompanyKpis(kpis: CompanyKpis) {
  return {
    company: kpis.companyCode,
    currency: kpis.currency,
    asOf: kpis.asOf,
    agingBounds: kpis.agingBounds,
    balance: centsToDecimal(kpis.balance),
    overdue: centsToDecimal(kpis.overdue),
    notDue: centsToDecimal(kpis.notDue),
    buckets: namedBuckets(kpis.buckets, kpis.agingBounds, centsToDecimal),
    customersWithBalance: kpis.customersWithBalance,
    dso: kpis.dso,
    bestPossibleDso: kpis.bestPossibleDso,
    averageDaysDelinquent: kpis.averageDaysDelinquent,
    cei: kpis.cei,
    atRiskShare: kpis.atRiskShare,
  };
}

/**
 * `encours report kpis`: the company's KPIs for `today` as one JSON object (see
 * {@link formatCompanyKpis}).
 * @example await writeKpisReport(database, { orgId, companyCode: 'MAIN', today: '2024-04-30' }, process.stdout)
 */
export async function writeKpisReport(
  database: Database,
  scope: ReportScope,
  output: Writable,
): Promise<void> {
  const today = parseReportDate(scope.today);
  const company = await getCompanyByCodeOrThrow(database.db, scope.orgId, scope.companyCode);
  const kpis = await computeCompanyKpis(database, scope.orgId, company.id, today);
  await writeToOutput(Readable.from([`${JSON.stringify(formatCompanyKpis(kpis), null, 2)}\n`]), output);
}
