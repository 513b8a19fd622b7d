import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertComment, listThreads, setThreadResolved } from "../../app/models/statement-comments.server";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import type { TestUser } from "../support/factories";
import { addStatement, sqlStateOf, statementWithPeople } from "../support/statement-workflow";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});

const comment = (user: TestUser, strategyId: string, statementId: string, body: string, parentId: string | null = null) =>
  db.asUser(user.claims, (tx) => insertComment(tx, { strategyId, statementId, parentId, authorId: user.id, body }));

describe("the discussion of a statement", () => {
  it("keeps threads newest first, each with its replies oldest first, naming each author's roles and group", async () => {
    const { strategyId, statementId, facilitator, lived, worker } = await statementWithPeople(db);
    const first = await comment(lived, strategyId, statementId, "Can we say 'people who know me' instead?");
    await comment(worker, strategyId, statementId, "Yes, that reads better.", first);
    await comment(facilitator, strategyId, statementId, "Agreed, changing it now.", first);
    const second = await comment(worker, strategyId, statementId, "Should this mention unpaid carers?");

    const threads = await db.asUser(lived.claims, (tx) => listThreads(tx, statementId));
    expect(threads.map((t) => t.id)).toEqual([second, first]);
    expect(threads[1]).toMatchObject({
      authorName: "Sam",
      authorRoles: ["lived_experience"],
      authorRoleGroup: "lived_experience",
      body: "Can we say 'people who know me' instead?",
      resolvedAt: null,
      resolvedByName: null,
    });
    expect(threads[1].replies.map((r) => [r.authorName, r.authorRoles, r.authorRoleGroup, r.body])).toEqual([
      ["Priya Worker", ["worker"], "worker", "Yes, that reads better."],
      ["Fatima Facilitator", ["facilitator"], "other", "Agreed, changing it now."],
    ]);
    expect(threads[0].replies).toEqual([]);
    expect(new Date(threads[1].replies[0].createdAt).getTime()).toBeLessThanOrEqual(new Date(threads[1].replies[1].createdAt).getTime());
  });

  it("takes a reply only to a comment that starts a thread on the same statement", async () => {
    const { strategyId, statementId, facilitator, worker } = await statementWithPeople(db);
    const other = await addStatement(db, facilitator, strategyId, "I have a say in my support");
    const start = await comment(worker, strategyId, statementId, "A first thought.");
    const reply = await comment(worker, strategyId, statementId, "A reply.", start);
    expect(await sqlStateOf(comment(worker, strategyId, statementId, "A reply to a reply.", reply))).toBe("23503");
    expect(await sqlStateOf(comment(worker, strategyId, other, "A reply across statements.", start))).toBe("23503");
  });

  it("resolves and reopens a thread, saying who resolved it; replies cannot be resolved", async () => {
    const { strategyId, statementId, lived, worker } = await statementWithPeople(db);
    const start = await comment(worker, strategyId, statementId, "Is 'support' the right word?");
    const reply = await comment(lived, strategyId, statementId, "I think so.", start);

    expect(await db.asUser(lived.claims, (tx) => setThreadResolved(tx, statementId, start, true))).toBe(true);
    // Already resolved: nothing changes.
    expect(await db.asUser(lived.claims, (tx) => setThreadResolved(tx, statementId, start, true))).toBe(false);
    let [thread] = await db.asUser(worker.claims, (tx) => listThreads(tx, statementId));
    expect(thread.resolvedAt).not.toBeNull();
    expect(thread.resolvedByName).toBe("Sam");

    expect(await db.asUser(worker.claims, (tx) => setThreadResolved(tx, statementId, start, false))).toBe(true);
    [thread] = await db.asUser(worker.claims, (tx) => listThreads(tx, statementId));
    expect(thread).toMatchObject({ resolvedAt: null, resolvedByName: null });

    expect(await db.asUser(worker.claims, (tx) => setThreadResolved(tx, statementId, reply, true))).toBe(false);
  });

  it("lets observers read the discussion but not take part, and hides it from everyone outside the strategy", async () => {
    const { strategyId, statementId, worker, observer, outsider } = await statementWithPeople(db, { visibility: "public" });
    const start = await comment(worker, strategyId, statementId, "Members only.");

    expect((await db.asUser(observer.claims, (tx) => listThreads(tx, statementId))).map((t) => t.id)).toEqual([start]);
    expect(await sqlStateOf(comment(observer, strategyId, statementId, "May I?"))).toBe("42501");
    expect(await sqlStateOf(comment(observer, strategyId, statementId, "May I reply?", start))).toBe("42501");
    expect(await db.asUser(observer.claims, (tx) => setThreadResolved(tx, statementId, start, true))).toBe(false);

    expect(await db.asUser(outsider.claims, (tx) => listThreads(tx, statementId))).toEqual([]);
    expect(await db.asUser(null, (tx) => listThreads(tx, statementId))).toEqual([]);
    expect(await sqlStateOf(comment(outsider, strategyId, statementId, "Hello from outside."))).toBe("42501");
  });

  it("never rewrites a comment, and posts only as oneself", async () => {
    const { strategyId, statementId, lived, worker } = await statementWithPeople(db);
    const start = await comment(worker, strategyId, statementId, "What I said.");
    expect(
      await sqlStateOf(
        db.asUser(worker.claims, (tx) => tx.query("update public.statement_comments set body = 'What I meant' where id = $1", [start])),
      ),
    ).toBe("42501");
    expect(
      await sqlStateOf(
        db.asUser(worker.claims, (tx) =>
          insertComment(tx, { strategyId, statementId, parentId: null, authorId: lived.id, body: "Pretending to be Sam." }),
        ),
      ),
    ).toBe("42501");
  });
});
