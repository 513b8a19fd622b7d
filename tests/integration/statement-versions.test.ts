import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getVersion, listVersions, saveVersion, versionNumbersByHash } from "../../app/models/statement-versions.server";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { addStatement, paragraphs, sqlStateOf, statementContent, statementWithPeople, writeText } from "../support/statement-workflow";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});

describe("named versions of a statement", () => {
  it("numbers versions 1, 2, 3 per statement, each holding the text as it was when saved", async () => {
    const { strategyId, statementId, facilitator, worker } = await statementWithPeople(db);
    const other = await addStatement(db, facilitator, strategyId, "I am listened to");

    await writeText(db, statementId, "I choose who supports me.");
    const first = await db.asUser(worker.claims, (tx) => saveVersion(tx, statementId, "  First draft  "));
    await writeText(db, statementId, "I choose who supports me, and when.");
    const saved = await statementContent(db, statementId);
    const second = await db.asUser(facilitator.claims, (tx) => saveVersion(tx, statementId, "After the workshop"));
    const otherFirst = await db.asUser(worker.claims, (tx) => saveVersion(tx, other, "Empty so far"));
    await writeText(db, statementId, "Something newer that no version holds.");

    const versions = await db.asUser(worker.claims, (tx) => listVersions(tx, statementId));
    expect(versions.map((v) => [v.number, v.name, v.authorName])).toEqual([
      [2, "After the workshop", "Fatima Facilitator"],
      [1, "First draft", "Priya Worker"],
    ]);
    expect(versions.map((v) => v.id)).toEqual([second, first]);
    const otherVersions = await db.asUser(worker.claims, (tx) => listVersions(tx, other));
    expect(otherVersions.map((v) => [v.id, v.number])).toEqual([[otherFirst, 1]]);

    const secondVersion = await db.asUser(worker.claims, (tx) => getVersion(tx, statementId, second));
    expect(secondVersion).toMatchObject({
      number: 2,
      bodyJson: saved!.bodyJson,
      bodyText: "I choose who supports me, and when.",
      contentHash: saved!.contentHash,
      restoredFromId: null,
    });
    expect(secondVersion!.bodyJson).toEqual(paragraphs("I choose who supports me, and when."));
    expect((await db.asUser(worker.claims, (tx) => getVersion(tx, statementId, first)))!.bodyText).toBe("I choose who supports me.");
    expect(await db.asUser(worker.claims, (tx) => versionNumbersByHash(tx, statementId))).toEqual({
      [secondVersion!.contentHash]: 2,
      [versions[1].contentHash]: 1,
    });
    // A version of another statement is not found through this one.
    expect(await db.asUser(worker.claims, (tx) => getVersion(tx, statementId, otherFirst))).toBeUndefined();
  });

  it("refuses a version from an observer and from someone outside the strategy", async () => {
    const { statementId, observer, outsider } = await statementWithPeople(db);
    expect(await sqlStateOf(db.asUser(observer.claims, (tx) => saveVersion(tx, statementId, "Mine")))).toBe("42501");
    expect(await sqlStateOf(db.asUser(outsider.claims, (tx) => saveVersion(tx, statementId, "Mine")))).toBe("42501");
    expect(await db.asUser(observer.claims, (tx) => listVersions(tx, statementId))).toEqual([]);
  });

  it("refuses a version without a name", async () => {
    const { statementId, worker } = await statementWithPeople(db);
    expect(await sqlStateOf(db.asUser(worker.claims, (tx) => saveVersion(tx, statementId, "   ")))).toBe("23514");
  });

  it("shows a public strategy's versions to visitors, without the authors' names", async () => {
    const { statementId, worker } = await statementWithPeople(db, { visibility: "public" });
    await writeText(db, statementId, "I choose who supports me.");
    await db.asUser(worker.claims, (tx) => saveVersion(tx, statementId, "First draft"));
    const seen = await db.asUser(null, (tx) => listVersions(tx, statementId));
    expect(seen.map((v) => [v.number, v.name, v.authorName])).toEqual([[1, "First draft", "Someone"]]);
  });

  it("restores as a new version pointing at the old one, keeping every version, and only from the same statement", async () => {
    const { strategyId, statementId, facilitator, lived } = await statementWithPeople(db);
    await writeText(db, statementId, "The words we started with.");
    const first = await db.asUser(lived.claims, (tx) => saveVersion(tx, statementId, "Start"));
    await writeText(db, statementId, "Words we later regretted.");
    await db.asUser(lived.claims, (tx) => saveVersion(tx, statementId, "Regret"));

    // The collaboration server applies the old text to the live document and stores it; then the version is saved.
    const old = await db.asUser(lived.claims, (tx) => getVersion(tx, statementId, first));
    await writeText(db, statementId, old!.bodyText);
    const restored = await db.asUser(lived.claims, (tx) => saveVersion(tx, statementId, "Restored from version 1", first));

    const versions = await db.asUser(lived.claims, (tx) => listVersions(tx, statementId));
    expect(versions.map((v) => [v.number, v.name, v.restoredFromNumber])).toEqual([
      [3, "Restored from version 1", 1],
      [2, "Regret", null],
      [1, "Start", null],
    ]);
    expect(versions[0]).toMatchObject({ id: restored, restoredFromId: first, contentHash: old!.contentHash });

    const elsewhere = await addStatement(db, facilitator, strategyId, "Another statement");
    expect(
      await sqlStateOf(db.asUser(lived.claims, (tx) => saveVersion(tx, elsewhere, "Restored from version 1", first))),
    ).toBe("23503");
  });

  it("never lets anyone change or remove a version", async () => {
    const { statementId, facilitator } = await statementWithPeople(db);
    const id = await db.asUser(facilitator.claims, (tx) => saveVersion(tx, statementId, "Kept"));
    expect(
      await sqlStateOf(db.asUser(facilitator.claims, (tx) => tx.query("update public.statement_versions set name = 'Changed' where id = $1", [id]))),
    ).toBe("42501");
    expect(
      await sqlStateOf(db.asUser(facilitator.claims, (tx) => tx.query("delete from public.statement_versions where id = $1", [id]))),
    ).toBe("42501");
    expect(
      await sqlStateOf(db.asService("test: even the service role", (tx) => tx.query("delete from public.statement_versions where id = $1", [id]))),
    ).toBe("42501");
  });
});
