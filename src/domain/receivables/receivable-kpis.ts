import { addDays, type CalendarDate } from '../calendar';
import type { Cents } from '../money';
import {
  computeAtRiskShare,
  computeAverageDaysDelinquent,
  computeBestPossibleDso,
  computeCollectionEffectivenessIndex,
  computeDsoCountback,
  monthStartsBack,
} from './kpis';

/** What the ledger did in one calendar month (the server's `monthly_flows`). */
export interface MonthFlow {
  /** First day of the month. */
  month: CalendarDate;
  /** Debits of the sales journals: invoices. */
  invoiced: Cents;
  /** Credits of the sales journals: credit notes. */
  credited: Cents;
  /** Credits of the other journals: payments and other settlements. */
  collected: Cents;
  /** Every debit − credit of the month, opening entries included. */
  net: Cents;
}

export interface ReceivableKpis {
  dso: number | null;
  bestPossibleDso: number | null;
  averageDaysDelinquent: number | null;
  cei: number | null;
  atRiskShare: number | null;
}

/** Months of sales the countback may walk through. */
const COUNTBACK_MONTHS = 24;
/** Months of the best possible DSO and of the collection effectiveness index. */
const PERIOD_MONTHS = 3;

/**
 * The KPIs of VIS-10 for a set of receivables on `today`, from its summary (balance, not due,
 * buckets) and its monthly flows (docs/formulas.md). Sales of a month are its invoices less its
 * credit notes; the CEI covers the current month and the two before it, starting from the
 * balance the flows give at the first day of that period.
 * @example computeReceivableKpis({ today: '2024-11-15', balance: 0, notDue: 0, buckets: [0, 0, 0, 0, 0], agingBounds: [30, 60, 90], flows: [] }).dso // 0
 */
export function computeReceivableKpis(input: {
  today: CalendarDate;
  balance: Cents;
  notDue: Cents;
  buckets: readonly Cents[];
  agingBounds: readonly number[];
  flows: readonly MonthFlow[];
}): ReceivableKpis {
  const { today, balance, notDue, flows } = input;
  const byMonth = new Map(flows.map((f) => [f.month, f]));
  const salesByMonth = monthStartsBack(today, COUNTBACK_MONTHS).map((month) => {
    const flow = byMonth.get(month);
    return { month, sales: flow ? Math.max(0, flow.invoiced - flow.credited) : 0 };
  });
  const dso = computeDsoCountback(balance, salesByMonth);
  const bestPossibleDso = computeBestPossibleDso(notDue, salesByMonth, PERIOD_MONTHS);

  const periodStart = salesByMonth[PERIOD_MONTHS - 1]!.month;
  let beginningReceivables = 0;
  let periodSales = 0;
  for (const flow of flows) {
    if (flow.month < periodStart) beginningReceivables += flow.net;
    else if (flow.month <= today) periodSales += flow.invoiced - flow.credited;
  }
  return {
    dso,
    bestPossibleDso,
    averageDaysDelinquent: computeAverageDaysDelinquent(dso, bestPossibleDso),
    cei: computeCollectionEffectivenessIndex({
      beginningReceivables,
      sales: periodSales,
      endingReceivables: balance,
      endingCurrentReceivables: notDue,
    }),
    atRiskShare: computeAtRiskShare([...input.buckets], [...input.agingBounds]),
  };
}

/**
 * Adds up the flows of several companies month by month (same currency), oldest first.
 * @example sumMonthFlows([[{ month: '2024-01-01', invoiced: 1, credited: 0, collected: 0, net: 1 }]])[0].invoiced // 1
 */
export function sumMonthFlows(perCompany: readonly (readonly MonthFlow[])[]): MonthFlow[] {
  const sums = new Map<CalendarDate, MonthFlow>();
  for (const flows of perCompany) {
    for (const f of flows) {
      const sum = sums.get(f.month) ?? { month: f.month, invoiced: 0, credited: 0, collected: 0, net: 0 };
      sum.invoiced += f.invoiced;
      sum.credited += f.credited;
      sum.collected += f.collected;
      sum.net += f.net;
      sums.set(f.month, sum);
    }
  }
  return [...sums.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}

/**
 * The days the evolution chart shows: the last day of each of the `months` previous months, then today.
 * @example evolutionDays('2024-04-30', 2) // ['2024-02-29', '2024-03-31', '2024-04-30']
 */
export function evolutionDays(today: CalendarDate, months = 12): CalendarDate[] {
  const starts = monthStartsBack(today, months + 1).reverse();
  const days = starts.slice(1).map((start) => addDays(start, -1));
  days.push(today);
  return days;
}
