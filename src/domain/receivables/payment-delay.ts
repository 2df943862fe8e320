import { type CalendarDate, daysBetween } from '../calendar';

/** A settled invoice (or lettered credit note) as the payment delay needs it. */
export interface SettledDocument {
  documentDate: CalendarDate;
  dueDate: CalendarDate;
  /** The lettering date of its group, else the group's latest entry date (IMP-5). */
  paymentDate: CalendarDate;
}

/**
 * Average payment delay in days (VIS-11): mean of (payment date − document date), or of
 * (payment date − due date) when measured `from: 'due'` (the admin option); rounded to one decimal,
 * halves up; `null` when nothing has been settled. Early payments count with their negative delay.
 * @example computeAveragePaymentDelay([
 *   { documentDate: '2024-01-01', dueDate: '2024-01-31', paymentDate: '2024-02-01' },
 *   { documentDate: '2024-01-01', dueDate: '2024-01-31', paymentDate: '2024-03-30' },
 * ]) // 60 (31 and 89 days)
 */
export function computeAveragePaymentDelay(
  settled: readonly SettledDocument[],
  from: 'document' | 'due' = 'document',
): number | null {
  if (settled.length === 0) return null;
  let totalDays = 0;
  for (const s of settled) {
    totalDays += daysBetween(from === 'due' ? s.dueDate : s.documentDate, s.paymentDate);
  }
  // Whole days summed first, divided once: no drift from adding fractions.
  const tenths = Math.round((totalDays * 10) / settled.length);
  return tenths / 10 + 0; // + 0 turns −0 into 0
}
