import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicationSnapshotSchema } from "../../app/domain/publication";
import { SIGN_OFF_CSV_HEADER } from "../../app/domain/sign-off-matrix";
import type { SignOffDecision } from "../../app/domain/sign-off";
import { listRevisions } from "../../app/models/commitment-revisions.server";
import { getPublication, listPublications } from "../../app/models/publications.server";
import { countAgreedCommitments, listSignOffMatrixCells, listSignOffMatrixRows } from "../../app/models/sign-off-matrix.server";
import { setStatementStatus } from "../../app/models/statements.server";
import { getStrategy } from "../../app/models/strategies.server";
import { loader as csvLoader } from "../../app/routes/strategies.$strategyId.sign-off[.]csv";
import type { Tx } from "../../app/platform/db.server";
import { publishStrategy } from "../../app/services/publications.server";
import { addMember, createOrganisation, createStrategy, createUser, type TestUser } from "../support/factories";
import { addStatement, sqlStateOf, writeText } from "../support/statement-workflow";
import { openTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});

// Local helpers: each sets up sign-off state the way the pages do, as the person, through RLS.

/** A facilitator chooses the organisations that must sign off a commitment. */
const requireOrganisations = (facilitator: TestUser, strategyId: string, commitmentId: string, organisationIds: string[]) =>
  db.asUser(facilitator.claims, async (tx) => {
    for (const organisationId of organisationIds) {
      await tx.query("insert into public.sign_off_organisations (strategy_id, commitment_id, organisation_id) values ($1, $2, $3)", [
        strategyId,
        commitmentId,
        organisationId,
      ]);
    }
  });

/** A facilitator asks organisations to sign off a commitment's current revision. */
const ask = (facilitator: TestUser, strategyId: string, commitmentId: string, organisationIds: string[]) =>
  db.asUser(facilitator.claims, async (tx) => {
    for (const organisationId of organisationIds) {
      await tx.query("insert into public.sign_off_requests (strategy_id, commitment_id, organisation_id) values ($1, $2, $3)", [
        strategyId,
        commitmentId,
        organisationId,
      ]);
    }
  });

/** A signatory records their organisation's decision on a revision. */
const decide = (
  signatory: TestUser,
  row: { strategyId: string; commitmentId: string; organisationId: string; revision: number },
  decision: SignOffDecision,
  words: { conditions?: string; reason?: string } = {},
) =>
  db.asUser(signatory.claims, (tx) =>
    tx.query(
      `insert into public.sign_off_decisions
         (strategy_id, commitment_id, organisation_id, revision, decision, conditions, reason, signed_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.strategyId, row.commitmentId, row.organisationId, row.revision, decision, words.conditions ?? null, words.reason ?? null, signatory.id],
    ),
  );

/** A facilitator changes a commitment's wording (a new revision). */
const reword = (facilitator: TestUser, commitmentId: string, text: string) =>
  db.asUser(facilitator.claims, (tx) => tx.query("update public.commitments set text = $2 where id = $1", [commitmentId, text]));

/** A facilitator adds a commitment under a priority. */
const addCommitment = (
  facilitator: TestUser,
  strategyId: string,
  priorityId: string,
  position: number,
  text: string,
  parties: string[] = ["employers"],
) =>
  db.asUser(facilitator.claims, async (tx) => {
    const row = await tx.one<{ id: string }>(
      `insert into public.commitments (strategy_id, priority_id, position, text, responsible_parties)
       values ($1, $2, $3, $4, $5) returning id`,
      [strategyId, priorityId, position, text, parties],
    );
    return row!.id;
  });

/**
 * A strategy with two priorities and three commitments; two partner organisations, each with a
 * designated signatory; a worker; and someone from outside.
 *
 * - commitment A (priority 1): both organisations asked; Alpha endorsed, Beta objected.
 * - commitment B (priority 2, local government): Alpha asked, endorsed with conditions: agreed.
 * - commitment C (priority 2): Beta chosen but not asked yet.
 */
async function signOffStrategy({ visibility = "private" as "public" | "private" } = {}) {
  const facilitator = await createUser(db, { displayName: "Fatima Facilitator" });
  const alphaSignatory = await createUser(db, { displayName: "Ada Alpha" });
  const betaSignatory = await createUser(db, { displayName: "Ben Beta" });
  const worker = await createUser(db, { displayName: "Priya Worker" });
  const outsider = await createUser(db, { displayName: "Oscar Outsider" });
  const alpha = await createOrganisation(db, `Alpha Trust ${crypto.randomUUID().slice(0, 6)}`);
  const beta = await createOrganisation(db, `Beta Council ${crypto.randomUUID().slice(0, 6)}`);
  const { strategyId, priorityId, commitmentId: a } = await createStrategy(db, facilitator, { visibility });
  await addMember(db, facilitator, strategyId, alphaSignatory, [{ role: "signatory", organisationId: alpha }]);
  await addMember(db, facilitator, strategyId, betaSignatory, [{ role: "signatory", organisationId: beta }]);
  await addMember(db, facilitator, strategyId, worker, [{ role: "worker" }]);
  const secondPriority = await db.asUser(facilitator.claims, async (tx) => {
    const row = await tx.one<{ id: string }>(
      "insert into public.priorities (strategy_id, position, title, summary) values ($1, 2, 'Second priority', 'Why') returning id",
      [strategyId],
    );
    return row!.id;
  });
  const b = await addCommitment(facilitator, strategyId, secondPriority, 1, "We will train every commissioner.", ["local_government"]);
  const c = await addCommitment(facilitator, strategyId, secondPriority, 2, "=HYPERLINK(\"http://example.test\") We will survey workers.");

  await requireOrganisations(facilitator, strategyId, a, [alpha, beta]);
  await ask(facilitator, strategyId, a, [alpha, beta]);
  await decide(alphaSignatory, { strategyId, commitmentId: a, organisationId: alpha, revision: 1 }, "endorsed");
  await decide(betaSignatory, { strategyId, commitmentId: a, organisationId: beta, revision: 1 }, "objected", {
    reason: "-The date cannot be met.",
  });
  await requireOrganisations(facilitator, strategyId, b, [alpha]);
  await ask(facilitator, strategyId, b, [alpha]);
  await decide(alphaSignatory, { strategyId, commitmentId: b, organisationId: alpha, revision: 1 }, "endorsed_with_conditions", {
    conditions: "Funding is agreed first.",
  });
  await requireOrganisations(facilitator, strategyId, c, [beta]);
  return { strategyId, priorityId, secondPriority, a, b, c, alpha, beta, facilitator, alphaSignatory, betaSignatory, worker, outsider };
}

/** Runs fn as `user`, as a route's withDb does. */
const asUser =
  (user: TestUser) =>
  <T>(fn: (tx: Tx) => Promise<T>) =>
    db.asUser(user.claims, fn);

/**
 * Reads CSV as RFC 4180 writes it (quoted fields, doubled quotes, CRLF between records): the
 * test's own reading, so the file is checked by something other than the library that wrote it.
 */
function parse(csv: string): string[][] {
  const records: string[][] = [[]];
  let field = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted && ch === '"' && csv[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ",") {
      records[records.length - 1].push(field);
      field = "";
    } else if (!quoted && ch === "\r" && csv[i + 1] === "\n") {
      records[records.length - 1].push(field);
      records.push([]);
      field = "";
      i++;
    } else {
      field += ch;
    }
  }
  if (field) records[records.length - 1].push(field);
  return records.filter((r) => r.length);
}

/** What a request by `user` would give a loader as its context. */
const contextFor = (user: TestUser | null) =>
  ({ platform: { db }, user: user && { id: user.id, email: user.email, name: user.email, claims: user.claims } }) as unknown as AppLoadContext;

describe("the sign-off matrix", () => {
  it("lists current commitments in order with their agreed state, and one cell per organisation asked", async () => {
    const s = await signOffStrategy();
    const rows = await db.asUser(s.worker.claims, (tx) => listSignOffMatrixRows(tx, s.strategyId));
    expect(rows.map((r) => [r.id, r.priorityNumber, r.revision, r.agreed, r.organisationCount])).toEqual([
      [s.a, 1, 1, false, 2],
      [s.b, 2, 1, true, 1],
      [s.c, 2, 1, false, 1],
    ]);
    const cells = await db.asUser(s.worker.claims, (tx) => listSignOffMatrixCells(tx, s.strategyId));
    expect(cells.map((c) => [c.commitmentId, c.organisationId, c.state])).toEqual([
      [s.a, s.alpha, "endorsed"],
      [s.a, s.beta, "objected"],
      [s.b, s.alpha, "endorsed_with_conditions"],
      [s.c, s.beta, "not_requested"],
    ]);
    const objection = cells.find((c) => c.state === "objected")!;
    expect(objection).toMatchObject({ decidedRevision: 1, reason: "-The date cannot be met.", signedByName: "Ben Beta" });
    expect(await db.asUser(s.worker.claims, (tx) => countAgreedCommitments(tx, s.strategyId))).toEqual({ total: 3, agreed: 1 });
  });

  it("filters by priority, by who is responsible and by the state of any organisation's sign-off", async () => {
    const s = await signOffStrategy();
    const ids = (filter: Parameters<typeof listSignOffMatrixRows>[2]) =>
      db.asUser(s.worker.claims, async (tx) => (await listSignOffMatrixRows(tx, s.strategyId, filter)).map((r) => r.id));
    expect(await ids({ priority: s.secondPriority })).toEqual([s.b, s.c]);
    expect(await ids({ party: "local_government" })).toEqual([s.b]);
    expect(await ids({ state: "objected" })).toEqual([s.a]);
    expect(await ids({ state: "endorsed" })).toEqual([s.a]);
    expect(await ids({ state: "not_requested" })).toEqual([s.c]);
    expect(await ids({ state: "waiting" })).toEqual([]);
    expect(await ids({ priority: s.secondPriority, state: "objected" })).toEqual([]);
  });

  it("shows earlier decisions as out of date once a commitment is revised, and asks again", async () => {
    const s = await signOffStrategy();
    await reword(s.facilitator, s.b, "We will train and support every commissioner.");
    const rows = await db.asUser(s.worker.claims, (tx) => listSignOffMatrixRows(tx, s.strategyId, { state: "stale" }));
    expect(rows.map((r) => [r.id, r.revision, r.agreed])).toEqual([[s.b, 2, false]]);
    const cell = (await db.asUser(s.worker.claims, (tx) => listSignOffMatrixCells(tx, s.strategyId))).find((c) => c.commitmentId === s.b)!;
    expect(cell).toMatchObject({ state: "stale", decidedRevision: 1, currentRevision: 2, requestedRevision: 2 });
    expect(await db.asUser(s.worker.claims, (tx) => countAgreedCommitments(tx, s.strategyId))).toEqual({ total: 3, agreed: 0 });
  });

  it("leaves out archived commitments", async () => {
    const s = await signOffStrategy();
    await db.asUser(s.facilitator.claims, (tx) => tx.query("update public.commitments set archived_at = now() where id = $1", [s.c]));
    const rows = await db.asUser(s.worker.claims, (tx) => listSignOffMatrixRows(tx, s.strategyId));
    expect(rows.map((r) => r.id)).toEqual([s.a, s.b]);
    const cells = await db.asUser(s.worker.claims, (tx) => listSignOffMatrixCells(tx, s.strategyId));
    expect(cells.some((c) => c.commitmentId === s.c)).toBe(false);
  });
});

describe("the sign-off CSV", () => {
  const download = async (user: TestUser | null, strategyId: string, query = "") =>
    csvLoader({
      request: new Request(`http://hub.test/strategies/${strategyId}/sign-off.csv${query}`),
      params: { strategyId },
      context: contextFor(user),
    });

  it("has one row per commitment and organisation, with the decision, who signed, when, and conditions or reason", async () => {
    const s = await signOffStrategy();
    const response = await download(s.worker, s.strategyId);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="sign-off-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A byte order mark first, so spreadsheets read the file as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(new TextDecoder().decode(bytes));
    expect(records[0]).toEqual(SIGN_OFF_CSV_HEADER);
    const alphaName = (await db.asUser(s.worker.claims, (tx) => listSignOffMatrixCells(tx, s.strategyId))).find(
      (c) => c.organisationId === s.alpha,
    )!.organisationName;
    expect(records.slice(1).map((r) => [r[0], r[2], r[3] === alphaName ? "Alpha" : "Beta", r[4], r[5], r[6], r[7]])).toEqual([
      ["Priority 1: A priority", "1", "Alpha", "Endorsed", "1", "Endorsed", "Ada Alpha"],
      ["Priority 1: A priority", "1", "Beta", "Objected", "1", "Objected", "Ben Beta"],
      ["Priority 2: Second priority", "1", "Alpha", "Endorsed with conditions", "1", "Endorsed with conditions", "Ada Alpha"],
      ["Priority 2: Second priority", "1", "Beta", "Not requested", "", "", ""],
    ]);
    expect(records[1][8]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(records[3][9]).toBe("Funding is agreed first.");
    // Text that a spreadsheet would run as a formula is kept as text.
    expect(records[2][10]).toBe("'-The date cannot be met.");
    expect(records[4][1]).toBe("'=HYPERLINK(\"http://example.test\") We will survey workers.");
  });

  it("exports only what the filters show", async () => {
    const s = await signOffStrategy();
    const records = parse(await (await download(s.worker, s.strategyId, "?state=objected")).text());
    expect(records.slice(1).map((r) => r[4])).toEqual(["Endorsed", "Objected"]);
    const byParty = parse(await (await download(s.worker, s.strategyId, "?party=local_government")).text());
    expect(byParty[0]).toEqual(SIGN_OFF_CSV_HEADER);
    expect(byParty.slice(1).map((r) => r[1])).toEqual(["We will train every commissioner."]);
  });

  it("is for members only", async () => {
    const s = await signOffStrategy({ visibility: "public" });
    const refusal = (promise: Promise<unknown>) => promise.then(() => null, (thrown: Response) => thrown.status);
    expect(await refusal(download(null, s.strategyId))).toBe(403);
    expect(await refusal(download(s.outsider, s.strategyId))).toBe(403);
  });
});

describe("publishing a version", () => {
  const publish = (user: TestUser, strategyId: string, overrideReason: string | null) =>
    publishStrategy(asUser(user), { strategyId, overrideReason });

  it("needs a reason while not every commitment is agreed, and keeps the reason and the counts with the version", async () => {
    const s = await signOffStrategy();
    expect(await publish(s.facilitator, s.strategyId, null)).toEqual({ outcome: "reason_required" });
    expect(await db.asUser(s.worker.claims, (tx) => listPublications(tx, s.strategyId))).toEqual([]);

    const reason = "The consultation closes this week; the rest follow.";
    expect(await publish(s.facilitator, s.strategyId, `  ${reason}  `)).toEqual({ outcome: "published", number: 1 });
    const [version] = await db.asUser(s.worker.claims, (tx) => listPublications(tx, s.strategyId));
    expect(version).toMatchObject({
      number: 1,
      allAgreed: false,
      commitmentsTotal: 3,
      commitmentsAgreed: 1,
      overrideReason: reason,
      publishedByName: "Fatima Facilitator",
    });
    expect(version.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // Publishing marks the strategy as published, in the same transaction.
    expect((await db.asUser(s.worker.claims, (tx) => getStrategy(tx, s.strategyId)))!.status).toBe("published");
  });

  it("publishes without a reason once every commitment is agreed, numbering versions one after another", async () => {
    const s = await signOffStrategy();
    // Make everything agreed: Beta now endorses a revised A, Alpha re-endorses it, C is asked and endorsed.
    await reword(s.facilitator, s.a, "We will do the thing we said we would do, by 2028.");
    await decide(s.alphaSignatory, { strategyId: s.strategyId, commitmentId: s.a, organisationId: s.alpha, revision: 2 }, "endorsed");
    await decide(s.betaSignatory, { strategyId: s.strategyId, commitmentId: s.a, organisationId: s.beta, revision: 2 }, "endorsed");
    await ask(s.facilitator, s.strategyId, s.c, [s.beta]);
    await decide(s.betaSignatory, { strategyId: s.strategyId, commitmentId: s.c, organisationId: s.beta, revision: 1 }, "endorsed");
    expect(await db.asUser(s.worker.claims, (tx) => countAgreedCommitments(tx, s.strategyId))).toEqual({ total: 3, agreed: 3 });

    // An agreed statement goes into the snapshot too.
    const statementId = await addStatement(db, s.facilitator, s.strategyId, "I know who to ask");
    await writeText(db, statementId, "I know who to ask when I need help.");
    await db.asUser(s.facilitator.claims, (tx) => setStatementStatus(tx, statementId, "in_review"));
    await db.asUser(s.facilitator.claims, (tx) => setStatementStatus(tx, statementId, "agreed"));

    expect(await publish(s.facilitator, s.strategyId, null)).toEqual({ outcome: "published", number: 1 });
    // A reason given when none is needed is not kept.
    expect(await publish(s.facilitator, s.strategyId, "Not needed, everything is agreed.")).toEqual({ outcome: "published", number: 2 });
    const versions = await db.asUser(s.worker.claims, (tx) => listPublications(tx, s.strategyId));
    expect(versions.map((v) => [v.number, v.allAgreed, v.commitmentsAgreed, v.overrideReason])).toEqual([
      [2, true, 3, null],
      [1, true, 3, null],
    ]);

    const published = await db.asUser(s.worker.claims, (tx) => getPublication(tx, s.strategyId, 1));
    const snapshot = publicationSnapshotSchema.parse(published!.snapshot);
    expect(snapshot.priorities.map((p) => [p.title, p.commitments.map((c) => [c.revision, c.agreed])])).toEqual([
      ["A priority", [[2, true]]],
      ["Second priority", [[1, true], [1, true]]],
    ]);
    const first = snapshot.priorities[0].commitments[0];
    expect(first.text).toBe("We will do the thing we said we would do, by 2028.");
    expect(first.sign_offs.map((o) => [o.state, o.revision, o.signed_by_name])).toEqual([
      ["endorsed", 2, "Ada Alpha"],
      ["endorsed", 2, "Ben Beta"],
    ]);
    expect(snapshot.priorities[1].commitments[0].sign_offs[0]).toMatchObject({
      state: "endorsed_with_conditions",
      conditions: "Funding is agreed first.",
    });
    expect(snapshot.statements.map((st) => [st.title, st.text])).toEqual([["I know who to ask", "I know who to ask when I need help."]]);

    // A published version never changes, whatever happens to the strategy afterwards.
    await reword(s.facilitator, s.b, "We will train and support every commissioner.");
    const again = await db.asUser(s.worker.claims, (tx) => getPublication(tx, s.strategyId, 1));
    expect(again!.snapshot).toEqual(published!.snapshot);
    expect(
      await sqlStateOf(
        db.asUser(s.facilitator.claims, (tx) => tx.query("update public.strategy_publications set override_reason = 'x' where strategy_id = $1", [s.strategyId])),
      ),
    ).toBe("42501");
  });

  it("is refused to anyone but a facilitator", async () => {
    const s = await signOffStrategy();
    const reason = "Publishing early to share progress.";
    expect(await sqlStateOf(publish(s.worker, s.strategyId, reason))).toBe("42501");
    expect(await sqlStateOf(publish(s.alphaSignatory, s.strategyId, reason))).toBe("42501");
  });

  it("lets a visitor read a public strategy's versions, and no one outside read a private one's", async () => {
    const open = await signOffStrategy({ visibility: "public" });
    await publish(open.facilitator, open.strategyId, "Shared for the public meeting.");
    const visitorSees = await db.asUser(null, (tx) => listPublications(tx, open.strategyId));
    expect(visitorSees.map((v) => [v.number, v.overrideReason, v.publishedByName])).toEqual([
      [1, "Shared for the public meeting.", "Fatima Facilitator"],
    ]);
    const version = await db.asUser(null, (tx) => getPublication(tx, open.strategyId, 1));
    expect(publicationSnapshotSchema.safeParse(version!.snapshot).success).toBe(true);

    const closed = await signOffStrategy({ visibility: "private" });
    await publish(closed.facilitator, closed.strategyId, "Shared with the members only.");
    expect(await db.asUser(null, (tx) => listPublications(tx, closed.strategyId))).toEqual([]);
    expect(await db.asUser(closed.outsider.claims, (tx) => getPublication(tx, closed.strategyId, 1))).toBeUndefined();
    expect(await db.asUser(closed.worker.claims, (tx) => listPublications(tx, closed.strategyId))).toHaveLength(1);
  });
});

describe("a commitment's revisions", () => {
  it("lists every revision newest first, with who made it and its content hash", async () => {
    const s = await signOffStrategy({ visibility: "public" });
    await reword(s.facilitator, s.a, "We will do the thing we said we would do, sooner.");
    await db.asUser(s.facilitator.claims, (tx) =>
      tx.query("update public.commitments set due_date = '2028-03-31', lead_organisation_id = $2 where id = $1", [s.a, s.alpha]),
    );
    const revisions = await db.asUser(s.worker.claims, (tx) => listRevisions(tx, s.strategyId, s.a));
    expect(revisions.map((r) => [r.number, r.text, r.dueDate, r.leadOrganisationId, r.authorName])).toEqual([
      [3, "We will do the thing we said we would do, sooner.", "2028-03-31", s.alpha, "Fatima Facilitator"],
      [2, "We will do the thing we said we would do, sooner.", null, null, "Fatima Facilitator"],
      [1, "We will do the thing we said we would do.", null, null, "Fatima Facilitator"],
    ]);
    expect(new Set(revisions.map((r) => r.contentHash)).size).toBe(3);
    // A visitor reads a public strategy's revisions, without the names of people they may not see.
    const seen = await db.asUser(null, (tx) => listRevisions(tx, s.strategyId, s.a));
    expect(seen.map((r) => [r.number, r.authorName])).toEqual([
      [3, "Someone"],
      [2, "Someone"],
      [1, "Someone"],
    ]);
  });
});
