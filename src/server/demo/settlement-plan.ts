import type { Cents } from '../../domain/money';
import type { LedgerCustomer } from './ledger-model';
import type { SeededRandom } from './seeded-random';

/**
 * What will happen to one invoice after it is issued: payments and credit notes, each on a day
 * (days are counted from the start of the period) and for an amount credited to the customer
 * account. Days are raw: the simulation moves them to business days after the invoice.
 */
export interface SettlementPart {
  kind: 'payment' | 'credit-note';
  day: number;
  /** Amount credited to 411, in cents of the ledger currency. */
  amount: Cents;
  /** Credit notes: share of the invoice they cancel, in percent (100 = the whole invoice). */
  percent: number;
}

/** How a customer pays one invoice of `total` cents issued on `day` and due on `dueDay`. */
export function planSettlement(
  rng: SeededRandom,
  customer: LedgerCustomer,
  day: number,
  dueDay: number,
  total: Cents,
): SettlementPart[] {
  const pay = (at: number, amount: Cents): SettlementPart => ({
    kind: 'payment',
    day: at,
    amount,
    percent: 0,
  });
  const instalments = (first: number): SettlementPart[] => {
    const part = Math.floor((total * rng.int(3, 7)) / 10);
    return [pay(first, part), pay(first + rng.int(15, 60), total - part)];
  };
  const isUsd = customer.currency === 'USD';
  // Credit notes: a cancelled invoice, or a discount granted after a complaint, the rest paid.
  if (!isUsd && rng.chance(0.03)) {
    const noteDay = day + rng.int(3, 30);
    if (rng.chance(0.5)) return [{ kind: 'credit-note', day: noteDay, amount: total, percent: 100 }];
    const percent = rng.int(5, 30);
    return [
      { kind: 'credit-note', day: noteDay, amount: 0, percent },
      pay(Math.max(dueDay, noteDay) + rng.int(0, 30), 0),
    ];
  }
  switch (customer.profile) {
    case 'key-account':
      // Outside their payment runs: an invoice held back by a dispute, paid late on its own.
      return [pay(dueDay + rng.int(20, 90), total)];
    case 'sme':
      if (customer.paymentMethod === 'prelevement') return [pay(dueDay, total)];
      if (rng.chance(0.08)) return instalments(dueDay + rng.int(0, 20));
      return [pay(dueDay + rng.int(-8, 5) + (rng.chance(0.35) ? rng.int(5, 40) : 0), total)];
    case 'slow-payer':
      if (rng.chance(0.25)) return instalments(dueDay + rng.int(30, 90));
      return [pay(dueDay + rng.int(30, 120), total)];
    case 'bad-payer': {
      const fate = rng.next();
      if (fate < 0.3) return [];
      if (fate < 0.45) return [pay(dueDay + rng.int(20, 90), Math.floor((total * rng.int(2, 6)) / 10))];
      if (fate < 0.7) return instalments(dueDay + rng.int(20, 100));
      return [pay(dueDay + rng.int(20, 150), total)];
    }
    case 'public-sector':
      // The public accountant pays 50 to 60 days after the invoice, whatever the terms say.
      return [pay(day + rng.int(50, 60), total)];
    case 'export':
      if (!isUsd && rng.chance(0.1)) return instalments(dueDay + rng.int(0, 30));
      return [pay(dueDay + rng.int(-5, 45), total)];
  }
}
