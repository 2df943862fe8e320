import type { CalendarDate } from '../calendar';
import { type DunningLevel, levelRank, reminderLevel } from './levels';
import type { DunningItem, PlannedReminder } from './planner';

/**
 * Records reminders once done: each item a reminder moves takes its new level with `today` as its
 * last reminder date, and the items of a thank-you are marked thanked (DUN-5, DUN-6). Returns new
 * items; the others are returned as they were.
 * @example applyReminders(items, planReminders(input).reminders, input.today)
 */
export function applyReminders(
  items: readonly DunningItem[],
  reminders: readonly PlannedReminder[],
  today: CalendarDate,
): DunningItem[] {
  const levels = new Map<string, DunningLevel>();
  const thanked = new Set<string>();
  for (const reminder of reminders) {
    for (const { itemKey, level } of reminder.levelUps) levels.set(itemKey, level);
    if (reminder.kind === 'thankYou') for (const key of reminder.itemKeys) thanked.add(key);
  }
  return items.map((item) => {
    const level = levels.get(item.key);
    if (level === undefined && !thanked.has(item.key)) return item;
    return {
      ...item,
      ...(level === undefined ? {} : { level, lastReminderDate: today }),
      ...(thanked.has(item.key) ? { isThanked: true } : {}),
    };
  });
}

/** A manual action on selected items (DUN-11): a call, an email, a letter or another action. */
export interface ManualAction {
  itemKeys: readonly string[];
  /** Counts for the scenario (moves the items one level up) or is one-off (levels unchanged). */
  countsForScenario: boolean;
  date: CalendarDate;
}

/**
 * The level one step up from `level` on `date` (DUN-11). Decision: an item at none moves to the
 * notice while it is not overdue and to R1 once it is, because a notice after the due date makes
 * no sense; R7 is the top and stays.
 * @example nextManualLevel('none', '2024-04-01', '2024-04-30') // 'R1'
 */
export function nextManualLevel(
  level: DunningLevel,
  dueDate: CalendarDate,
  date: CalendarDate,
): DunningLevel {
  const rank = levelRank(level);
  if (rank === 0) return dueDate >= date ? 'notice' : 'R1';
  return reminderLevel(rank) ?? 'R7';
}

/**
 * Applies a manual action to item levels (DUN-11): an action that counts for the scenario moves each
 * selected item one level up and dates its last reminder on the action's date, so the next step
 * counts from it; a one-off action changes nothing.
 * @example applyManualAction(items, { itemKeys: ['F1'], countsForScenario: false, date: '2024-04-30' }) // items, unchanged
 */
export function applyManualAction(items: readonly DunningItem[], action: ManualAction): DunningItem[] {
  if (!action.countsForScenario) return [...items];
  const selected = new Set(action.itemKeys);
  return items.map((item) =>
    selected.has(item.key)
      ? {
          ...item,
          level: nextManualLevel(item.level, item.dueDate, action.date),
          lastReminderDate: action.date,
        }
      : item,
  );
}
