import type { DueDateRow } from '../../../contracts/due-dates';

export type ItemTone = 'notDue' | 'overdue' | 'credit';

/** VIS-1 colours: blue = debit not yet due, orange = debit overdue, green = every credit. */
export function itemTone(row: Pick<DueDateRow, 'side' | 'status'>): ItemTone {
  if (row.side === 'credit') return 'credit';
  return row.status === 'overdue' ? 'overdue' : 'notDue';
}

export const TONE_TEXT: Record<ItemTone, string> = {
  notDue: 'text-sky-700',
  overdue: 'text-orange-600',
  credit: 'text-emerald-700',
};

export const TONE_BADGE: Record<ItemTone, string> = {
  notDue: 'bg-sky-50 text-sky-800 ring-sky-600/20',
  overdue: 'bg-orange-50 text-orange-800 ring-orange-600/20',
  credit: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
};

export const TONE_BAR: Record<ItemTone, string> = {
  notDue: 'bg-sky-500',
  overdue: 'bg-orange-500',
  credit: 'bg-emerald-500',
};
