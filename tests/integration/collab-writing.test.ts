import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { paragraphs, statementWithPeople } from "../support/statement-workflow";
import { connect, deleteText, settled, startCollab, storedStatement, typeText, waitFor, type RunningCollab } from "../support/collab";

let db: TestDatabase;
let running: RunningCollab;
beforeAll(async () => {
  db = await openTestDatabase();
  running = await startCollab(db);
});
afterAll(async () => {
  await running.stop();
  await db.dispose();
});

type ContributionRow = { userId: string; roleGroup: string; charsAdded: number; charsRemoved: number; edits: number };

const contributions = (statementId: string) =>
  db.asService("test: read contributions", (tx) =>
    tx.query<ContributionRow>(
      `select user_id as "userId", role_group as "roleGroup", chars_added as "charsAdded", chars_removed as "charsRemoved", edits
         from public.statement_contributions where statement_id = $1 order by role_group`,
      [statementId],
    ),
  );

const statementEvents = (statementId: string) =>
  db.asService("test: read the audit log", (tx) =>
    tx.query<{ actorId: string; action: string; details: Record<string, number> }>(
      `select actor_id as "actorId", action, details from public.audit_log
        where entity_type = 'statement' and entity_id = $1 and action in ('edited', 'restored') order by seq`,
      [statementId],
    ),
  );

describe("who wrote what", () => {
  it("counts each person's characters for their role group, from what they really typed, and audits each store", async () => {
    const people = await statementWithPeople(db);
    const lived = connect(running, people.statementId, await running.service.issueToken(people.lived, people.statementId));
    const worker = connect(running, people.statementId, await running.service.issueToken(people.worker, people.statementId));
    try {
      await settled(lived);
      await settled(worker);
      typeText(lived.doc, "0123456789");
      await waitFor(() => worker.text() === "0123456789", "the worker to see the text");
      typeText(worker.doc, "abcde");
      await settled(worker);
      await running.service.flush(people.statementId);

      expect(await contributions(people.statementId)).toEqual([
        { userId: people.lived.id, roleGroup: "lived_experience", charsAdded: 10, charsRemoved: 0, edits: 1 },
        { userId: people.worker.id, roleGroup: "worker", charsAdded: 5, charsRemoved: 0, edits: 1 },
      ]);
      const stored = await storedStatement(db, people.statementId);
      const events = await statementEvents(people.statementId);
      expect(events.map((e) => [e.actorId, e.action]).sort()).toEqual(
        [
          [people.lived.id, "edited"],
          [people.worker.id, "edited"],
        ].sort(),
      );
      expect(events.find((e) => e.actorId === people.lived.id)?.details).toMatchObject({ chars_added: 10, chars_removed: 0 });
      expect(events.every((e) => e.details.content_version <= stored.contentVersion)).toBe(true);

      deleteText(worker.doc, 3);
      await waitFor(() => lived.text() === "0123456789ab", "the deletion to reach the other person");
      await running.service.flush(people.statementId);
      expect((await contributions(people.statementId)).find((c) => c.roleGroup === "worker")).toMatchObject({
        charsAdded: 5,
        charsRemoved: 3,
        edits: 2,
      });
      const latest = (await statementEvents(people.statementId)).at(-1)!;
      expect(latest).toMatchObject({ actorId: people.worker.id, action: "edited", details: { chars_added: 0, chars_removed: 3 } });
    } finally {
      lived.destroy();
      worker.destroy();
    }
  });
});

describe("restoring a version", () => {
  it("changes the live text for everyone connected, stores it, and audits it as a restore that is nobody's writing", async () => {
    const people = await statementWithPeople(db);
    const worker = connect(running, people.statementId, await running.service.issueToken(people.worker, people.statementId));
    try {
      await settled(worker);
      typeText(worker.doc, "A later draft");
      await settled(worker);
      await running.service.flush(people.statementId);

      await running.service.replaceBody(people.statementId, paragraphs("The version we agreed"), { userId: people.facilitator.id });

      await waitFor(() => worker.text() === "The version we agreed", "the connected person to see the restored text");
      expect((await storedStatement(db, people.statementId)).bodyText).toBe("The version we agreed");
      const events = await statementEvents(people.statementId);
      expect(events.at(-1)).toMatchObject({ actorId: people.facilitator.id, action: "restored" });
      expect((await contributions(people.statementId)).map((c) => c.userId)).toEqual([people.worker.id]);
    } finally {
      worker.destroy();
    }
  });

  it("restores a statement no one has open", async () => {
    const people = await statementWithPeople(db);
    await running.service.replaceBody(people.statementId, paragraphs("Restored while closed"), { userId: people.facilitator.id });
    expect((await storedStatement(db, people.statementId)).bodyText).toBe("Restored while closed");
  });
});

describe("checking access again", () => {
  it("reconnects the people editing a statement that can no longer be edited, read-only", async () => {
    const people = await statementWithPeople(db);
    const writer = connect(running, people.statementId, () => running.service.issueToken(people.worker, people.statementId));
    try {
      await waitFor(() => writer.authenticated, "the writer to connect");
      expect(writer.readOnly).toBe(false);
      await db.asUser(people.facilitator.claims, (tx) =>
        tx.query("update public.statements set archived_at = now() where id = $1", [people.statementId]),
      );
      writer.authenticated = false;
      await running.service.reauthorise(people.statementId);
      await waitFor(() => writer.closes.some((c) => c.reason === "reconnect") && writer.authenticated, "the writer to be reconnected");
      expect(writer.readOnly).toBe(true);
    } finally {
      writer.destroy();
    }
  });
});
