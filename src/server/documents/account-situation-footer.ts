import type { AccountSituationTotals } from '../../domain/receivables/account-situation-totals';
import type { FooterRow } from './table-export';

/**
 * The footer rows of an account situation export (VIS-7) from
 * {@link computeAccountSituationTotals}: a totals line and a balance line (the balance on the
 * debit side when ≥ 0, on the credit side when negative), or none when the kept rows hold several
 * currencies (`totals` is null).
 * @example
 * accountSituationFooter(computeAccountSituationTotals(keptRows), {
 *   debitKey: 'debit',
 *   creditKey: 'credit',
 *   labels: { totals: t('situation.totals'), balance: t('situation.balance') },
 * }) // [{ label: 'Totaux', values: { debit: 175050, credit: 122525 } }, { label: 'Solde', values: { debit: 52525, credit: null } }]
 */
export function accountSituationFooter(
  totals: AccountSituationTotals | null,
  options: { debitKey: string; creditKey: string; labels: { totals: string; balance: string } },
): FooterRow[] {
  if (!totals) return [];
  const { debitKey, creditKey, labels } = options;
  const currency = totals.currency === null ? {} : { currency: totals.currency };
  return [
    {
      label: labels.totals,
      values: { [debitKey]: totals.totals.debit, [creditKey]: totals.totals.credit },
      ...currency,
    },
    {
      label: labels.balance,
      values: { [debitKey]: totals.balance.debit, [creditKey]: totals.balance.credit },
      ...currency,
    },
  ];
}
