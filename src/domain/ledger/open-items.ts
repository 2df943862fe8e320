import type { CalendarDate } from '../calendar';
import type { Cents } from '../money';
import { computeDueDate, type PaymentTerms } from '../terms';

/** One line of a customer's ledger, as the lettering needs it. */
export interface LedgerEntry {
  /** Stable entry key, opaque here. */
  key: string;
  documentDate: CalendarDate;
  entryDate: CalendarDate;
  sourceDueDate: CalendarDate | null;
  /** Both >= 0; normally one of them is 0. A line with both counts for its net (debit − credit). */
  debit: Cents;
  credit: Cents;
  /** '' = unlettered; compared after trimming spaces. */
  letteringCode: string;
  letteringDate: CalendarDate | null;
}

/** An entry, or the unsettled part of it, that is not fully lettered (IMP-5). */
export interface OpenItem {
  key: string;
  /** > 0 open debit, < 0 open credit, never 0. */
  amount: Cents;
  documentDate: CalendarDate;
  dueDate: CalendarDate;
  /** The item comes from a lettered group that does not balance. */
  isPartial: boolean;
}

/** A debit entry fully settled by lettering, with its group's payment date (DUN-6, VIS-11). */
export interface SettledEntry {
  key: string;
  paymentDate: CalendarDate;
}

/**
 * Due date of an entry (VIS-1, IMP-4): the source due date when present; else, for a debit
 * (debit − credit > 0), the document date plus the terms; for a credit (or a zero line), the
 * document date — terms apply to debits only.
 * @example resolveDueDate({ documentDate: '2024-01-15', sourceDueDate: null, debit: 100, credit: 0 }, DEFAULT_TERMS) // '2024-02-14'
 */
export function resolveDueDate(
  entry: Pick<LedgerEntry, 'documentDate' | 'sourceDueDate' | 'debit' | 'credit'>,
  terms: PaymentTerms,
): CalendarDate {
  if (entry.sourceDueDate) return entry.sourceDueDate;
  return entry.debit - entry.credit > 0 ? computeDueDate(entry.documentDate, terms) : entry.documentDate;
}

/**
 * Letters the entries of ONE customer into open items and settled debits (IMP-5).
 *
 * - Entries with the same non-empty lettering code (trimmed) form a group. A group whose debits
 *   equal its credits is settled: none of its entries is open, and each of its debit entries is
 *   settled on the group's payment date.
 * - The payment date of a group is its latest lettering date, else its latest entry date.
 * - In a group that does not balance, the credits (lines whose net is < 0) are applied to the debits
 *   (lines whose net is > 0), oldest due date first, then older document date, then input order.
 *   What remains of each debit is open (`isPartial`). A debit fully covered is settled, on the
 *   group's payment date like in a balanced group: the lettering says it has been paid.
 * - If the credits exceed the debits, the excess is one open credit on the group's latest credit
 *   (latest document date, then latest in input order), with that credit's document and due date.
 * - Unlettered entries are open as they are; a zero line yields nothing.
 *
 * Law: the sum of the open items equals sum(debit) − sum(credit). Both lists come in input order.
 * O(n) plus a sort of the debits of each unbalanced group.
 */
export function computeOpenItems(
  entries: readonly LedgerEntry[],
  terms: PaymentTerms,
): { openItems: OpenItem[]; settled: SettledEntry[] } {
  const n = entries.length;
  // Open amount of each entry; starts at its net and is rewritten by the lettering of its group.
  const open = new Float64Array(n);
  const isPartial = new Uint8Array(n);
  const paymentDates: (CalendarDate | undefined)[] = new Array(n);
  const dueDates: (CalendarDate | undefined)[] = new Array(n);

  // Groups as linked lists of entry indices, in input order: no array per group.
  const groupOfCode = new Map<string, number>();
  const groupHead: number[] = [];
  const groupTail: number[] = [];
  const next = new Int32Array(n).fill(-1);

  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    open[i] = e.debit - e.credit;
    const code = e.letteringCode.length === 0 ? '' : e.letteringCode.trim();
    if (code === '') continue;
    const g = groupOfCode.get(code);
    if (g === undefined) {
      groupOfCode.set(code, groupHead.length);
      groupHead.push(i);
      groupTail.push(i);
    } else {
      next[groupTail[g]!] = i;
      groupTail[g] = i;
    }
  }

  for (let g = 0; g < groupHead.length; g++) {
    letterGroup(entries, terms, groupHead[g]!, next, open, isPartial, paymentDates, dueDates);
  }

  const openItems: OpenItem[] = [];
  const settled: SettledEntry[] = [];
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    const amount = open[i]!;
    if (amount !== 0) {
      openItems.push({
        key: e.key,
        amount,
        documentDate: e.documentDate,
        dueDate: dueDates[i] ?? resolveDueDate(e, terms),
        isPartial: isPartial[i] === 1,
      });
    }
    const paymentDate = paymentDates[i];
    if (paymentDate !== undefined) settled.push({ key: e.key, paymentDate });
  }
  return { openItems, settled };
}

/** Letters one group (IMP-5), writing its open amounts, partial flags and payment dates in place. */
function letterGroup(
  entries: readonly LedgerEntry[],
  terms: PaymentTerms,
  head: number,
  next: Int32Array,
  open: Float64Array,
  isPartial: Uint8Array,
  paymentDates: (CalendarDate | undefined)[],
  dueDates: (CalendarDate | undefined)[],
): void {
  let debits = 0; // sum of positive nets
  let credits = 0; // sum of negative nets, as a positive number
  let latestLettering = '';
  let latestEntry = '';
  let latestCredit = -1;
  let debitCount = 0;
  for (let i = head; i !== -1; i = next[i]!) {
    const e = entries[i]!;
    const net = open[i]!;
    if (net > 0) {
      debits += net;
      debitCount++;
    } else if (net < 0) {
      credits -= net;
      if (latestCredit === -1 || e.documentDate >= entries[latestCredit]!.documentDate) latestCredit = i;
    }
    if (e.letteringDate && e.letteringDate > latestLettering) latestLettering = e.letteringDate;
    if (e.entryDate > latestEntry) latestEntry = e.entryDate;
  }
  const paymentDate = latestLettering || latestEntry;

  if (debits === credits) {
    for (let i = head; i !== -1; i = next[i]!) {
      if (open[i]! > 0) paymentDates[i] = paymentDate;
      open[i] = 0;
    }
    return;
  }

  for (let i = head; i !== -1; i = next[i]!) isPartial[i] = 1;

  if (credits > debits) {
    // Every debit is covered; the excess stays on the latest credit.
    for (let i = head; i !== -1; i = next[i]!) {
      if (open[i]! > 0) paymentDates[i] = paymentDate;
      open[i] = 0;
    }
    open[latestCredit] = debits - credits;
    return;
  }

  // Credits fall short: apply them to the debits, oldest due date first.
  const order = new Array<number>(debitCount);
  let k = 0;
  for (let i = head; i !== -1; i = next[i]!) {
    if (open[i]! > 0) {
      order[k++] = i;
      dueDates[i] = resolveDueDate(entries[i]!, terms);
    } else {
      open[i] = 0;
    }
  }
  order.sort((a, b) => {
    const dueA = dueDates[a]!;
    const dueB = dueDates[b]!;
    if (dueA !== dueB) return dueA < dueB ? -1 : 1;
    const docA = entries[a]!.documentDate;
    const docB = entries[b]!.documentDate;
    if (docA !== docB) return docA < docB ? -1 : 1;
    return a - b;
  });
  let left = credits;
  for (let j = 0; j < debitCount && left > 0; j++) {
    const i = order[j]!;
    const net = open[i]!;
    if (left >= net) {
      open[i] = 0;
      paymentDates[i] = paymentDate;
      left -= net;
    } else {
      open[i] = net - left;
      left = 0;
    }
  }
}
