/** Verdict of the freshness gate of the nightly run (DUN-12). */
export interface FreshnessVerdict {
  /** The last successful sync finished within the window: automatic steps may go. */
  isFresh: boolean;
  /** Hours since the last successful sync finished, `null` if there never was one. */
  syncAgeHours: number | null;
  /** What admins are told when nothing may be sent; `null` when fresh. */
  alert: string | null;
}

const HOUR_MS = 3_600_000;

/**
 * The freshness gate (DUN-12): automatic steps go only if a successful sync of the company finished
 * within the last `windowHours` hours before `now` (both ISO instants; a window is a duration, so
 * milliseconds are right here). A sync exactly at the edge of the window is still fresh; a sync
 * stamped after `now` (clock skew) counts as just done.
 * @example resolveFreshness('2024-04-29T01:00:00Z', '2024-04-30T02:00:00Z').isFresh // false (25 h)
 */
export function resolveFreshness(
  lastSuccessfulSyncAt: string | null,
  now: string,
  windowHours = 24,
): FreshnessVerdict {
  const nowMs = Date.parse(now);
  if (Number.isNaN(nowMs)) throw new RangeError(`now is not an ISO instant: ${now}`);
  if (!(windowHours > 0))
    throw new RangeError(`the freshness window must be a positive number of hours: ${windowHours}`);
  if (lastSuccessfulSyncAt === null) {
    return {
      isFresh: false,
      syncAgeHours: null,
      alert: 'No successful sync yet: nothing was sent automatically.',
    };
  }
  const syncMs = Date.parse(lastSuccessfulSyncAt);
  if (Number.isNaN(syncMs)) throw new RangeError(`last sync is not an ISO instant: ${lastSuccessfulSyncAt}`);
  const syncAgeHours = Math.max(0, nowMs - syncMs) / HOUR_MS;
  if (syncAgeHours <= windowHours) return { isFresh: true, syncAgeHours, alert: null };
  return {
    isFresh: false,
    syncAgeHours,
    alert: `The last successful sync finished ${Math.floor(syncAgeHours)} h ago, beyond the ${windowHours} h window: nothing was sent automatically.`,
  };
}
