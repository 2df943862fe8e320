import type { CustomerDunning } from '../../../contracts/dunning';
import { type CalendarDate, isCalendarDate } from '../../../domain/calendar';
import { parseAmountInput } from './settings/amount-input';

/**
 * Pure helpers of the customer's dunning card (DUN-11, CSH-1): the colour of an item's promises,
 * what a selection of items holds, and the body of a manual action from what the form holds.
 */

export type DunningItem = CustomerDunning['items'][number];
export type ItemPromise = DunningItem['promises'][number];

/**
 * CSH-1: an item is orange when one of its promises is late, blue when all of them are to come;
 * no colour without a live promise (cancelled ones do not count).
 * @example promiseTone([{ status: 'expected' }, { status: 'late' }]) // 'late'
 */
export function promiseTone(promises: readonly Pick<ItemPromise, 'status'>[]): 'late' | 'expected' | null {
  const live = promises.filter((p) => p.status !== 'cancelled');
  if (live.some((p) => p.status === 'late')) return 'late';
  if (live.length > 0 && live.every((p) => p.status === 'expected')) return 'expected';
  return null;
}

export interface SelectionSummary {
  items: DunningItem[];
  total: number;
  isAllStopped: boolean;
  isAnyStopped: boolean;
  isAllDisputed: boolean;
  isAnyDisputed: boolean;
  isAllInCollection: boolean;
}

/**
 * The selected items in the card's order, their total, and whether their flags are all on or
 * some on: the toolbar offers "lift" when one is on, "put" when one is off.
 */
export function summarizeSelection(
  items: readonly DunningItem[],
  selected: ReadonlySet<string>,
): SelectionSummary {
  const chosen = items.filter((i) => selected.has(i.entryKey));
  const has = chosen.length > 0;
  return {
    items: chosen,
    total: chosen.reduce((sum, i) => sum + i.amount, 0),
    isAllStopped: has && chosen.every((i) => i.stopReason !== null),
    isAnyStopped: chosen.some((i) => i.stopReason !== null),
    isAllDisputed: has && chosen.every((i) => i.disputeReason !== null),
    isAnyDisputed: chosen.some((i) => i.disputeReason !== null),
    isAllInCollection: has && chosen.every((i) => i.isInCollection),
  };
}

/** Addresses typed in one box, split on commas, semicolons and spaces; `null` if one is not an address. */
export function parseAddressList(text: string): string[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.every((p) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(p)) ? parts : null;
}

export const MANUAL_KINDS = ['call', 'email', 'letter', 'other'] as const;
export type ManualKind = (typeof MANUAL_KINDS)[number];

/** Outcomes of a call offered in the form; saved as these words. */
export const CALL_OUTCOMES = ['reached', 'noAnswer', 'voicemail', 'wrongNumber', 'callBack'] as const;

/** What the manual action form holds, as typed. */
export interface ActionDraft {
  kind: ManualKind;
  countsForScenario: boolean;
  outcome: string;
  comment: string;
  hasPromise: boolean;
  promiseDate: string;
  /** In the currency's units, as typed; empty: each item's open amount. */
  promiseAmount: string;
  to: string;
  cc: string;
  /** Where answers go (DUN-11): the user's own address unless they change it. */
  replyTo: string;
  subject: string;
  text: string;
  /** TPL-5: the customer's statement of account goes with the email. */
  attachStatement: boolean;
}

export type ActionField = 'promiseDate' | 'promiseAmount' | 'to' | 'cc' | 'replyTo' | 'subject' | 'text';

export interface ManualActionBody {
  kind: ManualKind;
  entryKeys: string[];
  countsForScenario: boolean;
  outcome: string | null;
  comment: string | null;
  promise?: { date: CalendarDate; amount?: number };
  email?: {
    to: string[];
    cc: string[];
    replyTo: string;
    subject: string;
    text: string;
    attachStatement: boolean;
  };
}

/**
 * The body of `POST /api/customers/:id/dunning/actions` from the form, or the fields to fix.
 * A promise comes with a call; its amount only for a single item (several items each promise
 * their open amount). An email needs recipients, one reply address, a subject and a text.
 * @example buildActionBody({ ...draft, kind: 'call', hasPromise: true, promiseDate: '2024-05-10' }, ['k1'], '2024-04-30')
 */
export function buildActionBody(
  draft: ActionDraft,
  entryKeys: readonly string[],
  today: CalendarDate,
): { body: ManualActionBody; errors: [] } | { body: null; errors: ActionField[] } {
  const errors: ActionField[] = [];
  const body: ManualActionBody = {
    kind: draft.kind,
    entryKeys: [...entryKeys],
    countsForScenario: draft.countsForScenario,
    outcome: draft.kind === 'call' && draft.outcome !== '' ? draft.outcome : null,
    comment: draft.comment.trim() || null,
  };
  if (draft.kind === 'call' && draft.hasPromise) {
    if (!isCalendarDate(draft.promiseDate) || draft.promiseDate < today) errors.push('promiseDate');
    const amount = entryKeys.length === 1 ? parseAmountInput(draft.promiseAmount) : null;
    if (amount === undefined || amount === 0) errors.push('promiseAmount');
    body.promise = { date: draft.promiseDate, ...(typeof amount === 'number' ? { amount } : {}) };
  }
  if (draft.kind === 'email') {
    const to = parseAddressList(draft.to);
    const cc = parseAddressList(draft.cc);
    const replyTo = parseAddressList(draft.replyTo);
    if (!to || to.length === 0) errors.push('to');
    if (!cc) errors.push('cc');
    if (replyTo?.length !== 1) errors.push('replyTo');
    if (draft.subject.trim() === '') errors.push('subject');
    if (draft.text.trim() === '') errors.push('text');
    body.email = {
      to: to ?? [],
      cc: cc ?? [],
      replyTo: replyTo?.[0] ?? '',
      subject: draft.subject.trim(),
      text: draft.text,
      attachStatement: draft.attachStatement,
    };
  }
  return errors.length > 0 ? { body: null, errors } : { body, errors: [] };
}
