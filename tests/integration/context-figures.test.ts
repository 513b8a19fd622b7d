import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContextFigureDetails } from "../../app/models/context-figures.server";
import { getContextFigure } from "../../app/models/context-figures.server";
import { listContextFigures } from "../../app/models/priorities.server";
import {
  addContextFigure,
  moveContextFigure,
  removeContextFigure,
  updateContextFigure,
} from "../../app/services/context-figures.server";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { addMember, createStrategy, createUser, type TestUser } from "../support/factories";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});

const figure = (value: string, sourceUrl: string | null = null): ContextFigureDetails => ({
  figure: value,
  description: `what ${value} shows`,
  source: "Skills for Care estimates",
  sourceUrl,
});

type Row = { id: string; figure: string; position: number };

/** Every figure of a list in order, read as the service role so RLS cannot hide any. */
function figureRows(strategyId: string, priorityId: string | null) {
  return db.asService("test: read figure positions", (tx) =>
    tx.query<Row>(
      `select id, figure, position from public.context_figures
        where strategy_id = $1 and priority_id is not distinct from $2 order by position`,
      [strategyId, priorityId],
    ),
  );
}

/** Audit entries for one figure, oldest first. */
function auditFor(entityId: string) {
  return db.asService("test: read the audit log", (tx) =>
    tx.query<{ entityType: string; action: string; actorId: string | null; details: Record<string, unknown> }>(
      `select entity_type as "entityType", action, actor_id as "actorId", details
         from public.audit_log where entity_id = $1 order by seq`,
      [entityId],
    ),
  );
}

const expectDense = (rows: Row[]) => expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i + 1));

/** A strategy with three figures on its priority and two of its own ("Where are we now"). */
async function strategyWithFigures(facilitator: TestUser) {
  const { strategyId, priorityId } = await createStrategy(db, facilitator);
  return db.asUser(facilitator.claims, async (tx) => ({
    strategyId,
    priorityId,
    priorityFigures: [
      await addContextFigure(tx, { strategyId, priorityId }, figure("7.8%")),
      await addContextFigure(tx, { strategyId, priorityId }, figure("112,000")),
      await addContextFigure(tx, { strategyId, priorityId }, figure("£8.50")),
    ],
    strategyFigures: [
      await addContextFigure(tx, { strategyId, priorityId: null }, figure("1.54m")),
      await addContextFigure(tx, { strategyId, priorityId: null }, figure("£41bn")),
    ],
  }));
}

describe("a facilitator changing a priority's figures", () => {
  it("adds each figure last, with its link, and the audit log records who added it", async () => {
    const facilitator = await createUser(db);
    const { strategyId, priorityId, priorityFigures, strategyFigures } = await strategyWithFigures(facilitator);
    const id = await db.asUser(facilitator.claims, (tx) =>
      addContextFigure(tx, { strategyId, priorityId }, figure("25%", "https://www.skillsforcare.org.uk/")),
    );
    const rows = await figureRows(strategyId, priorityId);
    expect(rows.map((r) => r.id)).toEqual([...priorityFigures, id]);
    expectDense(rows);
    // The strategy's own figures are a separate list, untouched.
    expect((await figureRows(strategyId, null)).map((r) => r.id)).toEqual(strategyFigures);
    const listed = await db.asUser(facilitator.claims, (tx) => listContextFigures(tx, strategyId, priorityId));
    expect(listed.at(-1)).toMatchObject({ figure: "25%", sourceUrl: "https://www.skillsforcare.org.uk/", position: 4 });
    expect(await auditFor(id)).toEqual([
      expect.objectContaining({ entityType: "context_figure", action: "created", actorId: facilitator.id }),
    ]);
  });

  it("edits a figure in its place", async () => {
    const facilitator = await createUser(db);
    const { strategyId, priorityId, priorityFigures } = await strategyWithFigures(facilitator);
    const saved = await db.asUser(facilitator.claims, (tx) =>
      updateContextFigure(tx, strategyId, priorityFigures[1], { ...figure("131,000"), sourceUrl: "http://example.org/report" }),
    );
    expect(saved).toBe(true);
    expect((await figureRows(strategyId, priorityId)).map((r) => r.id)).toEqual(priorityFigures);
    const edited = await db.asUser(facilitator.claims, (tx) => getContextFigure(tx, strategyId, priorityFigures[1]));
    expect(edited).toMatchObject({ figure: "131,000", sourceUrl: "http://example.org/report", position: 2 });
    const last = (await auditFor(priorityFigures[1])).at(-1)!;
    expect(last).toMatchObject({ entityType: "context_figure", action: "updated", actorId: facilitator.id });
    expect(Object.keys(last.details.changes as object).sort()).toEqual(["description", "figure", "source_url"]);
  });

  it("moves a figure by swapping it with its neighbour, and does nothing at either end", async () => {
    const facilitator = await createUser(db);
    const { strategyId, priorityId, priorityFigures } = await strategyWithFigures(facilitator);
    const [a, b, c] = priorityFigures;
    await db.asUser(facilitator.claims, async (tx) => {
      expect(await moveContextFigure(tx, strategyId, c, "up")).toBe("moved");
      expect(await moveContextFigure(tx, strategyId, a, "down")).toBe("moved");
      expect(await moveContextFigure(tx, strategyId, c, "up")).toBe("at_end");
      expect(await moveContextFigure(tx, strategyId, b, "down")).toBe("at_end");
    });
    const rows = await figureRows(strategyId, priorityId);
    expect(rows.map((r) => r.id)).toEqual([c, a, b]);
    expectDense(rows);
    expect(await auditFor(c)).toContainEqual(
      expect.objectContaining({ entityType: "context_figure", action: "reordered", actorId: facilitator.id }),
    );
  });

  it("removes a figure, closing the gap it leaves, and the audit log keeps what it was", async () => {
    const facilitator = await createUser(db);
    const { strategyId, priorityId, priorityFigures } = await strategyWithFigures(facilitator);
    const [a, b, c] = priorityFigures;
    expect(await db.asUser(facilitator.claims, (tx) => removeContextFigure(tx, strategyId, a))).toBe(true);
    const rows = await figureRows(strategyId, priorityId);
    expect(rows.map((r) => r.id)).toEqual([b, c]);
    expectDense(rows);
    const removal = (await auditFor(a)).at(-1)!;
    expect(removal).toMatchObject({ entityType: "context_figure", action: "deleted", actorId: facilitator.id });
    expect(removal.details).toMatchObject({ figure: "7.8%" });
    // A figure added afterwards still goes last, with the next position.
    const added = await db.asUser(facilitator.claims, (tx) => addContextFigure(tx, { strategyId, priorityId }, figure("9%")));
    expect((await figureRows(strategyId, priorityId)).map((r) => [r.id, r.position])).toEqual([
      [b, 1],
      [c, 2],
      [added, 3],
    ]);
  });

  it("reports a figure of another strategy as not found, and changes nothing", async () => {
    const facilitator = await createUser(db);
    const mine = await strategyWithFigures(facilitator);
    const other = await strategyWithFigures(facilitator);
    const before = await figureRows(other.strategyId, other.priorityId);
    await db.asUser(facilitator.claims, async (tx) => {
      expect(await updateContextFigure(tx, mine.strategyId, other.priorityFigures[0], figure("0%"))).toBe(false);
      expect(await moveContextFigure(tx, mine.strategyId, other.priorityFigures[1], "up")).toBe("not_found");
      expect(await removeContextFigure(tx, mine.strategyId, other.priorityFigures[0])).toBe(false);
    });
    expect(await figureRows(other.strategyId, other.priorityId)).toEqual(before);
  });

  it("cannot put a figure on another strategy's priority", async () => {
    const facilitator = await createUser(db);
    const mine = await createStrategy(db, facilitator);
    const other = await createStrategy(db, facilitator);
    await expect(
      db.asUser(facilitator.claims, (tx) =>
        addContextFigure(tx, { strategyId: mine.strategyId, priorityId: other.priorityId }, figure("1%")),
      ),
    ).rejects.toMatchObject({ code: "23503" });
    expect(await figureRows(other.strategyId, other.priorityId)).toEqual([]);
  });
});

describe("a facilitator changing the strategy's own figures (Where are we now)", () => {
  it("adds, edits, moves and removes them without touching the priority's figures", async () => {
    const facilitator = await createUser(db);
    const { strategyId, priorityId, priorityFigures, strategyFigures } = await strategyWithFigures(facilitator);
    const [first, second] = strategyFigures;
    const third = await db.asUser(facilitator.claims, async (tx) => {
      const id = await addContextFigure(tx, { strategyId, priorityId: null }, figure("18,000"));
      expect(await updateContextFigure(tx, strategyId, second, figure("£42bn"))).toBe(true);
      expect(await moveContextFigure(tx, strategyId, id, "up")).toBe("moved");
      expect(await removeContextFigure(tx, strategyId, first)).toBe(true);
      return id;
    });
    const rows = await figureRows(strategyId, null);
    expect(rows.map((r) => [r.id, r.figure])).toEqual([
      [third, "18,000"],
      [second, "£42bn"],
    ]);
    expectDense(rows);
    expect((await figureRows(strategyId, priorityId)).map((r) => r.id)).toEqual(priorityFigures);
    // Moved up once, then up again as the removed figure's gap closed: each is in the history.
    expect((await auditFor(third)).map((a) => [a.action, a.actorId])).toEqual([
      ["created", facilitator.id],
      ["reordered", facilitator.id],
      ["reordered", facilitator.id],
    ]);
    expect((await auditFor(first)).map((a) => a.action)).toEqual(["created", "deleted"]);
  });
});

describe("a member who is not a facilitator", () => {
  async function setUp() {
    const facilitator = await createUser(db);
    const worker = await createUser(db);
    const strategy = await strategyWithFigures(facilitator);
    await addMember(db, facilitator, strategy.strategyId, worker, [{ role: "worker" }, { role: "lived_experience" }]);
    return { worker, ...strategy };
  }

  it("is refused by Row Level Security when adding a figure, to a priority or to the strategy", async () => {
    const { worker, strategyId, priorityId } = await setUp();
    for (const list of [{ strategyId, priorityId }, { strategyId, priorityId: null }]) {
      await expect(db.asUser(worker.claims, (tx) => addContextFigure(tx, list, figure("99%")))).rejects.toMatchObject({
        code: "42501",
      });
    }
    expect(await figureRows(strategyId, priorityId)).toHaveLength(3);
    expect(await figureRows(strategyId, null)).toHaveLength(2);
  });

  it("can read the figures but cannot edit, move or remove one: the database changes no row", async () => {
    const { worker, strategyId, priorityId, priorityFigures, strategyFigures } = await setUp();
    const before = { priority: await figureRows(strategyId, priorityId), strategy: await figureRows(strategyId, null) };
    await db.asUser(worker.claims, async (tx) => {
      expect(await listContextFigures(tx, strategyId, priorityId)).toHaveLength(3);
      expect(await updateContextFigure(tx, strategyId, priorityFigures[0], figure("0%"))).toBe(false);
      expect(await moveContextFigure(tx, strategyId, priorityFigures[1], "up")).toBe("not_found");
      expect(await removeContextFigure(tx, strategyId, priorityFigures[0])).toBe(false);
      expect(await removeContextFigure(tx, strategyId, strategyFigures[1])).toBe(false);
    });
    expect(await figureRows(strategyId, priorityId)).toEqual(before.priority);
    expect(await figureRows(strategyId, null)).toEqual(before.strategy);
    for (const id of [...priorityFigures, ...strategyFigures]) {
      expect((await auditFor(id)).map((a) => a.action)).toEqual(["created"]);
    }
  });
});
