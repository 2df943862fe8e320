import { addDays, type CalendarDate } from '../calendar';
import { type DunningLevel, levelRank } from './levels';
import { resolveStepLevels, type ScenarioStep, type ScenarioVariant } from './scenario';

/** An enabled notice or reminder step of a variant, with its index in the variant and its level. */
export interface LevelStep {
  index: number;
  step: ScenarioStep;
  level: DunningLevel;
}

/** The enabled notice and reminder steps of a variant, in order (disabled steps do not exist for the planner). */
export function listLevelSteps(variant: ScenarioVariant): LevelStep[] {
  const levels = resolveStepLevels(variant);
  return variant.steps.flatMap((step, index) => {
    const level = levels[index];
    return step.isEnabled && level ? [{ index, step, level }] : [];
  });
}

/** What the planner needs to know of an open debit to find its next step. */
export interface StepItem {
  level: DunningLevel;
  lastReminderDate: CalendarDate | null;
  documentDate: CalendarDate;
  dueDate: CalendarDate;
}

/**
 * The one step an open debit reaches today, or `null` (DUN-4, DUN-5).
 *
 * - A step is due when its date has come and the step before it was done; the walk passes over a
 *   step that was not done only when that step is flagged "may be skipped", and then the furthest
 *   step whose date has come wins. The item still moves by one step only, so never R1+R2+R3 at once.
 * - The notice is due from X days before the due date up to the due date itself (the item is not
 *   overdue yet, VIS-1). Decision: once the due date has passed, a notice that did not go is never
 *   sent late and R1 no longer waits for it.
 * - Decision: a reminder step is never due before the item is overdue, even with 0 days.
 * - A step counting from the previous reminder counts from the item's last reminder date when the
 *   previous step is the item's level; past a skipped step, from the date that step would have had.
 *   Decision: an item with a level but no recorded date (set by hand) counts from its due date.
 * - Decision: nothing is due on the day the item was last reminded, so a second run the same day
 *   adds nothing and a very late invoice climbs one level per nightly run.
 * @example resolveDueStep({ level: 'none', lastReminderDate: null, documentDate: '2024-03-01', dueDate: '2024-03-31' }, listLevelSteps(STANDARD_SCENARIO.withEmail), '2024-04-05')?.level // 'R1'
 */
export function resolveDueStep(
  item: StepItem,
  steps: readonly LevelStep[],
  today: CalendarDate,
): LevelStep | null {
  if (item.lastReminderDate !== null && item.lastReminderDate >= today) return null;
  const rank = levelRank(item.level);
  let previousDate = item.lastReminderDate ?? item.dueDate;
  let chosen: LevelStep | null = null;
  for (const candidate of steps) {
    if (levelRank(candidate.level) <= rank) continue;
    const { step } = candidate;
    if (step.kind === 'notice') {
      if (today > item.dueDate) continue;
      if (today >= addDays(item.dueDate, -step.days)) chosen = candidate;
      break;
    }
    if (today <= item.dueDate) break;
    const date = addDays(
      step.basis === 'documentDate'
        ? item.documentDate
        : step.basis === 'dueDate'
          ? item.dueDate
          : previousDate,
      step.days,
    );
    if (date <= today) chosen = candidate;
    if (!step.maySkip) break;
    previousDate = date;
  }
  return chosen;
}
