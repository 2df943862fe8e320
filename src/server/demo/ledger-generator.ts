import { type CalendarDate, daysBetween } from '../../domain/calendar';
import type { Cents } from '../../domain/money';
import { type DemoCustomer, generateContacts, generateCustomers } from './demo-customers';
import { type SimulationSettings, type SimulationStats, toLedgerCustomer } from './ledger-model';
import { simulateLedger } from './ledger-simulation';
import { batch, csvRow, FEC_COLUMNS, type FecLine, formatFecLine, writeTextFile } from './text-output';

/**
 * Deterministic generator of realistic French customer ledgers, written as real files (a FEC, a
 * customers CSV, a contacts CSV) so that the demo organization and the benchmark go through the
 * real importers. The same options give byte-identical files: a seeded generator draws every
 * value, and nothing reads the clock.
 */
export interface GeneratorOptions {
  /** Same seed → byte-identical output. */
  seed: number;
  /** Number of customers: 150 per demo company (about 10,000 FEC lines over two years). */
  customers: number;
  /** First invoice date, e.g. '2024-11-01'. */
  startDate: CalendarDate;
  /** Last date of the ledger; payments after it do not exist yet, so recent invoices are open. */
  endDate: CalendarDate;
  /** Bench: scale the invoicing rate so that about this many FEC lines are written (± a few). */
  targetLines?: number;
  /** Prefix of the customer accounts (CompAuxNum): 'C' gives C00001. */
  customerPrefix?: string;
  /** Used in the labels of the opening entry. */
  companyName?: string;
  /**
   * The company's default terms, which apply to customers whose terms are blank (as the importer
   * will do); '30 jours net' when left out.
   */
  defaultTerms?: string;
}

export interface GeneratedLedgerStats {
  lines: number;
  totalDebit: Cents;
  totalCredit: Cents;
  /** Lines on the receivable account 411 (customer lines). */
  receivableLines: number;
  /** Customers with at least one line in the FEC. */
  customers: number;
}

export const CUSTOMERS_CSV_HEADER = [
  'Code client',
  'Raison sociale',
  'SIREN',
  'Commercial',
  'Recouvreur',
  'Conditions de paiement',
  'E-mail',
  'Téléphone',
  'Adresse',
  'Code postal',
  'Ville',
  'Pays',
  'Langue',
] as const;

export const CONTACTS_CSV_HEADER = [
  'Code client',
  'Nom',
  'E-mail',
  'Téléphone',
  'Fonction',
  'Principal',
] as const;

/** The FEC is cut into chunks of about this many characters on their way to the disk. */
const CHUNK = 256 * 1024;

/**
 * Writes the FEC of a generated ledger: 18 columns, TAB, UTF-8 without BOM, LF, header first, comma
 * decimals, dates AAAAMMJJ. Streams to disk with backpressure: memory does not grow with the file.
 * With `targetLines`, dry runs (nothing written) measure the volume of the options first, then the
 * invoicing rate is scaled so that the period is filled up to the target.
 * @example await writeFec('/tmp/demo.txt', { seed: 1, customers: 150, startDate: '2024-11-01', endDate: '2026-11-20' })
 */
export async function writeFec(path: string, options: GeneratorOptions): Promise<GeneratedLedgerStats> {
  const customers = Array.from(
    generateCustomers(options.seed, options.customers, options.customerPrefix),
    toLedgerCustomer,
  );
  const settings: SimulationSettings = {
    seed: options.seed,
    customers,
    startDate: options.startDate,
    endDate: options.endDate,
    defaultTerms: options.defaultTerms ?? '30 jours net',
    rateFactor: 1,
    targetLines: options.targetLines ?? null,
    companyName: options.companyName ?? 'Encours Démo',
  };
  if (options.targetLines !== undefined)
    settings.rateFactor = measureRateFactor(settings, options.targetLines);
  const stats = emptyStats();
  await writeTextFile(path, fecChunks(settings, stats));
  const { lines, totalDebit, totalCredit, receivableLines } = stats;
  return { lines, totalDebit, totalCredit, receivableLines, customers: stats.customers };
}

/**
 * Writes the customers of the seed as a `;`-separated CSV with French headers. These are the
 * customers of {@link writeFec} for the same seed and prefix. Returns the number of customers.
 */
export async function writeCustomersCsv(path: string, options: GeneratorOptions): Promise<number> {
  let count = 0;
  const rows = function* (): Generator<string> {
    yield csvRow(CUSTOMERS_CSV_HEADER);
    for (const c of generateCustomers(options.seed, options.customers, options.customerPrefix)) {
      count++;
      yield csvRow(customerFields(c));
    }
  };
  await writeTextFile(path, batch(rows()));
  return count;
}

/** Writes the contacts of the customers of the seed (several for some, none for others). */
export async function writeContactsCsv(path: string, options: GeneratorOptions): Promise<number> {
  let count = 0;
  const rows = function* (): Generator<string> {
    yield csvRow(CONTACTS_CSV_HEADER);
    for (const c of generateContacts(options.seed, options.customers, options.customerPrefix)) {
      count++;
      yield csvRow([c.customerCode, c.name, c.email, c.phone, c.role, c.isMain ? 'oui' : 'non']);
    }
  };
  await writeTextFile(path, batch(rows()));
  return count;
}

function customerFields(c: DemoCustomer): string[] {
  return [
    c.code,
    c.name,
    c.siren,
    c.salesRep,
    c.collector,
    c.terms,
    c.email,
    c.phone,
    c.address,
    c.postalCode,
    c.city,
    c.country,
    c.language,
  ];
}

function* fecChunks(settings: SimulationSettings, stats: SimulationStats): Generator<string> {
  let buffer = `${FEC_COLUMNS.join('\t')}\n`;
  const sink = (line: FecLine): void => {
    buffer += formatFecLine(line);
  };
  for (const _ of simulateLedger(settings, sink, stats)) {
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}

/**
 * Rate factor that fills the period with about `targetLines` lines. Volume grows with the factor,
 * nearly in proportion (invoice dates stretch smoothly with it; the opening entry does not move,
 * nor do the payment runs of key accounts). A first guess from the customers' invoicing rates (about
 * five lines per invoice with its settlement) is measured by dry runs and corrected until within
 * 1 %. We then aim 0.5 % above the target, so that it is met a few days before the end rather than
 * missed, and the simulation stops issuing invoices there.
 */
function measureRateFactor(settings: SimulationSettings, targetLines: number): number {
  const months = daysBetween(settings.startDate, settings.endDate) / 30.44;
  let invoices = 0;
  for (const c of settings.customers) invoices += c.monthlyInvoices * months * (c.activeTo - c.activeFrom);
  let factor = invoices > 0 ? targetLines / (invoices * 5) : 1;
  for (let attempt = 0; attempt < 3; attempt++) {
    const dry = emptyStats();
    for (const _ of simulateLedger({ ...settings, rateFactor: factor, targetLines: null }, () => {}, dry)) {
      // Only the counts matter.
    }
    const variable = dry.lines - dry.openingLines;
    if (variable <= 0 || targetLines <= dry.openingLines) break;
    const ratio = (targetLines - dry.openingLines) / variable;
    factor *= ratio;
    if (Math.abs(ratio - 1) < 0.01) break;
  }
  return factor * 1.005;
}

function emptyStats(): SimulationStats {
  return { lines: 0, totalDebit: 0, totalCredit: 0, receivableLines: 0, customers: 0, openingLines: 0 };
}
