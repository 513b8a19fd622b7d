import { describe, expect, it } from "vitest";
import {
  describeMeasureStatus,
  describeMeasureStatusReason,
  describeTrend,
  formatMeasureDifference,
  formatMeasureValue,
  type MeasureForWords,
  type MeasureStatusRow,
} from "./measures";

const vacancy: MeasureForWords = {
  unit: "percentage",
  direction: "lower_is_better",
  targetValue: 5,
  targetDate: "2028-03-31",
  tolerance: 0.5,
  onTrackThreshold: null,
  offTrackThreshold: null,
};

const row = (overrides: Partial<MeasureStatusRow>): MeasureStatusRow => ({
  status: "on_track",
  reason: "on_path",
  latestValue: 7.1,
  latestJudgement: null,
  latestPeriodEnd: "2026-03-31",
  expectedValue: 6.6,
  ...overrides,
});

describe("formatMeasureValue", () => {
  it("writes each unit the way people read it", () => {
    expect(formatMeasureValue(7.8, "percentage")).toBe("7.8%");
    expect(formatMeasureValue(21, "percentage")).toBe("21%");
    expect(formatMeasureValue(6.633333, "percentage")).toBe("6.63%");
    expect(formatMeasureValue(8.5, "pounds")).toBe("£8.50");
    expect(formatMeasureValue(9, "pounds")).toBe("£9.00");
    expect(formatMeasureValue(7000, "pounds")).toBe("£7,000");
    expect(formatMeasureValue(-0.24, "pounds")).toBe("-£0.24");
    expect(formatMeasureValue(112000, "count")).toBe("112,000");
    expect(formatMeasureValue(3.25, "rate")).toBe("3.25");
    expect(formatMeasureValue(72, "score")).toBe("72");
  });

  it("writes a difference in percentage points", () => {
    expect(formatMeasureDifference(0.5, "percentage")).toBe("0.5 percentage points");
    expect(formatMeasureDifference(1, "percentage")).toBe("1 percentage point");
    expect(formatMeasureDifference(0.2, "pounds")).toBe("£0.20");
    expect(formatMeasureDifference(1000, "count")).toBe("1,000");
  });
});

describe("describeMeasureStatus", () => {
  it("says a measure has no verified data yet", () => {
    expect(describeMeasureStatus(row({ status: "no_data", reason: "no_data", latestValue: null, latestPeriodEnd: null, expectedValue: null }), vacancy)).toBe(
      "No verified data yet",
    );
  });

  it("says where the latest value is against the path, and what the path needs by then", () => {
    expect(describeMeasureStatus(row({ status: "at_risk", reason: "within_tolerance" }), vacancy)).toBe(
      "At risk: 7.1% as at March 2026; the path to 5% by March 2028 needs 6.6% by then (behind, but within the 0.5 percentage points allowed)",
    );
    expect(describeMeasureStatus(row({ status: "off_track", reason: "behind_path", latestValue: 7.4 }), vacancy)).toBe(
      "Off track: 7.4% as at March 2026; the path to 5% by March 2028 needs 6.6% by then (more than the 0.5 percentage points allowed behind it)",
    );
    expect(describeMeasureStatus(row({ latestValue: 6.5 }), vacancy)).toBe(
      "On track: 6.5% as at March 2026; the path to 5% by March 2028 needs 6.6% by then",
    );
  });

  it("says a target was reached", () => {
    expect(describeMeasureStatus(row({ reason: "target_reached", latestValue: 4.9 }), vacancy)).toBe(
      "On track: target reached (4.9% as at March 2026, against a target of 5%)",
    );
  });

  it("says the target date has passed without reaching the target", () => {
    expect(describeMeasureStatus(row({ status: "off_track", reason: "past_target_date", latestValue: 6.9, latestPeriodEnd: "2028-06-30" }), vacancy)).toBe(
      "Off track: the target date (31 March 2028) has passed and 6.9% is short of 5%",
    );
  });

  it("compares with thresholds in the measure's direction", () => {
    const lower = { ...vacancy, onTrackThreshold: 6, offTrackThreshold: 8 };
    expect(describeMeasureStatus(row({ reason: "threshold_met", latestValue: 6 }), lower)).toBe(
      "On track: 6% as at March 2026 is at or below the on-track threshold of 6%",
    );
    expect(describeMeasureStatus(row({ status: "at_risk", reason: "between_thresholds", latestValue: 7 }), lower)).toBe(
      "At risk: 7% as at March 2026 is between the on-track threshold (6%) and the off-track threshold (8%)",
    );
    expect(describeMeasureStatus(row({ status: "off_track", reason: "threshold_missed", latestValue: 8.2 }), lower)).toBe(
      "Off track: 8.2% as at March 2026 is at or above the off-track threshold of 8%",
    );
    const pay: MeasureForWords = { ...vacancy, unit: "pounds", direction: "higher_is_better", onTrackThreshold: 10, offTrackThreshold: 9 };
    expect(describeMeasureStatus(row({ status: "off_track", reason: "threshold_missed", latestValue: 8.75 }), pay)).toBe(
      "Off track: £8.75 as at March 2026 is at or below the off-track threshold of £9.00",
    );
    expect(describeMeasureStatus(row({ reason: "threshold_met", latestValue: 10.5 }), pay)).toBe(
      "On track: £10.50 as at March 2026 is at or above the on-track threshold of £10.00",
    );
  });

  it("gives a milestone the evaluator's judgement", () => {
    const milestone: MeasureForWords = { ...vacancy, unit: null, direction: null, targetValue: null, tolerance: null };
    expect(
      describeMeasureStatus(row({ status: "at_risk", reason: "judgement", latestValue: null, latestJudgement: "at_risk", expectedValue: null }), milestone),
    ).toBe("At risk: the evaluator’s judgement of the latest verified milestone (period ending 31 March 2026)");
  });
});

describe("describeMeasureStatusReason", () => {
  it("gives the reason alone, as a sentence, for showing beside the status tag", () => {
    expect(describeMeasureStatusReason(row({ reason: "target_reached", latestValue: 4.9 }), vacancy)).toBe(
      "Target reached (4.9% as at March 2026, against a target of 5%)",
    );
    expect(describeMeasureStatusReason(row({ status: "at_risk", reason: "within_tolerance" }), vacancy)).toMatch(/^7\.1% as at March 2026; the path/);
    expect(describeMeasureStatusReason(row({ status: "no_data", reason: "no_data", latestPeriodEnd: null }), vacancy)).toBe("No verified data yet");
  });
});

describe("describeTrend", () => {
  it("summarises a chart in words: baseline, target, values counted and not, the latest and the status", () => {
    expect(
      describeTrend({
        name: "Vacancy rate",
        unit: "percentage",
        baseline: { value: 7.8, date: "2020-03-31" },
        target: { value: 5, date: "2028-03-31" },
        points: [
          { value: 7.4, date: "2025-03-31", verified: true },
          { value: 7.1, date: "2026-03-31", verified: true },
          { value: 6.8, date: "2027-03-31", verified: false },
        ],
        status: "at_risk",
      }),
    ).toBe(
      "Vacancy rate: baseline 7.8% in March 2020, target 5% by March 2028, 2 verified values, 1 not yet verified, latest verified 7.1% as at March 2026. At risk.",
    );
    expect(describeTrend({ name: "Pay", unit: "pounds", baseline: null, target: null, points: [], status: "no_data" })).toBe(
      "Pay: 0 verified values. No data yet.",
    );
  });
});
