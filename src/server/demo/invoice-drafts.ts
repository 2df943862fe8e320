import type { Cents } from '../../domain/money';
import type { LedgerCalendar } from './ledger-calendar';
import { type Account, type Invoice, type LedgerCustomer, REVENUE, type RevenueLine } from './ledger-model';
import type { SeededRandom } from './seeded-random';

/**
 * French VAT at 20 % of a net amount, rounded half up to the cent with integer arithmetic.
 * @example vatOf(12345) // 2469
 */
export function vatOf(net: Cents): Cents {
  return Math.floor((net * 20 + 50) / 100);
}

/**
 * A new invoice of a customer (no piece number yet): one revenue line, sometimes two, around the
 * customer's typical amount; VAT on French customers, none on export (exempt or reverse-charged).
 * A USD customer's lines are drawn in dollars and booked in euros at the rate of the day.
 */
export function draftInvoice(
  rng: SeededRandom,
  calendar: LedgerCalendar,
  c: LedgerCustomer,
  day: number,
): Invoice {
  const isExport = c.profile === 'export';
  const lines: RevenueLine[] = [];
  for (let i = rng.chance(0.08) ? 2 : 1; i > 0; i--) {
    let amount = Math.round(c.typicalAmount * 0.4 * 6.25 ** rng.next());
    if (rng.chance(0.4)) amount = Math.max(100, Math.round(amount / 100) * 100); // whole euros
    const account = REVENUE[isExport ? 0 : i === 1 ? c.revenueLine : (c.revenueLine % 3) + 1] as Account;
    if (c.currency === 'USD')
      lines.push({ account, amount: calendar.toEuros(amount, day), original: amount });
    else lines.push({ account, amount, original: null });
  }
  let net = 0;
  let usd = 0;
  for (const r of lines) {
    net += r.amount;
    usd += r.original ?? 0;
  }
  const vat = isExport ? 0 : vatOf(net);
  return {
    customer: c.index,
    day,
    piece: '',
    lines,
    vat,
    total: net + vat,
    usd: c.currency === 'USD' ? usd : null,
  };
}

/** A full credit note (100 %) mirrors the invoice; a partial one takes a share of its first line. */
export function creditNoteAmounts(
  invoice: Invoice,
  percent: number,
): Pick<Invoice, 'lines' | 'vat' | 'total'> {
  if (percent === 100) return invoice;
  const first = invoice.lines[0] as RevenueLine;
  const net = Math.floor((first.amount * percent) / 100);
  const vat = invoice.vat > 0 ? vatOf(net) : 0;
  return { lines: [{ account: first.account, amount: net, original: null }], vat, total: net + vat };
}
