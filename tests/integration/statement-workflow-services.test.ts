import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollabService, type CollabServer } from "../../app/collab/server.server";
import { listVersions } from "../../app/models/statement-versions.server";
import { listEndorsements } from "../../app/models/statement-endorsements.server";
import { changeStatementStatus, endorseStatement } from "../../app/services/statement-agreement.server";
import { restoreStatementVersion, saveStatementVersion } from "../../app/services/statement-versions.server";
import type { Tx } from "../../app/platform/db.server";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import type { TestUser } from "../support/factories";
import { statementContent, statementWithPeople, writeText } from "../support/statement-workflow";

/**
 * The services the statement pages call, with a real collaboration service holding the live text
 * (as server/index.ts creates it, without the network: these services use it only from the server side).
 */
let db: TestDatabase;
let collab: CollabServer;
beforeAll(async () => {
  db = await openTestDatabase();
  collab = createCollabService({
    db,
    appOrigin: "http://hub.test",
    secret: randomBytes(32),
    maxConnectionsPerDocument: 10,
    maxDocumentBytes: 1024 * 1024,
    debounceMs: 50,
    maxDebounceMs: 500,
  });
});
afterAll(async () => {
  await collab.close();
  await db.dispose();
});

const as = (user: TestUser) => <T>(fn: (tx: Tx) => Promise<T>) => db.asUser(user.claims, fn);

const auditActions = (statementId: string) =>
  db.asService("test: read the audit log", (tx) =>
    tx.query<{ entityType: string; action: string; actorId: string | null }>(
      `select entity_type as "entityType", action, actor_id as "actorId" from public.audit_log where entity_id = $1 order by seq`,
      [statementId],
    ),
  );

describe("restoring a version", () => {
  it("applies the old text as a new change, keeps the replaced text as a version, and saves the restore as the next version", async () => {
    const { statementId, lived } = await statementWithPeople(db);
    await writeText(db, statementId, "I choose who supports me.");
    const first = await saveStatementVersion(as(lived), collab, statementId, "First draft");
    await writeText(db, statementId, "Words we later regretted.");

    const restored = await restoreStatementVersion(as(lived), collab, { statementId, versionId: first, userId: lived.id });

    const versions = await as(lived)((tx) => listVersions(tx, statementId));
    expect(versions.map((v) => [v.number, v.name, v.restoredFromNumber])).toEqual([
      [3, "Restored from version 1", 1],
      [2, "Text before restoring version 1", null],
      [1, "First draft", null],
    ]);
    expect(versions[0].id).toBe(restored);
    const content = await statementContent(db, statementId);
    expect(content).toMatchObject({ bodyText: "I choose who supports me.", contentHash: versions[2].contentHash });
    expect(versions[1].contentHash).not.toBe(versions[2].contentHash);
    expect(await auditActions(statementId)).toContainEqual({ entityType: "statement", action: "restored", actorId: lived.id });
  });

  it("does not save the replaced text again when it already is a version, and finds no version of another statement", async () => {
    const { statementId, facilitator, worker } = await statementWithPeople(db);
    await writeText(db, statementId, "Version one.");
    const first = await saveStatementVersion(as(worker), collab, statementId, "One");
    await writeText(db, statementId, "Version two.");
    await saveStatementVersion(as(worker), collab, statementId, "Two");
    await restoreStatementVersion(as(worker), collab, { statementId, versionId: first, userId: worker.id });
    const versions = await as(worker)((tx) => listVersions(tx, statementId));
    expect(versions.map((v) => v.name)).toEqual(["Restored from version 1", "Two", "One"]);

    const other = await statementWithPeople(db);
    expect(
      await restoreStatementVersion(as(facilitator), collab, { statementId: other.statementId, versionId: first, userId: facilitator.id }),
    ).toBeNull();
  });
});

describe("endorsing and agreeing through the services", () => {
  it("answers 'changed' when the text moved on since the person read it, and endorses the text they did read", async () => {
    const { strategyId, statementId, lived } = await statementWithPeople(db);
    const read = await writeText(db, statementId, "What Sam read first.");
    const current = await writeText(db, statementId, "What is there now.");
    const row = { strategyId, statementId, userId: lived.id };
    expect(await endorseStatement(as(lived), collab, { ...row, contentHash: read.contentHash })).toBe("changed");
    expect(await endorseStatement(as(lived), collab, { ...row, contentHash: current.contentHash })).toBe("endorsed");
    const endorsements = await as(lived)((tx) => listEndorsements(tx, statementId));
    expect(endorsements.map((e) => [e.name, e.current])).toEqual([["Sam", true]]);
  });

  it("answers with the blocker the database names, or that the move is not possible now", async () => {
    const { statementId, facilitator, worker } = await statementWithPeople(db);
    expect(await changeStatementStatus(as(facilitator), collab, { statementId, from: "draft", to: "agreed" })).toEqual({
      outcome: "not_allowed_now",
    });
    expect(await changeStatementStatus(as(worker), collab, { statementId, from: "draft", to: "in_review" })).toEqual({
      outcome: "changed",
    });
    expect(await changeStatementStatus(as(facilitator), collab, { statementId, from: "in_review", to: "agreed" })).toEqual({
      outcome: "blocked",
      blocker: "empty",
    });
    await writeText(db, statementId, "We will listen.");
    expect(await changeStatementStatus(as(facilitator), collab, { statementId, from: "in_review", to: "agreed" })).toEqual({
      outcome: "changed",
    });
    expect((await statementContent(db, statementId))!.status).toBe("agreed");
  });
});
