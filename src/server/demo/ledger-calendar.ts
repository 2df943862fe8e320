import {
  addDays,
  type CalendarDate,
  daysBetween,
  daysInMonth,
  makeCalendarDate,
} from '../../domain/calendar';
import type { Cents } from '../../domain/money';
import { computeDueDate, type PaymentTerms } from '../../domain/terms';
import { mixSeed, SeededRandom } from './seeded-random';

/** Days of history before the start kept in the tables, for the invoices of the opening entry. */
const PAST = 420;

/**
 * The days of a simulated period, numbered from its start (day 0; negative before it), with their
 * dates precomputed, and a daily USD rate drawn as an integer random walk.
 */
export class LedgerCalendar {
  readonly endDay: number;
  private readonly iso: CalendarDate[] = [];
  private readonly compact: string[] = [];
  /** USD for 1 EUR, in 1/10,000. */
  private readonly usdRate: number[] = [];
  private readonly firstWeekday: number;

  constructor(
    private readonly startDate: CalendarDate,
    endDate: CalendarDate,
    seed: number,
  ) {
    this.endDay = daysBetween(startDate, endDate);
    const fx = new SeededRandom(mixSeed(seed, 0xf0f0));
    let rate = 10_850;
    for (let d = -PAST; d <= this.endDay; d++) {
      const date = addDays(startDate, d);
      this.iso.push(date);
      this.compact.push(date.replaceAll('-', ''));
      rate = Math.min(11_600, Math.max(10_200, rate + fx.int(-25, 25)));
      this.usdRate.push(rate);
    }
    this.firstWeekday = new Date(`${startDate}T00:00:00Z`).getUTCDay();
  }

  isoDate(day: number): CalendarDate {
    return this.iso[day + PAST] ?? addDays(this.startDate, day);
  }

  /** AAAAMMJJ, as in a FEC. */
  compactDate(day: number): string {
    return this.compact[day + PAST] ?? this.isoDate(day).replaceAll('-', '');
  }

  dayOf(date: CalendarDate): number {
    return daysBetween(this.startDate, date);
  }

  /** Saturdays and Sundays move to the next Monday. */
  businessDay(day: number): number {
    const weekday = (((this.firstWeekday + day) % 7) + 7) % 7;
    return weekday === 6 ? day + 2 : weekday === 0 ? day + 1 : day;
  }

  dueDay(day: number, terms: PaymentTerms): number {
    return this.dayOf(computeDueDate(this.isoDate(day), terms));
  }

  /** The first business day on or after `day` that falls on `dayOfMonth` (or the month's last day). */
  monthlyDay(day: number, dayOfMonth: number): number {
    const date = this.isoDate(day);
    let year = Number(date.slice(0, 4));
    let month = Number(date.slice(5, 7));
    if (Number(date.slice(8, 10)) > dayOfMonth)
      [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
    const target = makeCalendarDate(
      year,
      month,
      Math.min(dayOfMonth, daysInMonth(year, month)),
    ) as CalendarDate;
    return this.businessDay(this.dayOf(target));
  }

  /** USD cents to euro cents at the rate of the day, rounded half up with integer arithmetic. */
  toEuros(usd: Cents, day: number): Cents {
    const rate = this.usdRate[day + PAST] ?? 10_850;
    return Math.floor((usd * 20_000 + rate) / (2 * rate));
  }
}
