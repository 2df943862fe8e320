import { addDays, type CalendarDate, daysBetween, daysInMonth, makeCalendarDate } from '../calendar';

/**
 * Prescription of an invoice's claim (VIS-9): after this the debtor may refuse to pay and a court
 * will not order it.
 *
 * - Between merchants: **5 years** (Code de commerce, art. L110-4).
 * - Against a consumer: **2 years** (Code de la consommation, art. L218-2).
 *
 * **Starting point: the due date.** The claim can be enforced from the day it falls due, which is
 * when the creditor "knew the facts allowing him to act" (Code civil, art. 2224). Courts sometimes
 * start the consumer's two years earlier — at the end of the work or the delivery of the service
 * (Cass. 1re civ., 19 May 2021, no. 20-12.520) — and an acknowledgement of the debt or a court
 * claim interrupts it (art. 2240, 2241): neither is known to Encours, so the date is a warning,
 * not legal advice, and the alert comes ahead of it ({@link DEFAULT_PRESCRIPTION_WARNING_DAYS}).
 *
 * **Counting** (Code de procédure civile, art. 641, and Code civil, art. 2228–2229): a term in
 * years ends on the day of the last year bearing the same number as the starting day; when that
 * day does not exist (29 February in a common year) it ends on the last day of the month. The
 * prescription date is that last day, the last one on which the claim can still be brought; from
 * the next day the claim is prescribed. The postponement of a term ending on a Sunday or a public
 * holiday (art. 642) is not applied: it would only make the date later, and the alert earlier is
 * the safe side.
 */
export const PRESCRIPTION_YEARS = { merchant: 5, consumer: 2 } as const;
export type DebtorKind = keyof typeof PRESCRIPTION_YEARS;

/**
 * How many days ahead of its prescription date an invoice is "approaching" by default: 90 days
 * leaves a quarter to send a formal notice or file an injunction to pay.
 */
export const DEFAULT_PRESCRIPTION_WARNING_DAYS = 90;

export const PRESCRIPTION_STATUSES = ['running', 'approaching', 'prescribed'] as const;
export type PrescriptionStatus = (typeof PRESCRIPTION_STATUSES)[number];

/**
 * Adds whole years to a date; 29 February lands on 28 February in a common year (art. 641 CPC:
 * the last day of the month when the same day does not exist).
 * @example addYears('2020-02-29', 5) // '2025-02-28'
 */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  const year = Number(date.slice(0, 4)) + years;
  const month = Number(date.slice(5, 7));
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  const result = makeCalendarDate(year, month, day);
  if (!result) throw new RangeError(`${date} + ${years} years is out of the calendar`);
  return result;
}

/**
 * The last day on which an invoice's claim can still be enforced (VIS-9): its due date plus 5
 * years between merchants, 2 years against a consumer.
 * @example computePrescriptionDate('2019-03-15', 'merchant') // '2024-03-15'
 * @example computePrescriptionDate('2022-02-28', 'consumer') // '2024-02-28'
 */
export function computePrescriptionDate(dueDate: CalendarDate, debtor: DebtorKind): CalendarDate {
  return addYears(dueDate, PRESCRIPTION_YEARS[debtor]);
}

export interface Prescription {
  /** Last day on which the claim can be enforced. */
  date: CalendarDate;
  /** `prescribed` after that date; `approaching` within the warning window; `running` otherwise. */
  status: PrescriptionStatus;
  /** Days from today to the prescription date: 0 on the last day, negative once prescribed. */
  daysLeft: number;
}

/**
 * Where an invoice stands with regard to prescription on `today` (VIS-9): approaching when its
 * prescription date is at most `warningDays` days away (default 90), prescribed once it has passed.
 * @example resolvePrescription({ dueDate: '2019-06-30', debtor: 'merchant' }, '2024-05-01').status // 'approaching'
 */
export function resolvePrescription(
  invoice: { dueDate: CalendarDate; debtor: DebtorKind },
  today: CalendarDate,
  { warningDays = DEFAULT_PRESCRIPTION_WARNING_DAYS }: { warningDays?: number } = {},
): Prescription {
  const date = computePrescriptionDate(invoice.dueDate, invoice.debtor);
  const daysLeft = daysBetween(today, date);
  const status: PrescriptionStatus =
    daysLeft < 0 ? 'prescribed' : daysLeft <= warningDays ? 'approaching' : 'running';
  return { date, status, daysLeft };
}

/**
 * The latest due date whose claim is prescribed or approaching on `today`: every invoice due on or
 * before it, and none due after, has its prescription date within `warningDays` days (or past).
 * Lets a query select those invoices with `due_date <= cutoff`, in agreement with
 * {@link resolvePrescription}.
 * @example computePrescriptionCutoff('2024-04-30', 'merchant', 90) // '2019-07-29'
 */
export function computePrescriptionCutoff(
  today: CalendarDate,
  debtor: DebtorKind,
  warningDays: number = DEFAULT_PRESCRIPTION_WARNING_DAYS,
): CalendarDate {
  // A prescribed invoice is always selected: a window shorter than −1 day still reaches yesterday.
  const horizon = addDays(today, Math.max(warningDays, -1));
  const cutoff = addYears(horizon, -PRESCRIPTION_YEARS[debtor]);
  // 28 February of a common year is also where 29 February of a leap year lands.
  const leapDay = `${cutoff.slice(0, 4)}-02-29`;
  return cutoff.endsWith('-02-28') &&
    horizon.endsWith('-02-28') &&
    daysInMonth(Number(cutoff.slice(0, 4)), 2) === 29
    ? leapDay
    : cutoff;
}
