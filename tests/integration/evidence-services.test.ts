import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "../../app/platform/db.server";
import type { EvidenceDetails } from "../../app/domain/evidence-form";
import {
  countEvidenceWaiting,
  evidenceCategoryCounts,
  getEvidence,
  listEvidenceFor,
  listStrategyEvidence,
} from "../../app/models/evidence.server";
import { listHistoryFor, listStrategyHistory } from "../../app/models/audit.server";
import { describeAuditEntry } from "../../app/domain/audit-summary";
import { answerReturn, reviewEvidence, submitEvidence } from "../../app/services/evidence.server";
import { createLocalStorage } from "../../app/platform/storage/local.server";
import type { StorageAdapter } from "../../app/platform/storage/types";
import { parseUpload } from "../../app/utils/upload.server";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { addMember, createStrategy, createUser, type TestUser } from "../support/factories";

let db: TestDatabase;
let filesRoot: string;
let storage: StorageAdapter;
beforeAll(async () => {
  db = await openTestDatabase();
  filesRoot = fs.mkdtempSync(path.join(os.tmpdir(), "hub-evidence-files-"));
  storage = createLocalStorage({ root: filesRoot });
});
afterAll(async () => {
  await db.dispose();
  fs.rmSync(filesRoot, { recursive: true, force: true });
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

/** What the evidence form gives the service for a data point (the schema's output). */
const dataPoint = (measureId: string, overrides: Partial<EvidenceDetails> = {}): EvidenceDetails => ({
  kind: "data_point",
  category: "outcomes",
  target: { measureId },
  title: "Vacancy rate for the period ending 31 March 2026",
  body: "",
  source: "Adult social care workforce data set",
  evidenceDate: "2026-05-01",
  value: 7.1,
  periodStart: "2025-04-01",
  periodEnd: "2026-03-31",
  judgement: null,
  consentQuote: false,
  consentPublish: false,
  anonymised: false,
  ...overrides,
});

const story = (priorityId: string, overrides: Partial<EvidenceDetails> = {}): EvidenceDetails => ({
  ...dataPoint("", { value: null, periodStart: null, periodEnd: null }),
  kind: "story",
  category: "peoples_experience",
  target: { priorityId },
  title: "Care at home after hospital",
  body: "My care workers changed every week, and nobody knew my routine.",
  source: "Told to the evaluator at a drop-in",
  consentQuote: true,
  consentPublish: false,
  anonymised: true,
  ...overrides,
});

/** A PDF as the browser would post it, staged in storage by the upload helper. */
async function stagedPdf(strategyId: string) {
  const form = new FormData();
  form.append("file", new File([fs.readFileSync(path.join(import.meta.dirname, "../fixtures/files/evidence.pdf"))], "Minutes.pdf"));
  const request = new Request("http://localhost/upload", { method: "POST", body: form });
  const { staged } = await parseUpload(request, { storage, config: { uploads: { maxBytes: 1024 * 1024 } } }, { strategyId });
  expect(staged).not.toBeNull();
  return staged!;
}

const storedFiles = (strategyId: string) => {
  const folder = path.join(filesRoot, strategyId.toLowerCase());
  return fs.existsSync(folder) ? fs.readdirSync(folder) : [];
};

describe("submitting evidence", () => {
  it("submits a data point, and refuses a second value for the same period beside the period's end", async () => {
    const s = await setting();
    const measureId = await createMeasure(s.evaluator, s.strategyId);
    const first = await submitEvidence(as(s.worker), { strategyId: s.strategyId, details: dataPoint(measureId) });
    expect(first.ok).toBe(true);
    const item = await as(s.worker)((tx) => getEvidence(tx, s.strategyId, first.ok ? first.evidenceId : ""));
    expect(item).toMatchObject({ status: "submitted", value: 7.1, targetName: "Vacancy rate", measureUnit: "percentage", submittedBy: s.worker.id });

    const second = await submitEvidence(as(s.other), { strategyId: s.strategyId, details: dataPoint(measureId, { value: 6.9 }) });
    expect(second).toEqual({
      ok: false,
      field: "periodEnd",
      message:
        "There is already a value for this measure for the period ending 31 March 2026. If it is wrong, ask an evaluator to reject it, then submit yours.",
    });
  });

  it("refuses a person who is not a member, in words", async () => {
    const s = await setting();
    const stranger = await createUser(db);
    const outcome = await submitEvidence(as(stranger), { strategyId: s.strategyId, details: story(s.priorityId) });
    expect(outcome).toEqual({ ok: false, field: "", message: "Only members of this strategy can submit evidence to it." });
  });

  it("records a document's file with the evidence in one transaction", async () => {
    const s = await setting();
    const staged = await stagedPdf(s.strategyId);
    const outcome = await submitEvidence(as(s.worker), {
      strategyId: s.strategyId,
      details: { ...story(s.priorityId), kind: "document", category: "processes", title: "Board minutes", body: "", consentQuote: false, anonymised: false },
      upload: { staged, storage },
    });
    expect(outcome.ok).toBe(true);
    const item = await as(s.other)((tx) => getEvidence(tx, s.strategyId, outcome.ok ? outcome.evidenceId : ""));
    expect(item).toMatchObject({ kind: "document", fileName: "Minutes.pdf", fileContentType: "application/pdf" });
    expect(item!.fileByteSize).toBeGreaterThan(0);
    expect(storedFiles(s.strategyId)).toHaveLength(1);
  });

  it("removes the stored file again when the database refuses the evidence", async () => {
    const s = await setting();
    const staged = await stagedPdf(s.strategyId);
    expect(storedFiles(s.strategyId)).toHaveLength(1);
    // A document cannot be for a measure of another strategy: the database refuses it after the file is recorded.
    const elsewhere = await setting();
    const foreignMeasure = await createMeasure(elsewhere.evaluator, elsewhere.strategyId);
    const outcome = await submitEvidence(as(s.worker), {
      strategyId: s.strategyId,
      details: { ...story(s.priorityId), kind: "document", category: "processes", target: { measureId: foreignMeasure }, consentQuote: false, anonymised: false },
      upload: { staged, storage },
    });
    expect(outcome).toMatchObject({ ok: false, field: "target" });
    expect(storedFiles(s.strategyId)).toHaveLength(0);
  });
});

describe("reviewing evidence", () => {
  it("verifies, returns with a note the submitter reads, and rejects with a reason", async () => {
    const s = await setting();
    const submit = async () => {
      const outcome = await submitEvidence(as(s.worker), { strategyId: s.strategyId, details: story(s.priorityId, { anonymised: false }) });
      if (!outcome.ok) throw new Error(outcome.message);
      return outcome.evidenceId;
    };
    const [verified, returned, rejected] = [await submit(), await submit(), await submit()];
    expect(await as(s.evaluator)((tx) => countEvidenceWaiting(tx, s.strategyId))).toBe(3);

    expect(await reviewEvidence(as(s.evaluator), { strategyId: s.strategyId, evidenceId: verified, decision: "verified", note: null })).toEqual({ ok: true });
    expect(
      await reviewEvidence(as(s.evaluator), { strategyId: s.strategyId, evidenceId: returned, decision: "returned", note: "When was this said?" }),
    ).toEqual({ ok: true });
    expect(
      await reviewEvidence(as(s.facilitator), { strategyId: s.strategyId, evidenceId: rejected, decision: "rejected", note: "This is about another area." }),
    ).toEqual({ ok: true });

    const mine = await as(s.worker)((tx) => listStrategyEvidence(tx, s.strategyId));
    expect(Object.fromEntries(mine.items.map((i) => [i.id, [i.status, i.reviewNote]]))).toEqual({
      [verified]: ["verified", null],
      [returned]: ["returned", "When was this said?"],
      [rejected]: ["rejected", "This is about another area."],
    });
    const item = await as(s.worker)((tx) => getEvidence(tx, s.strategyId, verified));
    expect(item).toMatchObject({ reviewedBy: s.evaluator.id, reviewedByName: "Eve Evaluator" });
    expect(item!.reviewedAt).toBeInstanceOf(Date);
    // Another member sees the verified item only.
    const theirs = await as(s.other)((tx) => listStrategyEvidence(tx, s.strategyId));
    expect(theirs.items.map((i) => i.id)).toEqual([verified]);
  });

  it("keeps the first of two reviews and tells the second reviewer", async () => {
    const s = await setting();
    const submitted = await submitEvidence(as(s.worker), { strategyId: s.strategyId, details: story(s.priorityId) });
    const evidenceId = submitted.ok ? submitted.evidenceId : "";
    await reviewEvidence(as(s.evaluator), { strategyId: s.strategyId, evidenceId, decision: "verified", note: null });
    expect(await reviewEvidence(as(s.facilitator), { strategyId: s.strategyId, evidenceId, decision: "rejected", note: "Not relevant" })).toEqual({
      ok: false,
      kind: "already_reviewed",
      message: "Someone has already reviewed this evidence. Its status is shown below.",
    });
  });

  it("refuses a review by someone who does not review evidence", async () => {
    const s = await setting();
    const submitted = await submitEvidence(as(s.worker), { strategyId: s.strategyId, details: story(s.priorityId) });
    const evidenceId = submitted.ok ? submitted.evidenceId : "";
    // RLS hides the row from an update by a non-reviewer, so it reads as nothing to review.
    const outcome = await reviewEvidence(as(s.other), { strategyId: s.strategyId, evidenceId, decision: "verified", note: null });
    expect(outcome.ok).toBe(false);
    expect((await as(s.evaluator)((tx) => getEvidence(tx, s.strategyId, evidenceId)))!.status).toBe("submitted");
  });

  it("lists what waits for review first for a reviewer, and filters by status, category and kind", async () => {
    const s = await setting();
    const measureId = await createMeasure(s.evaluator, s.strategyId);
    await submitEvidence(as(s.worker), { strategyId: s.strategyId, details: story(s.priorityId, { evidenceDate: "2025-01-01" }) });
    const recent = await submitEvidence(as(s.worker), { strategyId: s.strategyId, details: dataPoint(measureId) });
    await reviewEvidence(as(s.evaluator), { strategyId: s.strategyId, evidenceId: recent.ok ? recent.evidenceId : "", decision: "verified", note: null });
    const ids = async (filters: Parameters<typeof listStrategyEvidence>[2]) =>
      (await as(s.evaluator)((tx) => listStrategyEvidence(tx, s.strategyId, filters))).items.map((i) => i.title);
    expect(await ids({})).toEqual(["Vacancy rate for the period ending 31 March 2026", "Care at home after hospital"]);
    expect(await ids({ waitingFirst: true })).toEqual(["Care at home after hospital", "Vacancy rate for the period ending 31 March 2026"]);
    expect(await ids({ status: "verified" })).toEqual(["Vacancy rate for the period ending 31 March 2026"]);
    expect(await ids({ category: "peoples_experience" })).toEqual(["Care at home after hospital"]);
    expect(await ids({ kind: "data_point", status: "submitted" })).toEqual([]);
  });
});

describe("answering a return", () => {
  it("sends the changed evidence back for review, only by its submitter and only once", async () => {
    const s = await setting();
    const measureId = await createMeasure(s.evaluator, s.strategyId);
    const submitted = await submitEvidence(as(s.worker), { strategyId: s.strategyId, details: dataPoint(measureId) });
    const evidenceId = submitted.ok ? submitted.evidenceId : "";
    await reviewEvidence(as(s.evaluator), { strategyId: s.strategyId, evidenceId, decision: "returned", note: "Is this the March figure?" });

    const changed = dataPoint(measureId, { value: 7.2, source: "Workforce data set, March 2026 extract" });
    expect((await answerReturn(as(s.other), { strategyId: s.strategyId, evidenceId, details: changed })).ok).toBe(false);
    expect(await answerReturn(as(s.worker), { strategyId: s.strategyId, evidenceId, details: changed })).toEqual({ ok: true });
    const item = await as(s.evaluator)((tx) => getEvidence(tx, s.strategyId, evidenceId));
    expect(item).toMatchObject({ status: "submitted", value: 7.2, source: "Workforce data set, March 2026 extract", reviewNote: "Is this the March figure?" });
    expect(await answerReturn(as(s.worker), { strategyId: s.strategyId, evidenceId, details: changed })).toMatchObject({
      ok: false,
      kind: "not_returned",
    });
  });

  it("refuses an answer whose period someone else has filled meanwhile", async () => {
    const s = await setting();
    const measureId = await createMeasure(s.evaluator, s.strategyId);
    const submitted = await submitEvidence(as(s.worker), { strategyId: s.strategyId, details: dataPoint(measureId) });
    const evidenceId = submitted.ok ? submitted.evidenceId : "";
    await reviewEvidence(as(s.evaluator), { strategyId: s.strategyId, evidenceId, decision: "returned", note: "Check the figure" });
    expect((await submitEvidence(as(s.other), { strategyId: s.strategyId, details: dataPoint(measureId, { value: 7 }) })).ok).toBe(true);
    expect(await answerReturn(as(s.worker), { strategyId: s.strategyId, evidenceId, details: dataPoint(measureId) })).toMatchObject({
      ok: false,
      field: "periodEnd",
    });
  });
});

describe("the history of evidence", () => {
  it("says a data point's value in its measure's unit and names the evidence in each review", async () => {
    const s = await setting();
    const measureId = await createMeasure(s.evaluator, s.strategyId);
    const submitted = await submitEvidence(as(s.worker), { strategyId: s.strategyId, details: dataPoint(measureId) });
    const evidenceId = submitted.ok ? submitted.evidenceId : "";
    await reviewEvidence(as(s.evaluator), { strategyId: s.strategyId, evidenceId, decision: "returned", note: "Is this the March figure?" });
    await answerReturn(as(s.worker), { strategyId: s.strategyId, evidenceId, details: dataPoint(measureId) });
    await reviewEvidence(as(s.evaluator), { strategyId: s.strategyId, evidenceId, decision: "verified", note: null });
    const history = await as(s.other)((tx) => listHistoryFor(tx, "evidence", evidenceId, { strategyId: s.strategyId }));
    expect(history.map(describeAuditEntry)).toEqual([
      "Eve Evaluator verified the evidence “Vacancy rate for the period ending 31 March 2026”",
      "Walter Worker answered the return of the evidence “Vacancy rate for the period ending 31 March 2026” and sent it back for review",
      "Eve Evaluator returned the evidence “Vacancy rate for the period ending 31 March 2026” for more information: “Is this the March figure?”",
      "Walter Worker submitted a data point for “Vacancy rate”: 7.1% for the period ending 31 March 2026",
    ]);
  });

  it("does not name an anonymised story's teller in its history, except to reviewers and the teller", async () => {
    const s = await setting();
    const submitted = await submitEvidence(as(s.teller), { strategyId: s.strategyId, details: story(s.priorityId) });
    expect(submitted.ok).toBe(true);
    const created = async (user: TestUser) => {
      const page = await as(user)((tx) => listStrategyHistory(tx, s.strategyId, { limit: 5, entityTypes: ["evidence"] }));
      return page.entries[0]!;
    };
    const seenByOther = await created(s.other);
    expect(describeAuditEntry(seenByOther)).toBe(
      "Someone (name withheld) submitted a story of lived experience “Care at home after hospital” for the priority “A priority”",
    );
    expect(seenByOther.actorId).toBeNull();
    expect(seenByOther.details.submitted_by).toBeUndefined();
    expect(describeAuditEntry(await created(s.evaluator))).toMatch(/^Tess submitted a story/);
    expect(describeAuditEntry(await created(s.teller))).toMatch(/^Tess submitted a story/);
  });
});
