/**
 * Dunning levels (vocabulary, DUN-5): the stage an open item has reached. `none` until the first
 * step, then the notice, then R1…R7. Handing an item over to collection is a flag on the item, not
 * a level: the item keeps the level dunning left it at.
 */
export const DUNNING_LEVELS = ['none', 'notice', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'] as const;
export type DunningLevel = (typeof DUNNING_LEVELS)[number];

/** Most reminder steps a variant may hold (DUN-3). */
export const MAX_REMINDERS = 7;

/**
 * Position of a level in the climb: none 0, notice 1, R1 2 … R7 8.
 * @example levelRank('R2') // 3
 */
export function levelRank(level: DunningLevel): number {
  return DUNNING_LEVELS.indexOf(level);
}

/**
 * Level of the n-th reminder step (1-based), or `null` past R7.
 * @example reminderLevel(3) // 'R3'
 */
export function reminderLevel(n: number): DunningLevel | null {
  if (!Number.isInteger(n) || n < 1 || n > MAX_REMINDERS) return null;
  return DUNNING_LEVELS[n + 1]!;
}
