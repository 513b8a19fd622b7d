import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/platform/db.server";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { statementWithPeople, writeText } from "../support/statement-workflow";
import {
  capturingConsoleErrors,
  connect,
  settled,
  startCollab,
  storedStatement,
  typeText,
  waitFor,
} from "../support/collab";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});

/**
 * The real database, except that the first `times` service-role transactions for `reason` fail
 * as a lost connection would: only the failure is injected.
 */
function failingFirst(database: Database, reason: string, times: number) {
  const state = { failures: 0 };
  const wrapped: Database = {
    ...database,
    asService(why, fn) {
      if (why === reason && state.failures < times) {
        state.failures += 1;
        return Promise.reject(new Error("Connection terminated unexpectedly (injected by the test)"));
      }
      return database.asService(why, fn);
    },
  };
  return { db: wrapped, state };
}

describe("persistence", () => {
  it("keeps the text across a restart: a new server over the same database serves what the old one stored", async () => {
    const people = await statementWithPeople(db);
    const before = await startCollab(db);
    const writer = connect(before, people.statementId, await before.service.issueToken(people.worker, people.statementId));
    await settled(writer);
    typeText(writer.doc, "Kept after a restart");
    await settled(writer);
    writer.destroy();
    await before.stop();

    const after = await startCollab(db);
    const reader = connect(after, people.statementId, await after.service.issueToken(people.lived, people.statementId));
    try {
      await waitFor(() => reader.text() === "Kept after a restart", "the new server to serve the stored text");
      expect((await storedStatement(db, people.statementId)).bodyText).toBe("Kept after a restart");
    } finally {
      reader.destroy();
      await after.stop();
    }
  });

  it("stores pending changes when it closes, before close() returns", async () => {
    const people = await statementWithPeople(db);
    // Nothing would be stored for a minute on its own.
    const running = await startCollab(db, { debounceMs: 60_000, maxDebounceMs: 120_000 });
    const writer = connect(running, people.statementId, await running.service.issueToken(people.worker, people.statementId));
    try {
      await settled(writer);
      typeText(writer.doc, "Typed just before shutdown");
      await settled(writer);
      expect((await storedStatement(db, people.statementId)).bodyText).toBe("");
      await running.stop();
      expect((await storedStatement(db, people.statementId)).bodyText).toBe("Typed just before shutdown");
      await waitFor(() => writer.closes.some((c) => c.reason === "server-shutting-down"), "the client to be told why");
    } finally {
      writer.destroy();
    }
  });

  it("retries a failed store, keeping the document in memory after everyone has left, until it is stored", async () => {
    const people = await statementWithPeople(db);
    const flaky = failingFirst(db, "collaboration persistence", 3);
    const running = await startCollab(flaky.db);
    const writer = connect(running, people.statementId, await running.service.issueToken(people.lived, people.statementId));
    const { errors } = await capturingConsoleErrors(async () => {
      await settled(writer);
      typeText(writer.doc, "Stored at the fourth try");
      await settled(writer);
      writer.destroy();
      await waitFor(async () => (await storedStatement(db, people.statementId)).bodyText === "Stored at the fourth try", "the store to succeed");
      await running.stop();
    });
    expect(flaky.state.failures).toBe(3);
    expect(errors).toHaveLength(3);
    expect(errors.every((e) => e.includes("could not store") && e.includes("injected"))).toBe(true);
    // The writing is counted once, however many attempts the store took.
    const contribution = await db.asService("test: read contributions", (tx) =>
      tx.one<{ chars_added: number; edits: number }>(
        "select chars_added, edits from public.statement_contributions where statement_id = $1 and user_id = $2",
        [people.statementId, people.lived.id],
      ),
    );
    expect(contribution?.chars_added).toBe("Stored at the fourth try".length);
  });

  it("never stores over the text when loading it failed", async () => {
    const people = await statementWithPeople(db);
    await writeText(db, people.statementId, "Precious words");
    const storedBefore = await storedStatement(db, people.statementId);
    const broken = failingFirst(db, "collaboration: load a statement's document", Number.POSITIVE_INFINITY);
    const running = await startCollab(broken.db);
    const writer = connect(running, people.statementId, await running.service.issueToken(people.worker, people.statementId), {
      reconnect: false,
    });
    const { errors } = await capturingConsoleErrors(async () => {
      typeText(writer.doc, "Typed into a document that never loaded");
      await waitFor(() => writer.refusals.length > 0, "the connection to be refused");
      await running.service.flush();
      await running.stop();
    });
    writer.destroy();
    expect(writer.refusals).toEqual(["unavailable"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("could not load");
    expect(await storedStatement(db, people.statementId)).toEqual(storedBefore);

    const healthy = await startCollab(db);
    const reader = connect(healthy, people.statementId, await healthy.service.issueToken(people.lived, people.statementId));
    try {
      await waitFor(() => reader.text() === "Precious words", "the text to load once the database answers");
    } finally {
      reader.destroy();
      await healthy.stop();
    }
  });
});
