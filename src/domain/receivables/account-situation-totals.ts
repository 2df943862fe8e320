import type { Cents } from '../money';

/**
 * One row of an account situation as it is shown: its debit and credit, and the currency of
 * those two amounts — the ledger currency, or the entry's original currency when the view shows
 * original amounts (VIS-6, VIS-12).
 */
export interface SituationRow {
  debit: Cents;
  credit: Cents;
  currency: string;
}

/** The two closing lines of an account situation (VIS-7). */
export interface AccountSituationTotals {
  /** The currency every summed row shares; null when no row was kept. */
  currency: string | null;
  /** Total debit and total credit of the kept rows. */
  totals: { debit: Cents; credit: Cents };
  /**
   * The balance, debit − credit, written on one side only: on the debit side when it is zero or
   * positive (the customer owes), on the credit side, as a positive amount, when it is negative
   * (the company owes); the other side is null, so the line reads like an accountant's
   * "solde débiteur" / "solde créditeur".
   */
  balance: { amount: Cents; debit: Cents | null; credit: Cents | null };
}

/**
 * VIS-7: the totals line and the balance line closing an account situation export, summed over
 * the rows the current filter keeps — or null when those rows hold several currencies, where
 * both lines are left out (adding dollars to euros means nothing).
 *
 * "Several currencies" is about the amounts as shown: in the ledger-currency view every row is
 * in the ledger currency, so the lines are there; in the original-currency view they are there
 * only if every kept entry was in the same currency.
 * @example computeAccountSituationTotals([{ debit: 12000, credit: 0, currency: 'EUR' }, { debit: 0, credit: 2000, currency: 'EUR' }])
 * // { currency: 'EUR', totals: { debit: 12000, credit: 2000 }, balance: { amount: 10000, debit: 10000, credit: null } }
 */
export function computeAccountSituationTotals(
  keptRows: Iterable<SituationRow>,
): AccountSituationTotals | null {
  let currency: string | null = null;
  let debit = 0;
  let credit = 0;
  for (const row of keptRows) {
    if (currency === null) currency = row.currency;
    else if (row.currency !== currency) return null;
    debit += row.debit;
    credit += row.credit;
  }
  const amount = debit - credit;
  return {
    currency,
    totals: { debit, credit },
    balance: { amount, debit: amount >= 0 ? amount : null, credit: amount < 0 ? -amount : null },
  };
}
