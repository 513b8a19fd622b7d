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

describe("a transaction", () => {
  it("acts as exactly the claims it was given, however they are spelled, and leaves the next one as its own", async () => {
    const claims = {
      sub: "00000000-0000-4000-8000-000000000001",
      role: "authenticated" as const,
      email: String.raw`o'neil\\"; set local role postgres; --@example.org`,
    };
    const seen = await db.asUser(claims, (tx) =>
      tx.one<{ role: string; claims: string; uid: string }>(
        "select current_user as role, current_setting('request.jwt.claims') as claims, auth.uid()::text as uid",
      ),
    );
    expect(seen).toEqual({ role: "authenticated", claims: JSON.stringify(claims), uid: claims.sub });
    const visitor = await db.asUser(null, (tx) =>
      tx.one<{ role: string; uid: string | null }>("select current_user as role, auth.uid()::text as uid"),
    );
    expect(visitor).toEqual({ role: "anon", uid: null });
    const service = await db.asService("test: the service role's own transaction", (tx) =>
      tx.one<{ role: string; claims: string }>("select current_user as role, current_setting('request.jwt.claims') as claims"),
    );
    expect(service).toEqual({ role: "service_role", claims: JSON.stringify({ role: "service_role" }) });
  });
});
