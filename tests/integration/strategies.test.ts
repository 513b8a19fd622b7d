import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../app/services/demo-seed.server";
import { DEMO_STRATEGY_ID, demoPriorities } from "../../app/services/demo/content";
import { startStrategy } from "../../app/services/strategies.server";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { createStrategy, createUser } from "../support/factories";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await seedDemo(db, { withAccounts: false });
});
afterAll(async () => {
  await db.dispose();
});

const details = {
  title: "Anytown workforce strategy",
  summary: "",
  scope: "local" as const,
  area: "Anytown",
  adoptsStrategyId: DEMO_STRATEGY_ID,
  visibility: "private" as const,
};

describe("starting a strategy", () => {
  it("from the demo copies its priorities, figures and commitments, with commitments back to draft", async () => {
    const person = await createUser(db);
    const id = await db.asUser(person.claims, (tx) => startStrategy(tx, person.id, details, DEMO_STRATEGY_ID));
    const counts = await db.asUser(person.claims, (tx) =>
      tx.one<{ priorities: number; figures: number; commitments: number; statuses: string[]; roles: string[] }>(
        `select (select count(*)::int from public.priorities where strategy_id = $1) as priorities,
                (select count(*)::int from public.context_figures where strategy_id = $1 and priority_id is not null) as figures,
                (select count(*)::int from public.commitments where strategy_id = $1) as commitments,
                (select array_agg(distinct status) from public.commitments where strategy_id = $1) as statuses,
                (select array_agg(role) from public.member_roles where strategy_id = $1 and user_id = $2) as roles`,
        [id, person.id],
      ),
    );
    expect(counts).toEqual({
      priorities: demoPriorities.length,
      figures: demoPriorities.reduce((n, p) => n + p.figures.length, 0),
      commitments: demoPriorities.reduce((n, p) => n + p.commitments.length, 0),
      statuses: ["draft"],
      roles: ["facilitator"],
    });
    const titles = await db.asUser(person.claims, (tx) =>
      tx.query<{ title: string }>("select title from public.priorities where strategy_id = $1 order by position", [id]),
    );
    expect(titles.map((t) => t.title)).toEqual(demoPriorities.map((p) => p.title));
  });

  it("cannot copy a private strategy the person cannot read: nothing is copied", async () => {
    const owner = await createUser(db);
    const outsider = await createUser(db);
    const { strategyId: privateId } = await createStrategy(db, owner, { visibility: "private" });
    const id = await db.asUser(outsider.claims, (tx) =>
      startStrategy(tx, outsider.id, { ...details, adoptsStrategyId: null, scope: "national", area: null }, privateId),
    );
    const copied = await db.asUser(outsider.claims, (tx) =>
      tx.one<{ n: number }>("select count(*)::int as n from public.priorities where strategy_id = $1", [id]),
    );
    expect(copied?.n).toBe(0);
  });

  it("is recorded in the audit log with its creator as the actor", async () => {
    const person = await createUser(db);
    const id = await db.asUser(person.claims, (tx) =>
      startStrategy(tx, person.id, { ...details, adoptsStrategyId: null }, null),
    );
    const rows = await db.asUser(person.claims, (tx) =>
      tx.query<{ entity_type: string; action: string; actor_id: string }>(
        "select entity_type, action, actor_id from public.audit_log where strategy_id = $1 order by seq",
        [id],
      ),
    );
    expect(rows).toEqual([
      { entity_type: "strategy", action: "created", actor_id: person.id },
      { entity_type: "member", action: "created", actor_id: person.id },
      { entity_type: "member_role", action: "created", actor_id: person.id },
    ]);
  });
});
