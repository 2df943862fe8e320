import { addDays, type CalendarDate, endOfMonth } from './calendar';

/**
 * Payment terms of a customer or a company (IMP-4). `days` is a whole number of days, 0…999.
 * - `net`: document date + N days ("30 days net").
 * - `days-end-of-month`: end of the month of (document date + N days) ("45 days end of month").
 * - `end-of-month-plus`: end of the month of the document date, then + N days
 *   ("end of month + 10 days", "fin de mois le 10").
 */
export type PaymentTerms =
  | { kind: 'net'; days: number }
  | { kind: 'days-end-of-month'; days: number }
  | { kind: 'end-of-month-plus'; days: number };

/** The company default when nothing else is configured (IMP-4): 30 days net. */
export const DEFAULT_TERMS: PaymentTerms = Object.freeze({ kind: 'net', days: 30 });

// Vocabulary after normalization (lower case, no accents, single spaces, digits split from letters).
const DAYS = '(?:days?|jours?|j|d)';
const EOM = '(?:end of (?:the )?month|eom|fin de mois|fdm|fm)';
const FROM_INVOICE = '(?: date de facture| date facture| from invoice(?: date)?| after invoice(?: date)?)';
const N = '(\\d{1,3})';

const NET = new RegExp(`^(?:a )?(?:net )?${N}(?: ${DAYS})?(?: net)?${FROM_INVOICE}?$`);
const DAYS_END_OF_MONTH = new RegExp(`^(?:a )?(?:net )?${N}(?: ${DAYS})?(?: net)? ${EOM}$`);
const END_OF_MONTH_PLUS = new RegExp(`^${EOM}(?: (?:\\+|plus))?(?: ${N}(?: ${DAYS})?)?$`);
const END_OF_MONTH_THE = new RegExp(`^(?:${EOM} le (\\d{1,2})|le (\\d{1,2}) du mois suivant)$`);
const CASH =
  /^(?:comptant|paiement comptant|cash|immediate|immediat|(?:due |payable )?(?:at|on|upon) receipt|(?:payable |paiement )?(?:a|des) reception)$/;

function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.,;:_'’]/g, ' ')
    .replace(/-(?!\s*\d)/g, ' ') // "fin-de-mois", "30-day"; a minus sign before a number stays and fails
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/\+/g, ' + ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Reads payment terms written in English or French, in any case and spacing; `null` when not
 * understood. A bare number ("30") is read as N days net; "comptant", "cash", "at receipt" are net 0.
 * @example parseTerms('45 j fdm') // { kind: 'days-end-of-month', days: 45 }
 * @example parseTerms('fin de mois le 10') // { kind: 'end-of-month-plus', days: 10 }
 */
export function parseTerms(text: string): PaymentTerms | null {
  const t = normalize(text);
  if (t === '') return null;
  if (CASH.test(t)) return { kind: 'net', days: 0 };
  let m = NET.exec(t);
  if (m) return { kind: 'net', days: Number(m[1]) };
  m = DAYS_END_OF_MONTH.exec(t);
  if (m) return { kind: 'days-end-of-month', days: Number(m[1]) };
  m = END_OF_MONTH_PLUS.exec(t);
  if (m) return { kind: 'end-of-month-plus', days: m[1] === undefined ? 0 : Number(m[1]) };
  m = END_OF_MONTH_THE.exec(t);
  if (m) {
    // "fin de mois le 10" = the 10th of the next month = end of month + 10 days.
    const day = Number(m[1] ?? m[2]);
    return day >= 1 && day <= 31 ? { kind: 'end-of-month-plus', days: day } : null;
  }
  return null;
}

function dayWord(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/**
 * Canonical English text of terms, as stored in the database; round-trips through {@link parseTerms}.
 * @example formatTerms({ kind: 'end-of-month-plus', days: 10 }) // 'end of month + 10 days'
 */
export function formatTerms(terms: PaymentTerms): string {
  switch (terms.kind) {
    case 'net':
      return `${dayWord(terms.days)} net`;
    case 'days-end-of-month':
      return `${dayWord(terms.days)} end of month`;
    case 'end-of-month-plus':
      return `end of month + ${dayWord(terms.days)}`;
  }
}

/**
 * Due date of a document under payment terms (IMP-4), computed on the calendar.
 * @example computeDueDate('2024-01-20', { kind: 'days-end-of-month', days: 45 }) // '2024-03-31'
 */
export function computeDueDate(documentDate: CalendarDate, terms: PaymentTerms): CalendarDate {
  switch (terms.kind) {
    case 'net':
      return addDays(documentDate, terms.days);
    case 'days-end-of-month':
      return endOfMonth(addDays(documentDate, terms.days));
    case 'end-of-month-plus':
      return addDays(endOfMonth(documentDate), terms.days);
  }
}

/**
 * Whether terms exceed the French legal caps (IMP-4, art. L441-10 C. com.): 60 days net, or 45 days
 * end of month.
 *
 * The law allows two readings of "45 jours fin de mois" and the administration (DGCCRF) accepts
 * both: end of the month of (date + 45 days), and end of the month of the date + 45 days. So an
 * `end-of-month-plus` form is held to the 45-day end-of-month cap: it exceeds it when N > 45, even
 * though its longest delay (document dated the 1st of a 31-day month) is 30 + N days.
 * @example exceedsLegalCap({ kind: 'net', days: 61 }) // true
 */
export function exceedsLegalCap(terms: PaymentTerms): boolean {
  switch (terms.kind) {
    case 'net':
      return terms.days > 60;
    case 'days-end-of-month':
    case 'end-of-month-plus':
      return terms.days > 45;
  }
}
