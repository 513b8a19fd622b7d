import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertComment } from "../../app/models/statement-comments.server";
import { statementBalance, strategyBalance } from "../../app/models/statement-contributions.server";
import { insertEndorsement } from "../../app/models/statement-endorsements.server";
import { getEasyReadEdit, getStatement, setStatementArchived, updateEasyRead } from "../../app/models/statements.server";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { createStrategy, type TestUser } from "../support/factories";
import { addStatement, statementWithPeople, writeText } from "../support/statement-workflow";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});

const comment = (user: TestUser, strategyId: string, statementId: string, parentId: string | null = null) =>
  db.asUser(user.claims, (tx) => insertComment(tx, { strategyId, statementId, parentId, authorId: user.id, body: "A thought." }));

const endorse = (user: TestUser, strategyId: string, statementId: string, contentHash: string) =>
  db.asUser(user.claims, (tx) => insertEndorsement(tx, { strategyId, statementId, userId: user.id, contentHash }));

describe("who shaped a statement", () => {
  it("gives each role group's share of the writing, edits, comments and endorsements of the current text", async () => {
    const { strategyId, statementId, facilitator, lived, worker, partner, observer } = await statementWithPeople(db);
    await writeText(db, statementId, "First words.", { user: lived, roleGroup: "lived_experience", charsAdded: 300 });
    await writeText(db, statementId, "First words, more.", { user: lived, roleGroup: "lived_experience", charsAdded: 150 });
    await writeText(db, statementId, "First words, more, and more.", { user: worker, roleGroup: "worker", charsAdded: 150 });
    const old = await writeText(db, statementId, "Nearly there.", { user: partner, roleGroup: "partner", charsAdded: 0 });
    await endorse(partner, strategyId, statementId, old.contentHash);
    const current = await writeText(db, statementId, "There.");
    const thread = await comment(lived, strategyId, statementId);
    await comment(worker, strategyId, statementId, thread);
    await comment(lived, strategyId, statementId, thread);
    await comment(facilitator, strategyId, statementId);
    await endorse(lived, strategyId, statementId, current.contentHash);
    await endorse(worker, strategyId, statementId, current.contentHash);

    const balance = await db.asUser(observer.claims, (tx) => statementBalance(tx, statementId));
    expect(balance).toEqual([
      { roleGroup: "lived_experience", charsAdded: 450, textShare: 75, edits: 2, comments: 2, endorsements: 1 },
      { roleGroup: "worker", charsAdded: 150, textShare: 25, edits: 1, comments: 1, endorsements: 1 },
      // The partner's endorsement was of earlier text, so it does not count.
      { roleGroup: "partner", charsAdded: 0, textShare: 0, edits: 1, comments: 0, endorsements: 0 },
      { roleGroup: "other", charsAdded: 0, textShare: 0, edits: 0, comments: 1, endorsements: 0 },
    ]);
  });

  it("is all zeros for a statement no one has written yet", async () => {
    const { statementId, facilitator } = await statementWithPeople(db);
    const balance = await db.asUser(facilitator.claims, (tx) => statementBalance(tx, statementId));
    expect(balance.map((b) => [b.roleGroup, b.charsAdded, b.textShare, b.edits, b.comments, b.endorsements])).toEqual([
      ["lived_experience", 0, 0, 0, 0, 0],
      ["worker", 0, 0, 0, 0, 0],
      ["partner", 0, 0, 0, 0, 0],
      ["other", 0, 0, 0, 0, 0],
    ]);
  });

  it("adds up across a strategy's current statements, leaving out archived ones and other strategies", async () => {
    const { strategyId, statementId, facilitator, lived, worker } = await statementWithPeople(db);
    const second = await addStatement(db, facilitator, strategyId, "I am listened to");
    const archived = await addStatement(db, facilitator, strategyId, "An idea we dropped");
    const elsewhere = await createStrategy(db, facilitator);
    const foreign = await addStatement(db, facilitator, elsewhere.strategyId, "Somewhere else");

    await writeText(db, statementId, "One.", { user: lived, roleGroup: "lived_experience", charsAdded: 100 });
    await writeText(db, second, "Two.", { user: lived, roleGroup: "lived_experience", charsAdded: 200 });
    const secondText = await writeText(db, second, "Two, three.", { user: worker, roleGroup: "worker", charsAdded: 100 });
    await writeText(db, archived, "Gone.", { user: worker, roleGroup: "worker", charsAdded: 1000 });
    await writeText(db, foreign, "Elsewhere.", { user: facilitator, roleGroup: "other", charsAdded: 1000 });
    await comment(worker, strategyId, statementId);
    await comment(worker, strategyId, archived);
    await endorse(lived, strategyId, second, secondText.contentHash);
    await db.asUser(facilitator.claims, (tx) => setStatementArchived(tx, strategyId, archived, true));

    const balance = await db.asUser(worker.claims, (tx) => strategyBalance(tx, strategyId));
    expect(balance.map((b) => [b.roleGroup, b.charsAdded, b.textShare, b.edits, b.comments, b.endorsements])).toEqual([
      ["lived_experience", 300, 75, 2, 0, 1],
      ["worker", 100, 25, 1, 1, 0],
      ["partner", 0, 0, 0, 0, 0],
      ["other", 0, 0, 0, 0, 0],
    ]);
  });

  it("shows the writing and discussion measures only to members", async () => {
    const { strategyId, statementId, lived, outsider } = await statementWithPeople(db, { visibility: "public" });
    const { contentHash } = await writeText(db, statementId, "Words.", { user: lived, roleGroup: "lived_experience" });
    await comment(lived, strategyId, statementId);
    await endorse(lived, strategyId, statementId, contentHash);
    for (const reader of [outsider.claims, null]) {
      const balance = await db.asUser(reader, (tx) => strategyBalance(tx, strategyId));
      expect(balance[0]).toEqual({ roleGroup: "lived_experience", charsAdded: 0, textShare: 0, edits: 0, comments: 0, endorsements: 1 });
    }
  });
});

describe("the easy-read summary", () => {
  it("records who wrote it and is marked out of date once the statement's text changes", async () => {
    const { strategyId, statementId, lived, observer } = await statementWithPeople(db);
    await writeText(db, statementId, "I choose who supports me.");
    expect(await db.asUser(lived.claims, (tx) => getEasyReadEdit(tx, statementId))).toBeUndefined();

    expect(await db.asUser(lived.claims, (tx) => updateEasyRead(tx, strategyId, statementId, "You choose your helpers."))).toBe(true);
    let statement = await db.asUser(observer.claims, (tx) => getStatement(tx, strategyId, statementId));
    expect(statement).toMatchObject({ easyRead: "You choose your helpers.", easyReadOutOfDate: false });
    expect(await db.asUser(observer.claims, (tx) => getEasyReadEdit(tx, statementId))).toMatchObject({ updatedByName: "Sam" });

    await writeText(db, statementId, "I choose who supports me, and when.");
    statement = await db.asUser(observer.claims, (tx) => getStatement(tx, strategyId, statementId));
    expect(statement!.easyReadOutOfDate).toBe(true);

    await db.asUser(lived.claims, (tx) => updateEasyRead(tx, strategyId, statementId, "You choose your helpers, and when they come."));
    statement = await db.asUser(observer.claims, (tx) => getStatement(tx, strategyId, statementId));
    expect(statement!.easyReadOutOfDate).toBe(false);
  });

  it("is written only by co-writers", async () => {
    const { strategyId, statementId, observer, outsider } = await statementWithPeople(db);
    expect(await db.asUser(observer.claims, (tx) => updateEasyRead(tx, strategyId, statementId, "Not mine to write."))).toBe(false);
    expect(await db.asUser(outsider.claims, (tx) => updateEasyRead(tx, strategyId, statementId, "Not mine to write."))).toBe(false);
  });
});
