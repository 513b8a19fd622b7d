import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { createStrategy, createUser } from "../support/factories";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});

describe("a strategy's creator", () => {
  it("becomes its facilitator, and a stranger cannot see a private strategy", async () => {
    const owner = await createUser(db);
    const stranger = await createUser(db);
    const { strategyId } = await createStrategy(db, owner);
    const roles = await db.asUser(owner.claims, (tx) =>
      tx.query<{ role: string }>("select role from public.member_roles where strategy_id = $1", [strategyId]),
    );
    expect(roles.map((r) => r.role)).toEqual(["facilitator"]);
    const seen = await db.asUser(stranger.claims, (tx) => tx.query("select id from public.strategies where id = $1", [strategyId]));
    expect(seen).toEqual([]);
  });
});
