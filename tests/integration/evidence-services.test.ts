import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "../../app/platform/db.server";
import { evidenceCategoryCounts, listEvidenceFor } from "../../app/models/evidence.server";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { addMember, createStrategy, createUser, type TestUser } from "../support/factories";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});

const as = (user: TestUser) => <T>(fn: (tx: Tx) => Promise<T>) => db.asUser(user.claims, fn);

/** A quantitative measure (a percentage, lower is better), made by a facilitator or evaluator. */
async function createMeasure(user: TestUser, strategyId: string, name = "Vacancy rate") {
  const row = await as(user)((tx) =>
    tx.one<{ id: string }>(
      `insert into public.measures (strategy_id, name, unit, direction, baseline_value, baseline_date, target_value,
         target_date, tolerance)
       values ($1, $2, 'percentage', 'lower_is_better', 7.8, '2025-03-31', 5, '2028-03-31', 0.5) returning id`,
      [strategyId, name],
    ),
  );
  return row!.id;
}

async function linkMeasure(user: TestUser, strategyId: string, measureId: string, to: { commitmentId?: string; priorityId?: string }) {
  await as(user)((tx) =>
    tx.query("insert into public.measure_links (strategy_id, measure_id, commitment_id, priority_id) values ($1, $2, $3, $4)", [
      strategyId,
      measureId,
      to.commitmentId ?? null,
      to.priorityId ?? null,
    ]),
  );
}

type RawEvidence = {
  kind?: string;
  category?: string;
  measureId?: string;
  commitmentId?: string;
  priorityId?: string;
  title?: string;
  value?: number;
  periodEnd?: string;
  anonymised?: boolean;
  evidenceDate?: string;
};

/** Inserts evidence directly as `user` (the services are tested separately below). */
async function insertRaw(user: TestUser, strategyId: string, e: RawEvidence): Promise<string> {
  const row = await as(user)((tx) =>
    tx.one<{ id: string }>(
      `insert into public.evidence (strategy_id, kind, category, measure_id, commitment_id, priority_id, title, source,
         evidence_date, value, period_end, anonymised)
       values ($1, $2, $3, $4, $5, $6, $7, 'A source', $8, $9, $10, $11) returning id`,
      [
        strategyId,
        e.kind ?? "feedback",
        e.category ?? "staff_leader_feedback",
        e.measureId ?? null,
        e.commitmentId ?? null,
        e.priorityId ?? null,
        e.title ?? "Some evidence",
        e.evidenceDate ?? "2026-04-01",
        e.value ?? null,
        e.periodEnd ?? null,
        e.anonymised ?? false,
      ],
    ),
  );
  return row!.id;
}

async function setStatus(reviewer: TestUser, id: string, status: string, note: string | null = null) {
  await as(reviewer)((tx) => tx.query("update public.evidence set status = $2, review_note = $3 where id = $1", [id, status, note]));
}

async function setting() {
  const facilitator = await createUser(db, { displayName: "Fatima Facilitator" });
  const evaluator = await createUser(db, { displayName: "Eve Evaluator" });
  const worker = await createUser(db, { displayName: "Walter Worker" });
  const teller = await createUser(db, { displayName: "Tess Teller", chosenName: "Tess" });
  const other = await createUser(db, { displayName: "Olu Other" });
  const ids = await createStrategy(db, facilitator);
  await addMember(db, facilitator, ids.strategyId, evaluator, [{ role: "evaluator" }]);
  await addMember(db, facilitator, ids.strategyId, worker, [{ role: "worker" }]);
  await addMember(db, facilitator, ids.strategyId, teller, [{ role: "lived_experience" }]);
  await addMember(db, facilitator, ids.strategyId, other, [{ role: "worker" }]);
  return { facilitator, evaluator, worker, teller, other, ...ids };
}

describe("reading evidence", () => {
  it("lists a measure's evidence newest first, with numbers as numbers and the file-less fields empty", async () => {
    const s = await setting();
    const measureId = await createMeasure(s.evaluator, s.strategyId);
    await insertRaw(s.worker, s.strategyId, {
      kind: "data_point",
      category: "outcomes",
      measureId,
      title: "Vacancy rate 2025",
      value: 7.4,
      periodEnd: "2025-03-31",
      evidenceDate: "2025-05-01",
    });
    await insertRaw(s.worker, s.strategyId, {
      kind: "data_point",
      category: "outcomes",
      measureId,
      title: "Vacancy rate 2026",
      value: 7.1,
      periodEnd: "2026-03-31",
      evidenceDate: "2026-05-01",
    });
    const items = await as(s.other)((tx) => listEvidenceFor(tx, { measureId }));
    expect(items.map((i) => i.title)).toEqual(["Vacancy rate 2026", "Vacancy rate 2025"]);
    expect(items[0]).toMatchObject({
      kind: "data_point",
      category: "outcomes",
      measureId,
      commitmentId: null,
      priorityId: null,
      value: 7.1,
      periodStart: null,
      periodEnd: "2026-03-31",
      evidenceDate: "2026-05-01",
      status: "submitted",
      fileId: null,
      fileName: null,
      submittedBy: s.worker.id,
      submittedByName: "Walter Worker",
    });
    expect(items[0]!.createdAt).toBeInstanceOf(Date);
  });

  it("shows others' returned evidence only to reviewers and its submitter (RLS decides)", async () => {
    const s = await setting();
    const id = await insertRaw(s.worker, s.strategyId, { commitmentId: s.commitmentId });
    await setStatus(s.evaluator, id, "returned", "Which meeting was this?");
    const seenBy = async (user: TestUser) => (await as(user)((tx) => listEvidenceFor(tx, { commitmentId: s.commitmentId }))).length;
    expect(await seenBy(s.worker)).toBe(1);
    expect(await seenBy(s.evaluator)).toBe(1);
    expect(await seenBy(s.other)).toBe(0);
  });

  it("names an anonymised story's teller only to reviewers and the teller", async () => {
    const s = await setting();
    await insertRaw(s.teller, s.strategyId, {
      kind: "story",
      category: "peoples_experience",
      priorityId: s.priorityId,
      title: "My care at home",
      anonymised: true,
    });
    const nameFor = async (user: TestUser) =>
      (await as(user)((tx) => listEvidenceFor(tx, { priorityId: s.priorityId })))[0]!.submittedByName;
    expect(await nameFor(s.teller)).toBe("Tess");
    expect(await nameFor(s.evaluator)).toBe("Tess");
    expect(await nameFor(s.facilitator)).toBe("Tess");
    expect(await nameFor(s.other)).toBeNull();
  });

  it("counts a priority's evidence by category across its commitments and linked measures, verified apart", async () => {
    const s = await setting();
    const onPriority = await createMeasure(s.evaluator, s.strategyId, "Priority measure");
    const onCommitment = await createMeasure(s.evaluator, s.strategyId, "Commitment measure");
    const unlinked = await createMeasure(s.evaluator, s.strategyId, "Unlinked measure");
    await linkMeasure(s.evaluator, s.strategyId, onPriority, { priorityId: s.priorityId });
    await linkMeasure(s.evaluator, s.strategyId, onCommitment, { commitmentId: s.commitmentId });

    const verifiedOutcome = await insertRaw(s.worker, s.strategyId, {
      kind: "data_point",
      category: "outcomes",
      measureId: onPriority,
      value: 7,
      periodEnd: "2026-03-31",
    });
    await setStatus(s.evaluator, verifiedOutcome, "verified");
    await insertRaw(s.worker, s.strategyId, { kind: "data_point", category: "outcomes", measureId: onCommitment, value: 6, periodEnd: "2026-03-31" });
    await insertRaw(s.worker, s.strategyId, { category: "peoples_experience", priorityId: s.priorityId });
    const returned = await insertRaw(s.worker, s.strategyId, { category: "processes", commitmentId: s.commitmentId });
    await setStatus(s.evaluator, returned, "returned", "Say more, please");
    await insertRaw(s.worker, s.strategyId, { kind: "data_point", category: "observation", measureId: unlinked, value: 1, periodEnd: "2026-03-31" });

    const counts = await as(s.evaluator)((tx) => evidenceCategoryCounts(tx, s.priorityId));
    expect(counts).toEqual([
      { category: "outcomes", verified: 1, unverified: 1 },
      { category: "peoples_experience", verified: 0, unverified: 1 },
    ]);
  });
});
