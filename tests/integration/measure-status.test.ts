import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMeasure, insertMeasure, listDataPoints, type MeasureDetails } from "../../app/models/measures.server";
import { addMember, createStrategy, createUser, type TestUser } from "../support/factories";
import { openTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * The RAG rule in public.measure_statuses, on a real database: every edge the rule names, read as
 * members and visitors under Row Level Security. The words for each row are unit-tested in
 * app/domain/measures.test.ts; the rule is never worked out in TypeScript.
 */

let db: TestDatabase;
let facilitator: TestUser;
let worker: TestUser;
let outsider: TestUser;
let strategyId: string;
let privateStrategyId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  facilitator = await createUser(db, { displayName: "Fatima Facilitator" });
  worker = await createUser(db, { displayName: "Priya Worker" });
  outsider = await createUser(db, { displayName: "Oscar Outsider" });
  ({ strategyId } = await createStrategy(db, facilitator, { visibility: "public" }));
  ({ strategyId: privateStrategyId } = await createStrategy(db, facilitator, { visibility: "private" }));
  await addMember(db, facilitator, strategyId, worker, [{ role: "worker" }]);
  await addMember(db, facilitator, privateStrategyId, worker, [{ role: "worker" }]);
});
afterAll(async () => {
  await db.dispose();
});

/** A calendar date `days` after another ("2024-01-01" + 2500), so fractions of the path are exact. */
const plusDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// A path of exactly 10,000 days ending far in the future: a quarter of the way along is day 2,500.
const BASELINE_DATE = "2024-01-01";
const TARGET_DATE = plusDays(BASELINE_DATE, 10_000);
const QUARTER_WAY = plusDays(BASELINE_DATE, 2_500);

const quantitative = (overrides: Partial<MeasureDetails> = {}): MeasureDetails => ({
  name: `Measure ${crypto.randomUUID().slice(0, 8)}`,
  definition: "",
  kind: "quantitative",
  unit: "percentage",
  direction: "lower_is_better",
  baselineValue: 8,
  baselineDate: BASELINE_DATE,
  baselineSource: "Workforce data set",
  targetValue: 4,
  targetDate: TARGET_DATE,
  targetIsExample: false,
  frequency: "annual",
  dataSource: "workforce_data_set",
  dataSourceDetail: "",
  ragMethod: "trajectory",
  tolerance: 0.5,
  onTrackThreshold: null,
  offTrackThreshold: null,
  ...overrides,
});

/** The facilitator defines a measure in a strategy; returns its id. */
const define = (details: MeasureDetails, strategy = strategyId) =>
  db.asUser(facilitator.claims, (tx) => insertMeasure(tx, strategy, details));

type Point = { periodEnd: string; value?: number; judgement?: "on_track" | "at_risk" | "off_track"; verify?: boolean };

/** The worker submits data points; the facilitator verifies those marked to be verified (all, unless told). */
async function report(measureId: string, points: Point[], strategy = strategyId) {
  for (const p of points) {
    const id = await db.asUser(worker.claims, async (tx) => {
      const row = await tx.one<{ id: string }>(
        `insert into public.evidence
           (strategy_id, kind, category, measure_id, title, source, evidence_date, value, judgement, period_end)
         values ($1, 'data_point', 'outcomes', $2, 'A reported value', 'Local data', current_date, $3, $4, $5) returning id`,
        [strategy, measureId, p.value ?? null, p.judgement ?? null, p.periodEnd],
      );
      return row!.id;
    });
    if (p.verify !== false) {
      await db.asUser(facilitator.claims, (tx) => tx.query("update public.evidence set status = 'verified' where id = $1", [id]));
    }
  }
}

/** The measure's status row as `who` reads it (null: a visitor). */
const statusOf = (measureId: string, who: TestUser | null = worker, strategy = strategyId) =>
  db.asUser(who?.claims ?? null, async (tx) => (await getMeasure(tx, strategy, measureId))?.rag);

async function measureWith(details: Partial<MeasureDetails>, points: Point[]) {
  const id = await define(quantitative(details));
  await report(id, points);
  return statusOf(id);
}

describe("public.measure_statuses: no data", () => {
  it("has no status until a data point is verified: submitted values are ignored", async () => {
    const id = await define(quantitative());
    expect(await statusOf(id)).toEqual({
      status: "no_data",
      reason: "no_data",
      latestValue: null,
      latestJudgement: null,
      latestPeriodEnd: null,
      expectedValue: null,
    });
    await report(id, [{ periodEnd: QUARTER_WAY, value: 7, verify: false }]);
    expect((await statusOf(id))!.status).toBe("no_data");
    // The value still shows in the measure's series, marked as not verified.
    const series = await db.asUser(worker.claims, (tx) => listDataPoints(tx, id));
    expect(series.map((p) => [p.value, p.periodEnd, p.verified])).toEqual([[7, QUARTER_WAY, false]]);
  });
});

describe("public.measure_statuses: the path from baseline to target (lower is better)", () => {
  it("is on track on the path (a quarter of the way from 8 to 4 is 7), and ahead of it", async () => {
    expect(await measureWith({}, [{ periodEnd: QUARTER_WAY, value: 7 }])).toEqual({
      status: "on_track",
      reason: "on_path",
      latestValue: 7,
      latestJudgement: null,
      latestPeriodEnd: QUARTER_WAY,
      expectedValue: 7,
    });
    expect(await measureWith({}, [{ periodEnd: QUARTER_WAY, value: 6.5 }])).toMatchObject({ status: "on_track", reason: "on_path" });
  });

  it("is at risk when behind the path by no more than the tolerance (the boundary included)", async () => {
    expect(await measureWith({}, [{ periodEnd: QUARTER_WAY, value: 7.5 }])).toMatchObject({
      status: "at_risk",
      reason: "within_tolerance",
      expectedValue: 7,
    });
    expect(await measureWith({}, [{ periodEnd: QUARTER_WAY, value: 7.2 }])).toMatchObject({ status: "at_risk", reason: "within_tolerance" });
  });

  it("is off track when further behind than the tolerance", async () => {
    expect(await measureWith({}, [{ periodEnd: QUARTER_WAY, value: 7.51 }])).toMatchObject({ status: "off_track", reason: "behind_path" });
    expect(await measureWith({ tolerance: 0 }, [{ periodEnd: QUARTER_WAY, value: 7.01 }])).toMatchObject({
      status: "off_track",
      reason: "behind_path",
    });
  });

  it("is on track once the target is reached or passed, whatever the path says", async () => {
    expect(await measureWith({}, [{ periodEnd: plusDays(BASELINE_DATE, 10), value: 4 }])).toMatchObject({
      status: "on_track",
      reason: "target_reached",
    });
    expect(await measureWith({}, [{ periodEnd: QUARTER_WAY, value: 3.9 }])).toMatchObject({ status: "on_track", reason: "target_reached" });
  });

  it("holds the path at the baseline before the baseline date", async () => {
    expect(await measureWith({}, [{ periodEnd: plusDays(BASELINE_DATE, -100), value: 8 }])).toMatchObject({
      status: "on_track",
      reason: "on_path",
      expectedValue: 8,
    });
  });
});

describe("public.measure_statuses: the path when higher is better", () => {
  const higher = { direction: "higher_is_better", baselineValue: 40, targetValue: 60 } as const;

  it("expects 45 a quarter of the way from 40 to 60, and judges against it in the right direction", async () => {
    expect(await measureWith(higher, [{ periodEnd: QUARTER_WAY, value: 45 }])).toMatchObject({
      status: "on_track",
      reason: "on_path",
      expectedValue: 45,
    });
    expect(await measureWith(higher, [{ periodEnd: QUARTER_WAY, value: 44.5 }])).toMatchObject({ status: "at_risk", reason: "within_tolerance" });
    expect(await measureWith(higher, [{ periodEnd: QUARTER_WAY, value: 44.4 }])).toMatchObject({ status: "off_track", reason: "behind_path" });
    expect(await measureWith(higher, [{ periodEnd: QUARTER_WAY, value: 60 }])).toMatchObject({ status: "on_track", reason: "target_reached" });
  });
});

describe("public.measure_statuses: past the target date", () => {
  const past = { baselineDate: "2010-01-01", baselineValue: 10, targetDate: "2020-01-01", targetValue: 5, tolerance: 10 };

  it("is off track once the target date has passed without reaching the target, even if the value was on the path", async () => {
    expect(await measureWith(past, [{ periodEnd: "2012-01-01", value: 9 }])).toMatchObject({
      status: "off_track",
      reason: "past_target_date",
    });
    expect(await measureWith(past, [{ periodEnd: "2021-03-31", value: 5.1 }])).toMatchObject({
      status: "off_track",
      reason: "past_target_date",
      // After the target date the path stays at the target.
      expectedValue: 5,
    });
  });

  it("is on track after the target date when the target was reached", async () => {
    expect(await measureWith(past, [{ periodEnd: "2019-12-31", value: 5 }])).toMatchObject({ status: "on_track", reason: "target_reached" });
  });
});

describe("public.measure_statuses: thresholds", () => {
  it("compares with the two thresholds when higher is better, each threshold counting as reached", async () => {
    const rules = {
      direction: "higher_is_better",
      baselineValue: 45,
      targetValue: 60,
      ragMethod: "thresholds",
      tolerance: null,
      onTrackThreshold: 50,
      offTrackThreshold: 40,
    } as const;
    const at = async (value: number) => {
      const row = await measureWith(rules, [{ periodEnd: QUARTER_WAY, value }]);
      return [row!.status, row!.reason];
    };
    expect(await at(55)).toEqual(["on_track", "threshold_met"]);
    expect(await at(50)).toEqual(["on_track", "threshold_met"]);
    expect(await at(45)).toEqual(["at_risk", "between_thresholds"]);
    expect(await at(40)).toEqual(["off_track", "threshold_missed"]);
    expect(await at(39)).toEqual(["off_track", "threshold_missed"]);
  });

  it("compares the other way when lower is better", async () => {
    const rules = { ragMethod: "thresholds", tolerance: null, onTrackThreshold: 5, offTrackThreshold: 8 } as const;
    const at = async (value: number) => {
      const row = await measureWith(rules, [{ periodEnd: QUARTER_WAY, value }]);
      return [row!.status, row!.reason];
    };
    expect(await at(4)).toEqual(["on_track", "threshold_met"]);
    expect(await at(5)).toEqual(["on_track", "threshold_met"]);
    expect(await at(6.5)).toEqual(["at_risk", "between_thresholds"]);
    expect(await at(8)).toEqual(["off_track", "threshold_missed"]);
    expect(await at(9)).toEqual(["off_track", "threshold_missed"]);
  });
});

describe("public.measure_statuses: qualitative milestones", () => {
  it("takes the judgement of the latest verified milestone, ignoring a later one not yet verified", async () => {
    const id = await define({
      ...quantitative(),
      kind: "qualitative",
      unit: null,
      direction: null,
      baselineValue: null,
      baselineDate: null,
      baselineSource: null,
      targetValue: null,
      targetDate: null,
      ragMethod: "judgement",
      tolerance: null,
    });
    await report(id, [
      { periodEnd: "2026-03-31", judgement: "on_track" },
      { periodEnd: "2026-06-30", judgement: "at_risk" },
      { periodEnd: "2026-09-30", judgement: "off_track", verify: false },
    ]);
    expect(await statusOf(id)).toEqual({
      status: "at_risk",
      reason: "judgement",
      latestValue: null,
      latestJudgement: "at_risk",
      latestPeriodEnd: "2026-06-30",
      expectedValue: null,
    });
  });
});

describe("public.measure_statuses: which data point is the latest", () => {
  it("is the one describing the latest period, not the one entered last", async () => {
    const id = await define(quantitative());
    await report(id, [
      { periodEnd: QUARTER_WAY, value: 9 },
      { periodEnd: plusDays(QUARTER_WAY, -365), value: 6 },
    ]);
    expect(await statusOf(id)).toMatchObject({ latestValue: 9, latestPeriodEnd: QUARTER_WAY, status: "off_track" });
  });

  it("ignores a returned or rejected value, and the next verified one counts", async () => {
    const id = await define(quantitative());
    // A year before the quarter-way day the path needs 7.146; 7 is ahead of it.
    await report(id, [{ periodEnd: plusDays(QUARTER_WAY, -365), value: 7 }]);
    await report(id, [{ periodEnd: QUARTER_WAY, value: 1, verify: false }]);
    await db.asUser(facilitator.claims, (tx) =>
      tx.query("update public.evidence set status = 'rejected', review_note = 'A typing mistake' where measure_id = $1 and value = 1", [id]),
    );
    expect(await statusOf(id)).toMatchObject({ latestValue: 7, status: "on_track", reason: "on_path" });
  });
});

describe("public.measure_statuses under Row Level Security", () => {
  it("gives a visitor of a public strategy the same status as a member, because only verified data counts", async () => {
    const id = await define(quantitative());
    await report(id, [
      { periodEnd: plusDays(QUARTER_WAY, -365), value: 7 },
      { periodEnd: QUARTER_WAY, value: 3, verify: false },
    ]);
    const member = await statusOf(id, worker);
    const reviewer = await statusOf(id, facilitator);
    const visitor = await statusOf(id, null);
    expect(member).toMatchObject({ latestValue: 7, status: "on_track" });
    expect(reviewer).toEqual(member);
    expect(visitor).toEqual(member);
  });

  it("shows a private strategy's measures to its members only", async () => {
    const id = await define(quantitative(), privateStrategyId);
    await report(id, [{ periodEnd: QUARTER_WAY, value: 7 }], privateStrategyId);
    expect(await statusOf(id, worker, privateStrategyId)).toMatchObject({ status: "on_track" });
    expect(await statusOf(id, outsider, privateStrategyId)).toBeUndefined();
    expect(await statusOf(id, null, privateStrategyId)).toBeUndefined();
    const rows = await db.asUser(outsider.claims, (tx) => tx.query("select * from public.measure_statuses where measure_id = $1", [id]));
    expect(rows).toEqual([]);
  });
});
