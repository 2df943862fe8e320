import { SEND_STATUSES, type SendResult, type TodoLine } from '../../../contracts/dunning';
import type { Cents } from '../../../domain/money';

/**
 * The to-do by scenario (DUN-9) as the page shows it: lines grouped by step, which of them are
 * ticked, and what a send did. Pure, so that the rules read in one place.
 */

/** The steps in the order a customer meets them: the notice, R1…R7, then the thank-you. */
export const GROUP_KEYS = ['notice', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'thankYou'] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

export interface TodoGroup {
  key: GroupKey;
  lines: TodoLine[];
  /** Sum of the lines' totals, in cents. */
  total: Cents;
}

/**
 * The step a line belongs to. Grouping by level rather than by the step's position keeps the
 * two variants together: R1 is step 2 with a notice before it, step 1 by letter without.
 * @example groupKeyOf({ kind: 'reminder', level: 'R2' }) // 'R2'
 */
export function groupKeyOf(line: Pick<TodoLine, 'kind' | 'level'>): GroupKey {
  if (line.kind === 'thankYou') return 'thankYou';
  if (line.kind === 'notice') return 'notice';
  const level = line.level;
  return level !== null && (GROUP_KEYS as readonly string[]).includes(level) ? (level as GroupKey) : 'R7';
}

/**
 * The lines by step, in the order of {@link GROUP_KEYS}, each keeping the API's order; empty
 * steps are left out.
 */
export function groupTodoLines(lines: readonly TodoLine[]): TodoGroup[] {
  const byKey = new Map<GroupKey, TodoLine[]>();
  for (const line of lines) {
    const key = groupKeyOf(line);
    const list = byKey.get(key);
    if (list) list.push(line);
    else byKey.set(key, [line]);
  }
  return GROUP_KEYS.flatMap((key) => {
    const list = byKey.get(key);
    return list ? [{ key, lines: list, total: sumTotals(list) }] : [];
  });
}

/** What the to-do shows (DUN-9); `null` keeps every value. */
export interface TodoFilter {
  channel: TodoLine['channel'] | null;
  profileId: string | null;
  /** A person of the portfolio: the customer's sales rep or collector. */
  owner: string | null;
}

/** The lines the filter keeps, in their order. */
export function filterTodoLines(lines: readonly TodoLine[], filter: TodoFilter): TodoLine[] {
  return lines.filter(
    (line) =>
      (filter.channel === null || line.channel === filter.channel) &&
      (filter.profileId === null || line.profileId === filter.profileId) &&
      (filter.owner === null || line.salesRep === filter.owner || line.collector === filter.owner),
  );
}

/** The sales reps and collectors of the lines' customers, each once, in alphabetical order. */
export function ownersOf(lines: readonly Pick<TodoLine, 'salesRep' | 'collector'>[]): string[] {
  const owners = new Set<string>();
  for (const line of lines) {
    if (line.salesRep) owners.add(line.salesRep);
    if (line.collector) owners.add(line.collector);
  }
  return [...owners].sort((a, b) => a.localeCompare(b));
}

/** The sum of the lines' totals, in cents (integers: exact). */
export function sumTotals(lines: readonly Pick<TodoLine, 'total'>[]): Cents {
  let total = 0;
  for (const line of lines) total += line.total;
  return total;
}

/**
 * Whether a line starts ticked: not when held back with a reason (DUN-8: shown unchecked), nor
 * when its reminder already went or is going. A customer in dispute stays ticked (DUN-8).
 */
export function isCheckedByDefault(line: Pick<TodoLine, 'exclusion' | 'rowStatus'>): boolean {
  return line.exclusion === null && line.rowStatus !== 'sent' && line.rowStatus !== 'sending';
}

/** Ticks the user changed, by line key; a line not in it keeps its default. */
export type Selection = Readonly<Record<string, boolean>>;

export function isChecked(line: TodoLine, selection: Selection): boolean {
  return selection[line.key] ?? isCheckedByDefault(line);
}

/** Ticks (or unticks) every line given, leaving the others as they are. */
export function selectLines(selection: Selection, lines: readonly TodoLine[], value: boolean): Selection {
  const next: Record<string, boolean> = { ...selection };
  for (const line of lines) next[line.key] = value;
  return next;
}

/** The lines ticked among those given. */
export function checkedLines(lines: readonly TodoLine[], selection: Selection): TodoLine[] {
  return lines.filter((line) => isChecked(line, selection));
}

/** `all`, `none` or `some`: the state of a "select all" box over these lines. */
export function selectionState(lines: readonly TodoLine[], selection: Selection): 'all' | 'none' | 'some' {
  const count = checkedLines(lines, selection).length;
  if (count === 0) return 'none';
  return count === lines.length ? 'all' : 'some';
}

export type SendStatus = (typeof SEND_STATUSES)[number];

/**
 * How many lines ended in each status, in the order of {@link SEND_STATUSES}, without the zeros.
 * @example countByStatus([{ status: 'sent' }, { status: 'sent' }]) // [['sent', 2]]
 */
export function countByStatus(results: SendResult['results']): [SendStatus, number][] {
  const counts = new Map<SendStatus, number>();
  for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return SEND_STATUSES.flatMap((status) => {
    const n = counts.get(status);
    return n ? [[status, n] as [SendStatus, number]] : [];
  });
}
