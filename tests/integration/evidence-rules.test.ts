import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims, Tx } from "../../app/platform/db.server";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { addMember, createStrategy, createUser, type TestUser } from "../support/factories";
import { refusal, type PgError } from "../support/refusal";

/*
 * The rules the database keeps for evidence, whatever calls it: new evidence is submitted, only
 * reviewers review, the submitter answers a return, reviewed evidence is never rewritten, a data
 * point has a measure and a period and one value per period, files are the submitter's own, and
 * who sees what (app.can_read_evidence). Every action is a client's, through db.asUser; the
 * owner role is used only to look at what was stored.
 */

let db: TestDatabase;


const as = <T>(who: TestUser | null, fn: (tx: Tx) => Promise<T>) => db.asUser(who ? who.claims : (null as Claims | null), fn);
const look = <T>(fn: (tx: Tx) => Promise<T>) => db.asOwner(fn);

let facilitator: TestUser;
let evaluator: TestUser;
let worker: TestUser;
let secondWorker: TestUser;
let livedExperience: TestUser;
let observer: TestUser;
let outsider: TestUser;
/** A public strategy where each person holds the role they are named after. */
let strategy: { strategyId: string; priorityId: string; commitmentId: string };
/** Another strategy, with the same facilitator, whose files and measures must not mix with the first's. */
let other: { strategyId: string; priorityId: string; commitmentId: string };

/** A quantitative measure, defined by the facilitator. */
async function newMeasure(strategyId = strategy.strategyId, name = `Vacancy rate ${randomUUID().slice(0, 6)}`): Promise<string> {
  const row = await as(facilitator, (tx) =>
    tx.one<{ id: string }>(
      `insert into public.measures (strategy_id, name, kind, unit, direction, baseline_value, baseline_date, target_value,
         target_date, rag_method, tolerance)
       values ($1, $2, 'quantitative', 'percentage', 'lower_is_better', 7.8, '2024-03-31', 5, '2028-03-31', 'trajectory', 0.5)
       returning id`,
      [strategyId, name],
    ),
  );
  return row!.id;
}

type EvidenceFields = Record<string, unknown>;

/** Inserts evidence as `by` with the columns given (a feedback item on the priority unless told otherwise); returns its id. */
async function submit(by: TestUser, fields: EvidenceFields = {}): Promise<string> {
  const values: EvidenceFields = {
    strategy_id: strategy.strategyId,
    kind: "feedback",
    category: "staff_leader_feedback",
    priority_id: strategy.priorityId,
    title: "What the care workers' forum said",
    body: "Most said pay was the reason they would leave.",
    source: "Care workers' forum, March",
    evidence_date: "2026-03-15",
    ...fields,
  };
  const names = Object.keys(values);
  const row = await as(by, (tx) =>
    tx.one<{ id: string }>(
      `insert into public.evidence (${names.join(", ")}) values (${names.map((_, i) => `$${i + 1}`).join(", ")}) returning id`,
      Object.values(values),
    ),
  );
  return row!.id;
}

/** A data point for a measure and the period ending on periodEnd. */
const dataPoint = (measureId: string, periodEnd: string, value = 7.1): EvidenceFields => ({
  kind: "data_point",
  category: "outcomes",
  priority_id: null,
  measure_id: measureId,
  title: `Vacancy rate, period ending ${periodEnd}`,
  value,
  period_end: periodEnd,
});

/** Changes evidence as `by`; returns how many rows RLS let them change. */
async function change(by: TestUser, id: string, set: EvidenceFields): Promise<number> {
  const names = Object.keys(set);
  const rows = await as(by, (tx) =>
    tx.query(
      `update public.evidence set ${names.map((n, i) => `${n} = $${i + 2}`).join(", ")} where id = $1 returning id`,
      [id, ...Object.values(set)],
    ),
  );
  return rows.length;
}

type Stored = { status: string; review_note: string | null; reviewed_by: string | null; reviewed_at: Date | null; submitted_by: string; title: string };
const stored = async (id: string) =>
  (await look((tx) =>
    tx.one<Stored>("select status, review_note, reviewed_by, reviewed_at, submitted_by, title from public.evidence where id = $1", [id]),
  ))!;

/** Uploads a file's record as `by` (the bytes would be in storage; only the row matters here). */
async function newFile(by: TestUser, strategyId = strategy.strategyId): Promise<string> {
  const row = await as(by, (tx) =>
    tx.one<{ id: string }>(
      `insert into public.evidence_files (strategy_id, storage_key, sha256, byte_size, content_type, file_name)
       values ($1, $2, $3, 1024, 'application/pdf', 'minutes.pdf') returning id`,
      [strategyId, `${strategyId}/${randomUUID()}`, "a".repeat(64)],
    ),
  );
  return row!.id;
}

beforeAll(async () => {
  db = await openTestDatabase();
  [facilitator, evaluator, worker, secondWorker, livedExperience, observer, outsider] = await Promise.all(
    ["Fay Facilitator", "Eve Evaluator", "Will Worker", "Wyn Worker", "Sam", "Olu Observer", "Otto Outsider"].map((displayName) =>
      createUser(db, { displayName }),
    ),
  );
  strategy = await createStrategy(db, facilitator, { visibility: "public" });
  other = await createStrategy(db, facilitator);
  for (const [person, role] of [
    [evaluator, "evaluator"],
    [worker, "worker"],
    [secondWorker, "worker"],
    [livedExperience, "lived_experience"],
    [observer, "observer"],
  ] as const) {
    await addMember(db, facilitator, strategy.strategyId, person, [{ role }]);
  }
  await addMember(db, facilitator, other.strategyId, worker, [{ role: "worker" }]);
});

afterAll(async () => {
  await db.dispose();
});

describe("new evidence", () => {
  it("is submitted, unreviewed and the submitter's own, even when a reviewer submits it", async () => {
    const id = await submit(evaluator);
    expect(await stored(id)).toMatchObject({ status: "submitted", review_note: null, reviewed_by: null, reviewed_at: null, submitted_by: evaluator.id });
  });

  it("cannot be sent in already reviewed, or as someone else: those columns are not the client's to write", async () => {
    expect(await refusal(submit(worker, { status: "verified" }))).toBe("42501");
    expect(await refusal(submit(evaluator, { reviewed_by: evaluator.id }))).toBe("42501");
    expect(await refusal(submit(worker, { submitted_by: secondWorker.id }))).toBe("42501");
  });

  it("is refused from a visitor, an outsider, and a member of another strategy", async () => {
    const asVisitor = as(null, (tx) =>
      tx.query(
        `insert into public.evidence (strategy_id, kind, category, priority_id, title, source, evidence_date)
         values ($1, 'feedback', 'outcomes', $2, 'A title', 'A source', '2026-01-01')`,
        [strategy.strategyId, strategy.priorityId],
      ),
    );
    expect(await refusal(asVisitor)).toBe("42501");
    expect(await refusal(submit(outsider))).toBe("42501");
    expect(await refusal(submit(worker, { strategy_id: other.strategyId, priority_id: other.priorityId }))).toBeUndefined();
    expect(await refusal(submit(evaluator, { strategy_id: other.strategyId, priority_id: other.priorityId }))).toBe("42501");
  });

  it("must be about something in its own strategy", async () => {
    expect(await refusal(submit(worker, { priority_id: other.priorityId }))).toBe("23503");
    expect(await refusal(submit(worker, { priority_id: null, commitment_id: other.commitmentId }))).toBe("23503");
    const elsewhere = await newMeasure(other.strategyId);
    expect(await refusal(submit(worker, dataPoint(elsewhere, "2026-03-31")))).toBe("23503");
  });
});

describe("review", () => {
  it("is for evaluators and facilitators: a worker cannot verify others' evidence or their own", async () => {
    const id = await submit(secondWorker);
    expect(await change(worker, id, { status: "verified" })).toBe(0);
    const own = await submit(worker);
    expect(await change(worker, own, { status: "verified" })).toBe(0);
    expect(await change(observer, own, { status: "rejected", review_note: "Not evidence." })).toBe(0);
    expect((await stored(own)).status).toBe("submitted");
    await change(evaluator, own, { status: "returned", review_note: "Which forum was this?" });
    expect(await refusal(change(worker, own, { status: "verified" }))).toBe("42501");
    expect((await stored(own)).status).toBe("returned");
  });

  it("verifies, recording who and when; a note is optional", async () => {
    const id = await submit(worker);
    expect(await change(evaluator, id, { status: "verified" })).toBe(1);
    const after = await stored(id);
    expect(after).toMatchObject({ status: "verified", reviewed_by: evaluator.id, review_note: null });
    expect(after.reviewed_at).toBeInstanceOf(Date);
    const second = await submit(worker);
    expect(await change(facilitator, second, { status: "verified", review_note: "  " })).toBe(1);
    expect(await stored(second)).toMatchObject({ status: "verified", reviewed_by: facilitator.id, review_note: null });
  });

  it("returns and rejects only with a note", async () => {
    const id = await submit(worker);
    expect(await refusal(change(evaluator, id, { status: "returned" }))).toBe("23514");
    expect(await refusal(change(evaluator, id, { status: "rejected" }))).toBe("23514");
    expect(await refusal(change(evaluator, id, { status: "rejected", review_note: "  " }))).toBe("23514");
    expect(await change(evaluator, id, { status: "returned", review_note: "Which survey was this?" })).toBe(1);
    expect(await stored(id)).toMatchObject({ status: "returned", review_note: "Which survey was this?", reviewed_by: evaluator.id });

    const second = await submit(worker);
    expect(await change(facilitator, second, { status: "rejected", review_note: "This is about another area." })).toBe(1);
    expect(await stored(second)).toMatchObject({ status: "rejected", reviewed_by: facilitator.id });
  });

  it("cannot take reviewed evidence back to submitted, or review it a second time", async () => {
    const id = await submit(worker);
    await change(evaluator, id, { status: "verified" });
    expect(await refusal(change(evaluator, id, { status: "submitted" }))).toBe("42501");
    expect(await refusal(change(evaluator, id, { status: "rejected", review_note: "Changed my mind." }))).toBe("23514");
  });
});

describe("answering a return", () => {
  it("is for the submitter, who changes it and sends it back for review", async () => {
    const id = await submit(worker);
    await change(evaluator, id, { status: "returned", review_note: "Which survey was this?" });
    expect(await change(worker, id, { source: "Care workers' forum, March: survey of 40 members", status: "submitted" })).toBe(1);
    const after = await stored(id);
    expect(after).toMatchObject({ status: "submitted", reviewed_by: evaluator.id, review_note: "Which survey was this?" });
    expect(await change(evaluator, id, { status: "verified" })).toBe(1);
  });

  it("is not for anyone else: another member cannot touch it, and a reviewer cannot send it back for the submitter", async () => {
    const id = await submit(worker);
    await change(evaluator, id, { status: "returned", review_note: "Which survey was this?" });
    expect(await change(secondWorker, id, { title: "Changed by someone else", status: "submitted" })).toBe(0);
    expect(await refusal(change(evaluator, id, { status: "submitted" }))).toBe("42501");
    expect((await stored(id)).status).toBe("returned");
  });

  it("is the only time a submitter may change what they sent", async () => {
    const id = await submit(worker);
    expect(await change(worker, id, { title: "A better title" })).toBe(0);
    expect((await stored(id)).title).toBe("What the care workers' forum said");
  });
});

describe("reviewed evidence", () => {
  it("is never rewritten, by a reviewer or its submitter", async () => {
    const verified = await submit(worker);
    await change(evaluator, verified, { status: "verified" });
    const rejected = await submit(worker);
    await change(evaluator, rejected, { status: "rejected", review_note: "Not about this priority." });
    for (const id of [verified, rejected]) {
      expect(await refusal(change(evaluator, id, { title: "Rewritten by the evaluator" }))).toBe("42501");
      expect(await refusal(change(facilitator, id, { category: "outcomes" }))).toBe("42501");
      expect(await change(worker, id, { title: "Rewritten by the submitter" })).toBe(0);
    }
    expect((await stored(verified)).title).toBe("What the care workers' forum said");
  });

  it("cannot move to another strategy or author, and is never deleted by a client", async () => {
    const id = await submit(worker);
    expect(await refusal(change(facilitator, id, { strategy_id: other.strategyId }))).toBe("42501");
    const deleted = await as(facilitator, (tx) => tx.query("delete from public.evidence where id = $1 returning id", [id]).catch((e: PgError) => e.code));
    expect(deleted).toBe("42501");
  });
});

describe("data points", () => {
  it("need a measure and a period end, and a value", async () => {
    const measureId = await newMeasure();
    expect(await refusal(submit(worker, { ...dataPoint(measureId, "2026-03-31"), measure_id: null, priority_id: strategy.priorityId }))).toBe("23514");
    expect(await refusal(submit(worker, { ...dataPoint(measureId, "2026-03-31"), period_end: null }))).toBe("23514");
    expect(await refusal(submit(worker, { ...dataPoint(measureId, "2026-03-31"), value: null }))).toBe("23514");
    expect(await refusal(submit(worker, { ...dataPoint(measureId, "2026-03-31"), period_start: "2026-04-01" }))).toBe("23514");
    expect(await refusal(submit(worker, { value: 3 }))).toBe("23514");
    expect(await refusal(submit(worker, dataPoint(measureId, "2026-03-31")))).toBeUndefined();
  });

  it("are one per measure and period while the first is submitted or verified, and allowed again once it is rejected", async () => {
    const measureId = await newMeasure();
    const first = await submit(worker, dataPoint(measureId, "2026-03-31", 7.1));
    expect(await refusal(submit(secondWorker, dataPoint(measureId, "2026-03-31", 7.2)))).toBe("23505");
    await change(evaluator, first, { status: "verified" });
    expect(await refusal(submit(evaluator, dataPoint(measureId, "2026-03-31", 7.2)))).toBe("23505");
    expect(await refusal(submit(worker, dataPoint(measureId, "2025-03-31", 7.4)))).toBeUndefined();

    const otherMeasure = await newMeasure();
    const wrong = await submit(worker, dataPoint(otherMeasure, "2026-03-31", 9.9));
    await change(evaluator, wrong, { status: "rejected", review_note: "That was last year's figure." });
    expect(await refusal(submit(worker, dataPoint(otherMeasure, "2026-03-31", 7.0)))).toBeUndefined();
  });

  it("answering a return cannot make a second value for a period that has one meanwhile", async () => {
    const measureId = await newMeasure();
    const first = await submit(worker, dataPoint(measureId, "2026-03-31", 7.1));
    await change(evaluator, first, { status: "returned", review_note: "Is this the whole year?" });
    await submit(secondWorker, dataPoint(measureId, "2026-03-31", 7.3));
    expect(await refusal(change(worker, first, { status: "submitted" }))).toBe("23505");
  });
});

describe("files", () => {
  it("can be attached by the person who uploaded them, to evidence in the same strategy", async () => {
    const fileId = await newFile(worker);
    const id = await submit(worker, { kind: "document", file_id: fileId, title: "Minutes of the workforce board" });
    expect((await stored(id)).status).toBe("submitted");
  });

  it("of another person, or of another strategy, cannot be attached", async () => {
    const someoneElses = await newFile(secondWorker);
    expect(await refusal(submit(worker, { kind: "document", file_id: someoneElses }))).toBe("23503");
    const elsewhere = await newFile(worker, other.strategyId);
    expect(await refusal(submit(worker, { kind: "document", file_id: elsewhere }))).toBe("23503");
  });

  it("are needed by a document and by nothing else", async () => {
    const fileId = await newFile(worker);
    expect(await refusal(submit(worker, { kind: "document" }))).toBe("23514");
    expect(await refusal(submit(worker, { kind: "feedback", file_id: fileId }))).toBe("23514");
  });

  it("cannot be swapped for someone else's when a return is answered", async () => {
    const own = await newFile(worker);
    const id = await submit(worker, { kind: "document", file_id: own });
    await change(evaluator, id, { status: "returned", review_note: "Is there a signed copy?" });
    const someoneElses = await newFile(secondWorker);
    expect(await refusal(change(worker, id, { file_id: someoneElses, status: "submitted" }))).toBe("23503");
    const replacement = await newFile(worker);
    expect(await change(worker, id, { file_id: replacement, status: "submitted" })).toBe(1);
  });
});

describe("who sees evidence", () => {
  type Item = "submitted" | "returned" | "rejected" | "verified" | "privateStory" | "publishedStory" | "ownReturned";
  let items: Record<Item, string>;

  beforeAll(async () => {
    const story = { kind: "story", category: "peoples_experience", title: "How I found my personal assistant", consent_quote: true };
    items = {
      submitted: await submit(secondWorker),
      returned: await submit(secondWorker),
      rejected: await submit(secondWorker),
      verified: await submit(secondWorker),
      privateStory: await submit(livedExperience, story),
      publishedStory: await submit(livedExperience, { ...story, consent_publish: true, anonymised: true }),
      ownReturned: await submit(worker),
    };
    await change(evaluator, items.returned, { status: "returned", review_note: "Which forum?" });
    await change(evaluator, items.ownReturned, { status: "returned", review_note: "Which forum?" });
    await change(evaluator, items.rejected, { status: "rejected", review_note: "Not about this strategy." });
    for (const id of [items.verified, items.privateStory, items.publishedStory]) await change(evaluator, id, { status: "verified" });
  });

  async function seenBy(who: TestUser | null): Promise<Item[]> {
    const ids = Object.values(items);
    const rows = await as(who, (tx) => tx.query<{ id: string }>("select id from public.evidence where id = any ($1::uuid[])", [ids]));
    const seen = new Set(rows.map((r) => r.id));
    return (Object.keys(items) as Item[]).filter((k) => seen.has(items[k])).sort();
  }

  it("shows reviewers everything", async () => {
    const all = (Object.keys(items) as Item[]).sort();
    expect(await seenBy(evaluator)).toEqual(all);
    expect(await seenBy(facilitator)).toEqual(all);
  });

  it("shows the submitter their own whatever its status, and other members what is submitted or verified", async () => {
    expect(await seenBy(secondWorker)).toEqual(["publishedStory", "privateStory", "rejected", "returned", "submitted", "verified"].sort());
    expect(await seenBy(worker)).toEqual(["ownReturned", "privateStory", "publishedStory", "submitted", "verified"].sort());
    expect(await seenBy(observer)).toEqual(["privateStory", "publishedStory", "submitted", "verified"].sort());
  });

  it("shows visitors and outsiders of a public strategy verified evidence only, and a story only with consent to publish it", async () => {
    expect(await seenBy(null)).toEqual(["publishedStory", "verified"]);
    expect(await seenBy(outsider)).toEqual(["publishedStory", "verified"]);
  });

  it("shows visitors of a private strategy nothing", async () => {
    const id = await submit(worker, { strategy_id: other.strategyId, priority_id: other.priorityId });
    await change(facilitator, id, { status: "verified" });
    const rows = await as(null, (tx) => tx.query("select id from public.evidence where id = $1", [id]));
    expect(rows).toEqual([]);
    const outsiders = await as(outsider, (tx) => tx.query("select id from public.evidence where id = $1", [id]));
    expect(outsiders).toEqual([]);
  });

  it("lets a file be seen by whoever may see the evidence holding it", async () => {
    const fileId = await newFile(livedExperience);
    const documentId = await submit(livedExperience, { kind: "document", file_id: fileId, title: "Notes from the listening event" });
    const fileSeenBy = async (who: TestUser | null) =>
      (await as(who, (tx) => tx.query("select id from public.evidence_files where id = $1", [fileId]))).length === 1;
    expect(await fileSeenBy(livedExperience)).toBe(true);
    expect(await fileSeenBy(observer)).toBe(true);
    expect(await fileSeenBy(null)).toBe(false);
    await change(evaluator, documentId, { status: "verified" });
    expect(await fileSeenBy(null)).toBe(true);
    expect(await fileSeenBy(outsider)).toBe(true);
  });
});

describe("the history", () => {
  it("records each step with entity type 'evidence', who took it, and never the body", async () => {
    const id = await submit(worker);
    await change(evaluator, id, { status: "returned", review_note: "Which forum was this?" });
    await change(worker, id, { source: "Care workers' forum, 12 March", body: "A new body.", status: "submitted" });
    await change(evaluator, id, { status: "verified" });
    const entries = await as(evaluator, (tx) =>
      tx.query<{ entity_type: string; action: string; actor_id: string; strategy_id: string; details: Record<string, any> }>(
        "select entity_type, action, actor_id, strategy_id, details from public.audit_log where entity_id = $1 order by seq",
        [id],
      ),
    );
    expect(entries.map((e) => [e.entity_type, e.action, e.actor_id])).toEqual([
      ["evidence", "created", worker.id],
      ["evidence", "updated", evaluator.id],
      ["evidence", "updated", worker.id],
      ["evidence", "updated", evaluator.id],
    ]);
    expect(entries.every((e) => e.strategy_id === strategy.strategyId)).toBe(true);
    expect(entries[0].details).toMatchObject({ status: "submitted", kind: "feedback", title: "What the care workers' forum said" });
    expect(entries[0].details).not.toHaveProperty("body");
    expect(entries[1].details.changes).toMatchObject({ status: { from: "submitted", to: "returned" }, review_note: { from: null, to: "Which forum was this?" } });
    expect(entries[2].details.changes).toMatchObject({ status: { from: "returned", to: "submitted" } });
    expect(entries[2].details.changes).not.toHaveProperty("body");
    expect(entries[3].details.changes).toMatchObject({ status: { from: "submitted", to: "verified" } });
  });

  it("of evidence is seen only by those who may see the evidence", async () => {
    const id = await submit(worker);
    await change(evaluator, id, { status: "rejected", review_note: "Not about this strategy." });
    const count = async (who: TestUser | null) =>
      (await as(who, (tx) => tx.query("select seq from public.audit_log where entity_type = 'evidence' and entity_id = $1", [id]))).length;
    expect(await count(worker)).toBe(2);
    expect(await count(evaluator)).toBe(2);
    expect(await count(secondWorker)).toBe(0);
    expect(await count(null)).toBe(0);
  });
});
