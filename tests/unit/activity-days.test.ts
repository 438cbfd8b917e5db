// The activity chart's even time axis: quiet days filled in as zero, at most a year shown.
import { describe, expect, it } from "vitest";
import { fillActivityDays, MAX_CHART_DAYS } from "@/lib/review/activity-days";

describe("fillActivityDays", () => {
  it("fills the quiet days between active ones, across a month end", () => {
    expect(fillActivityDays([{ day: "2026-10-30", count: 2 }, { day: "2026-11-02", count: 5 }])).toEqual([
      { day: "2026-10-30", count: 2 },
      { day: "2026-10-31", count: 0 },
      { day: "2026-11-01", count: 0 },
      { day: "2026-11-02", count: 5 },
    ]);
  });

  it("gives nothing for no activity and one day for one", () => {
    expect(fillActivityDays([])).toEqual([]);
    expect(fillActivityDays([{ day: "2026-11-27", count: 1 }])).toEqual([{ day: "2026-11-27", count: 1 }]);
  });

  it("keeps only the latest year of a longer history", () => {
    const filled = fillActivityDays([{ day: "2020-01-01", count: 1 }, { day: "2026-11-27", count: 3 }]);
    expect(filled).toHaveLength(MAX_CHART_DAYS);
    expect(filled.at(-1)).toEqual({ day: "2026-11-27", count: 3 });
  });
});
