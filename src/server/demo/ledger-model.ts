import type { CalendarDate } from '../../domain/calendar';
import type { Cents } from '../../domain/money';
import type { CustomerProfile, DemoCustomer } from './demo-customers';

// Types and chart of accounts shared by the ledger simulation and the settlement plans.

/** What the simulation needs of a customer: its identity in the ledger and its behaviour. */
export type LedgerCustomer = Pick<
  DemoCustomer,
  | 'index'
  | 'code'
  | 'name'
  | 'profile'
  | 'terms'
  | 'currency'
  | 'paymentMethod'
  | 'monthlyInvoices'
  | 'typicalAmount'
  | 'activeFrom'
  | 'activeTo'
  | 'paymentRunDay'
  | 'lagDays'
  | 'revenueLine'
>;

/** Keeps only what the ledger needs, so that 50,000 customers stay small in memory. */
export function toLedgerCustomer(c: DemoCustomer): LedgerCustomer {
  const { index, code, name, profile, terms, currency, paymentMethod, monthlyInvoices, typicalAmount } = c;
  const { activeFrom, activeTo, paymentRunDay, lagDays, revenueLine } = c;
  return {
    index,
    code,
    name,
    profile,
    terms,
    currency,
    paymentMethod,
    monthlyInvoices,
    typicalAmount,
    activeFrom,
    activeTo,
    paymentRunDay,
    lagDays,
    revenueLine,
  };
}

export interface SimulationSettings {
  seed: number;
  customers: readonly LedgerCustomer[];
  startDate: CalendarDate;
  endDate: CalendarDate;
  /** Terms of customers whose terms are blank (the company default). */
  defaultTerms: string;
  /** Multiplies every customer's invoicing rate (the bench raises or lowers volume with it). */
  rateFactor: number;
  /** Stop issuing invoices once written + already scheduled lines reach this count. */
  targetLines: number | null;
  companyName: string;
}

export interface SimulationStats {
  lines: number;
  totalDebit: Cents;
  totalCredit: Cents;
  receivableLines: number;
  customers: number;
  /** Lines of the opening entry (they do not depend on the rate factor). */
  openingLines: number;
}

export type Account = readonly [number: string, label: string];
export const RECEIVABLE: Account = ['411000', 'Clients'];
export const VAT: Account = ['445710', 'TVA collectée'];
export const BANK: Account = ['512000', 'Banque'];
export const FX_LOSS: Account = ['666000', 'Pertes de change'];
export const FX_GAIN: Account = ['766000', 'Gains de change'];
export const CAPITAL: Account = ['101300', 'Capital souscrit - appelé, versé'];
export const RETAINED: Account = ['110000', 'Report à nouveau (solde créditeur)'];
/** Index 0 is export sales (no VAT); customers use 1-3. */
export const REVENUE: readonly Account[] = [
  ['706900', 'Prestations de services - export'],
  ['706100', 'Prestations de services - maintenance'],
  ['706200', 'Prestations de services - installation'],
  ['706300', 'Prestations de services - formation'],
];
export const JOURNALS = { AN: 'À nouveaux', VE: 'Ventes', BQ: 'Banque' } as const;
export type Journal = keyof typeof JOURNALS;
export const METHOD_LABELS = {
  virement: 'Virement',
  cheque: 'Chèque',
  prelevement: 'Prélèvement SEPA',
  lcr: 'LCR',
} as const;

/** Share of customers of each profile that still owe invoices of the previous period at the start. */
export const OPENING_CHANCE: Record<CustomerProfile, number> = {
  'key-account': 0.5,
  sme: 0.3,
  'slow-payer': 0.5,
  'bad-payer': 0.6,
  'public-sector': 0.4,
  export: 0.2,
};

export interface RevenueLine {
  account: Account;
  amount: Cents;
  /** Amount in USD cents for USD customers, else null. */
  original: Cents | null;
}

/** Days are counted from the start of the period (negative before it). */
export interface Invoice {
  customer: number;
  day: number;
  piece: string;
  lines: RevenueLine[];
  vat: Cents;
  total: Cents;
  usd: Cents | null;
}

/** The lettering of a 411 line: its code and the day of the lettering (DateLet). */
export interface Settled {
  letter: string;
  letterDay: number;
}

export interface PaymentEvent extends Settled {
  kind: 'payment';
  customer: number;
  /** Credited to 411, in euro cents. */
  receivable: Cents;
  usd: Cents | null;
  pieces: string[];
  note: string;
  /** FEC lines the entry will have, counted ahead for `targetLines`. */
  lines: number;
}

export interface CreditNoteEvent extends Settled {
  kind: 'credit-note';
  invoice: Invoice;
  percent: number;
  lines: number;
}

export type LedgerEvent = { kind: 'invoice'; customer: number } | PaymentEvent | CreditNoteEvent;

/**
 * The lettering code number `n` (0-based) of a customer: AA…ZZ, then AAA…
 * @example letteringCode(0) // 'AA'
 * @example letteringCode(27) // 'BB'
 */
export function letteringCode(n: number): string {
  let rest = n;
  let size = 2;
  for (let count = 676; rest >= count; count *= 26) {
    rest -= count;
    size++;
  }
  let code = '';
  for (let i = 0; i < size; i++, rest = Math.floor(rest / 26))
    code = String.fromCharCode(65 + (rest % 26)) + code;
  return code;
}
