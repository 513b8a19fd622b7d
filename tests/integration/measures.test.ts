import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeMeasureStatus } from "../../app/domain/measures";
import { listHistoryFor } from "../../app/models/audit.server";
import { describeAuditEntry } from "../../app/domain/audit-summary";
import {
  getMeasure,
  listDataPoints,
  listMeasureLinkChoices,
  listMeasureLinkIds,
  listMeasures,
  listMeasuresForCommitment,
  listMeasuresForPriority,
  type MeasureDetails,
} from "../../app/models/measures.server";
import type { Tx } from "../../app/platform/db.server";
import { seedDemo } from "../../app/services/demo-seed.server";
import { DEMO_STRATEGY_ID, demoMeasures } from "../../app/services/demo/content";
import { archiveMeasure, createMeasure, restoreMeasure, updateMeasure } from "../../app/services/measures.server";
import { sqlStateOf } from "../support/statement-workflow";
import { addMember, createStrategy, createUser, type TestUser } from "../support/factories";
import { openTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});

const details = (overrides: Partial<MeasureDetails> = {}): MeasureDetails => ({
  name: "Vacancy rate",
  definition: "Share of roles that are vacant.",
  kind: "quantitative",
  unit: "percentage",
  direction: "lower_is_better",
  baselineValue: 7.8,
  baselineDate: "2020-03-31",
  baselineSource: "Skills for Care estimates",
  targetValue: 5,
  targetDate: "2030-03-31",
  targetIsExample: true,
  frequency: "annual",
  dataSource: "workforce_data_set",
  dataSourceDetail: "",
  ragMethod: "trajectory",
  tolerance: 0.5,
  onTrackThreshold: null,
  offTrackThreshold: null,
  ...overrides,
});

/** A strategy with two priorities (the second with a commitment of its own), an evaluator and a worker. */
async function strategyWithEvaluator() {
  const facilitator = await createUser(db, { displayName: "Fatima Facilitator" });
  const evaluator = await createUser(db, { displayName: "Alex Evaluator" });
  const worker = await createUser(db, { displayName: "Priya Worker" });
  const ids = await createStrategy(db, facilitator, { visibility: "private" });
  await addMember(db, facilitator, ids.strategyId, evaluator, [{ role: "evaluator" }]);
  await addMember(db, facilitator, ids.strategyId, worker, [{ role: "worker" }]);
  const second = await db.asUser(facilitator.claims, async (tx) => {
    const priority = await tx.one<{ id: string }>(
      "insert into public.priorities (strategy_id, position, title, summary) values ($1, 2, 'Second priority', '') returning id",
      [ids.strategyId],
    );
    const commitment = await tx.one<{ id: string }>(
      `insert into public.commitments (strategy_id, priority_id, position, text, responsible_parties)
       values ($1, $2, 1, 'We will train every commissioner.', '{local_government}') returning id`,
      [ids.strategyId, priority!.id],
    );
    return { priorityId: priority!.id, commitmentId: commitment!.id };
  });
  return { ...ids, second, facilitator, evaluator, worker };
}

/** Runs fn as `user` (a visitor when null), as a route's withDb does. */
const as =
  (user: TestUser | null) =>
  <T>(fn: (tx: Tx) => Promise<T>) =>
    db.asUser(user?.claims ?? null, fn);

describe("defining and changing a measure", () => {
  it("creates a measure with its links in one go, and lists it where it shows progress", async () => {
    const s = await strategyWithEvaluator();
    const id = await as(s.evaluator)((tx) =>
      createMeasure(tx, s.strategyId, details(), { priorityIds: [s.priorityId], commitmentIds: [s.second.commitmentId] }),
    );
    const measure = await as(s.worker)((tx) => getMeasure(tx, s.strategyId, id));
    expect(measure).toMatchObject({
      name: "Vacancy rate",
      baselineValue: 7.8,
      baselineDate: "2020-03-31",
      targetDate: "2030-03-31",
      targetIsExample: true,
      tolerance: 0.5,
      archivedAt: null,
      rag: { status: "no_data", reason: "no_data" },
    });
    expect(measure!.links).toEqual([
      { id: expect.any(String), commitmentId: null, priorityId: s.priorityId, priorityNumber: 1, priorityTitle: "A priority", commitmentText: null },
      {
        id: expect.any(String),
        commitmentId: s.second.commitmentId,
        priorityId: s.second.priorityId,
        priorityNumber: 2,
        priorityTitle: "Second priority",
        commitmentText: "We will train every commissioner.",
      },
    ]);
    const names = async (list: Promise<{ id: string }[]>) => (await list).map((m) => m.id);
    expect(await as(s.worker)((tx) => names(listMeasuresForPriority(tx, s.priorityId)))).toEqual([id]);
    // A priority lists the measures of its commitments too.
    expect(await as(s.worker)((tx) => names(listMeasuresForPriority(tx, s.second.priorityId)))).toEqual([id]);
    expect(await as(s.worker)((tx) => names(listMeasuresForCommitment(tx, s.second.commitmentId)))).toEqual([id]);
    expect(await as(s.worker)((tx) => names(listMeasuresForCommitment(tx, s.commitmentId)))).toEqual([]);
    expect(await as(s.worker)((tx) => names(listMeasures(tx, s.strategyId, { priorityId: s.second.priorityId })))).toEqual([id]);
  });

  it("changes the details and only the links that changed, and the history says so", async () => {
    const s = await strategyWithEvaluator();
    const id = await as(s.evaluator)((tx) =>
      createMeasure(tx, s.strategyId, details(), { priorityIds: [s.priorityId], commitmentIds: [s.commitmentId] }),
    );
    const saved = await as(s.evaluator)((tx) =>
      updateMeasure(tx, s.strategyId, id, details({ targetValue: 4.5 }), {
        priorityIds: [s.priorityId],
        commitmentIds: [s.second.commitmentId],
      }),
    );
    expect(saved).toBe(true);
    expect(await as(s.worker)((tx) => listMeasureLinkIds(tx, id))).toEqual({
      priorityIds: [s.priorityId],
      commitmentIds: [s.second.commitmentId],
    });
    const history = await as(s.worker)((tx) => listHistoryFor(tx, ["measure", "measure_link"], id, { strategyId: s.strategyId }));
    expect(history.map(describeAuditEntry)).toEqual([
      "Alex Evaluator linked the measure “Vacancy rate” to the commitment “We will train every commissioner.”",
      "Alex Evaluator unlinked the measure “Vacancy rate” from the commitment “We will do the thing we said we would do.”",
      "Alex Evaluator changed the target of the measure “Vacancy rate” from 5 to 4.5",
      "Alex Evaluator linked the measure “Vacancy rate” to the commitment “We will do the thing we said we would do.”",
      "Alex Evaluator linked the measure “Vacancy rate” to the priority “A priority”",
      "Alex Evaluator defined the measure “Vacancy rate”",
    ]);
  });

  it("archives and restores a measure: it leaves the lists and comes back", async () => {
    const s = await strategyWithEvaluator();
    const id = await as(s.evaluator)((tx) => createMeasure(tx, s.strategyId, details(), { priorityIds: [s.priorityId], commitmentIds: [] }));
    expect(await as(s.evaluator)((tx) => archiveMeasure(tx, s.strategyId, id))).toBe(true);
    expect(await as(s.worker)((tx) => listMeasuresForPriority(tx, s.priorityId))).toEqual([]);
    expect(await as(s.worker)((tx) => listMeasures(tx, s.strategyId))).toEqual([]);
    expect((await as(s.worker)((tx) => listMeasures(tx, s.strategyId, { includeArchived: true }))).map((m) => m.id)).toEqual([id]);
    expect(await as(s.evaluator)((tx) => restoreMeasure(tx, s.strategyId, id))).toBe(true);
    expect((await as(s.worker)((tx) => listMeasuresForPriority(tx, s.priorityId))).map((m) => m.id)).toEqual([id]);
  });

  it("is refused to a worker, and rolls back whole when a link is refused", async () => {
    const s = await strategyWithEvaluator();
    const refused = as(s.worker)((tx) => createMeasure(tx, s.strategyId, details(), { priorityIds: [s.priorityId], commitmentIds: [] }));
    expect(await sqlStateOf(refused)).toBe("42501");

    const other = await createStrategy(db, s.facilitator);
    const crossed = as(s.evaluator)((tx) =>
      createMeasure(tx, s.strategyId, details({ name: "Crossed" }), { priorityIds: [s.priorityId], commitmentIds: [other.commitmentId] }),
    );
    expect(await sqlStateOf(crossed)).toBe("23503");
    expect(await as(s.evaluator)((tx) => listMeasures(tx, s.strategyId))).toEqual([]);
  });
});

describe("what a measure can be linked to", () => {
  it("offers current priorities and commitments in order, and archived ones only when the measure is already linked to them", async () => {
    const s = await strategyWithEvaluator();
    await db.asUser(s.facilitator.claims, (tx) =>
      tx.query("update public.commitments set archived_at = now() where id = $1", [s.second.commitmentId]),
    );
    const offered = await as(s.evaluator)((tx) => listMeasureLinkChoices(tx, s.strategyId));
    expect(offered).toEqual([
      {
        priorityId: s.priorityId,
        priorityLabel: "Priority 1: A priority",
        priorityArchived: false,
        commitments: [{ id: s.commitmentId, label: "Commitment 1: We will do the thing we said we would do.", archived: false }],
      },
      { priorityId: s.second.priorityId, priorityLabel: "Priority 2: Second priority", priorityArchived: false, commitments: [] },
    ]);
    const kept = await as(s.evaluator)((tx) =>
      listMeasureLinkChoices(tx, s.strategyId, { priorityIds: [], commitmentIds: [s.second.commitmentId] }),
    );
    expect(kept[1].commitments).toEqual([
      { id: s.second.commitmentId, label: "Archived commitment: We will train every commissioner.", archived: true },
    ]);
  });
});

describe("the demo measures", () => {
  it("are loaded with the vision's figures as baselines and example targets, linked, with each status shown", async () => {
    await seedDemo(db, { withAccounts: true });
    // As an install that loaded the demo before measures existed: the next start adds them.
    await db.asService("test: a demo without measures", (tx) =>
      tx.query("delete from public.measures where strategy_id = $1", [DEMO_STRATEGY_ID]),
    );
    await seedDemo(db, { withAccounts: true });
    await seedDemo(db, { withAccounts: true });

    const measures = await db.asUser(null, (tx) => listMeasures(tx, DEMO_STRATEGY_ID));
    expect(measures.map((m) => m.id).sort()).toEqual(demoMeasures.map((m) => m.id).sort());
    const byName = new Map(measures.map((m) => [m.name, m]));
    const vacancy = byName.get("Vacancy rate in adult social care")!;
    expect(vacancy).toMatchObject({ baselineValue: 7.8, targetValue: 5, targetIsExample: true, direction: "lower_is_better" });
    expect(vacancy.baselineSource).toContain("Skills for Care");
    expect(vacancy.links.map((l) => l.priorityNumber)).toEqual([1]);

    const statuses = Object.fromEntries(measures.map((m) => [m.name, describeMeasureStatus(m.rag, m)]));
    expect(statuses).toEqual({
      "Vacancy rate in adult social care":
        "At risk: 7% as at March 2025; the path to 5% by March 2030 needs 6.4% by then (behind, but within the 0.75 percentage points allowed)",
      "Average hourly pay of care workers": "On track: £10.90 as at March 2024; the path to £13.00 by March 2028 needs £10.75 by then",
      "Workers on zero-hours contracts":
        "Off track: 23% as at March 2024; the path to 15% by March 2030 needs 20.4% by then (more than the 1 percentage point allowed behind it)",
      "Care workers with a Level 2 qualification": "No verified data yet",
      "Registered managers from Black, Asian and minority ethnic backgrounds":
        "At risk: 16.5% as at March 2024 is between the on-track threshold (19%) and the off-track threshold (15%)",
      "Senior managers from Black, Asian and minority ethnic backgrounds":
        "On track: 18.8% as at March 2024; the path to 21% by March 2030 needs 18.6% by then",
      "National adult social care people plan published":
        "On track: the evaluator’s judgement of the latest verified milestone (period ending 30 September 2025)",
    });

    // A member sees the newer pay figure, marked as not yet verified; a visitor does not.
    const pay = byName.get("Average hourly pay of care workers")!;
    const worker = await db.asService("test: the demo worker", (tx) =>
      tx.one<{ id: string }>("select id from auth.users where email = 'worker@demo.hub.local'"),
    );
    const member = { sub: worker!.id, role: "authenticated" as const, email: "worker@demo.hub.local" };
    expect((await db.asUser(member, (tx) => listDataPoints(tx, pay.id))).map((p) => [p.value, p.verified])).toEqual([
      [10.1, true],
      [10.9, true],
      [11.4, false],
    ]);
    expect((await db.asUser(null, (tx) => listDataPoints(tx, pay.id))).map((p) => p.value)).toEqual([10.1, 10.9]);

    const history = await db.asUser(member, (tx) => listHistoryFor(tx, "measure", pay.id, { strategyId: DEMO_STRATEGY_ID }));
    // The newest entry: this test removed the first load's measures, as an older install never had them.
    expect(describeAuditEntry(history[0])).toBe("Assurance Hub (demo data) defined the measure “Average hourly pay of care workers”");
  });
});
