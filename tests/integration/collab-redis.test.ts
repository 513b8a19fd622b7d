import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { statementWithPeople } from "../support/statement-workflow";
import { startRedis, type RunningRedis } from "../support/redis";
import { connect, settled, startCollab, storedStatement, typeText, waitFor, type RunningCollab } from "../support/collab";

let db: TestDatabase;
let redis: RunningRedis;
let first: RunningCollab;
let second: RunningCollab;

beforeAll(async () => {
  db = await openTestDatabase();
  redis = await startRedis();
  first = await startCollab(db, { redisUrl: redis.url, name: "first" });
  second = await startCollab(db, { redisUrl: redis.url, name: "second" });
});
afterAll(async () => {
  await first?.stop();
  await second?.stop();
  await redis?.stop();
  await db?.dispose();
});

describe("several instances sharing a Redis", () => {
  it("serve one document: a person on each instance sees the other's typing, and the stored text has both", async () => {
    const people = await statementWithPeople(db);
    const a = connect(first, people.statementId, await first.service.issueToken(people.lived, people.statementId));
    // Instances share the token secret, so a token from one opens a connection on the other.
    const b = connect(second, people.statementId, await first.service.issueToken(people.worker, people.statementId));
    try {
      await settled(a);
      await settled(b);
      typeText(a.doc, "Typed on the first instance. ");
      await waitFor(() => b.text().includes("first instance"), "the second instance's client to see the first's typing");
      typeText(b.doc, "Typed on the second.");
      await waitFor(() => a.text().includes("second") && a.text() === b.text(), "both clients to converge");
      expect(a.text()).toBe(b.text());

      await first.service.flush(people.statementId);
      await second.service.flush(people.statementId);
      const stored = await storedStatement(db, people.statementId);
      expect(stored.bodyText).toBe(a.text());
    } finally {
      a.destroy();
      b.destroy();
    }
  });
});
