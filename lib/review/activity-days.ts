// The activity chart's days: every day from the first to the last with activity, quiet
// days as zero, so the time axis is even. Days are UTC "YYYY-MM-DD" strings.

const DAY_MS = 86_400_000;
/** A chart of more days than this shows only the latest ones. */
export const MAX_CHART_DAYS = 366;

export function fillActivityDays(days: ReadonlyArray<{ day: string; count: number }>): Array<{ day: string; count: number }> {
  if (days.length === 0) return [];
  const counts = new Map(days.map((entry) => [entry.day, entry.count]));
  const first = Date.parse(`${days[0]!.day}T00:00:00Z`);
  const last = Date.parse(`${days.at(-1)!.day}T00:00:00Z`);
  const start = Math.max(first, last - (MAX_CHART_DAYS - 1) * DAY_MS);
  const filled: Array<{ day: string; count: number }> = [];
  for (let at = start; at <= last; at += DAY_MS) {
    const day = new Date(at).toISOString().slice(0, 10);
    filled.push({ day, count: counts.get(day) ?? 0 });
  }
  return filled;
}
