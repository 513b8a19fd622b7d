import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/platform/db.server";
import {
  addCommitment,
  addPriority,
  archiveCommitment,
  archivePriority,
  moveCommitment,
  movePriority,
  restoreCommitment,
  restorePriority,
  updateCommitment,
  updatePriority,
} from "../../app/services/structure.server";
import { getCommitment } from "../../app/models/commitments.server";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { addMember, createOrganisation, createStrategy, createUser, type TestUser } from "../support/factories";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});

const details = (title: string) => ({ title, summary: `Why ${title} matters`, context: `Where ${title} stands` });
const commitment = (text: string) => ({
  text,
  responsibleParties: ["employers" as const],
  leadOrganisationId: null,
  dueDate: null,
  status: "draft" as const,
});

type Row = { id: string; position: number; archived: boolean };

/** Every priority of a strategy, archived ones included, in order (read as the service role). */
function priorityRows(database: Database, strategyId: string) {
  return database.asService("test: read positions", (tx) =>
    tx.query<Row>(
      `select id, position, archived_at is not null as archived from public.priorities where strategy_id = $1 order by position`,
      [strategyId],
    ),
  );
}

/** Every commitment of a priority, archived ones included, in order. */
function commitmentRows(database: Database, priorityId: string) {
  return database.asService("test: read positions", (tx) =>
    tx.query<Row>(
      `select id, position, archived_at is not null as archived from public.commitments where priority_id = $1 order by position`,
      [priorityId],
    ),
  );
}

/** Audit entries for one item, oldest first. */
function auditFor(database: Database, entityId: string) {
  return database.asService("test: read the audit log", (tx) =>
    tx.query<{ entityType: string; action: string; actorId: string | null; details: Record<string, unknown> }>(
      `select entity_type as "entityType", action, actor_id as "actorId", details
         from public.audit_log where entity_id = $1 order by seq`,
      [entityId],
    ),
  );
}

const expectDense = (rows: Row[]) => expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i + 1));

/** A strategy whose facilitator has added three more priorities after the factory's first. */
async function strategyWithFourPriorities(facilitator: TestUser) {
  const { strategyId, priorityId, commitmentId } = await createStrategy(db, facilitator);
  const added = await db.asUser(facilitator.claims, async (tx) => [
    await addPriority(tx, facilitator.id, strategyId, details("Second")),
    await addPriority(tx, facilitator.id, strategyId, details("Third")),
    await addPriority(tx, facilitator.id, strategyId, details("Fourth")),
  ]);
  return { strategyId, commitmentId, priorities: [priorityId, ...added] };
}

describe("a facilitator changing priorities", () => {
  it("adds each new priority last, and the audit log records who added it", async () => {
    const facilitator = await createUser(db);
    const { strategyId, priorities } = await strategyWithFourPriorities(facilitator);
    const rows = await priorityRows(db, strategyId);
    expect(rows.map((r) => r.id)).toEqual(priorities);
    expectDense(rows);
    expect(await auditFor(db, priorities[3])).toEqual([
      expect.objectContaining({ entityType: "priority", action: "created", actorId: facilitator.id }),
    ]);
  });

  it("edits a priority's words", async () => {
    const facilitator = await createUser(db);
    const { strategyId, priorities } = await strategyWithFourPriorities(facilitator);
    const saved = await db.asUser(facilitator.claims, (tx) =>
      updatePriority(tx, strategyId, priorities[1], { title: "Better pay", summary: "", context: "Pay is low." }),
    );
    expect(saved).toBe(true);
    const audit = await auditFor(db, priorities[1]);
    expect(audit.at(-1)).toMatchObject({ entityType: "priority", action: "updated", actorId: facilitator.id });
    expect(audit.at(-1)!.details).toMatchObject({ changes: { title: { from: "Second", to: "Better pay" } } });
  });

  it("moves a priority by swapping it with its neighbour, keeping positions dense and unique", async () => {
    const facilitator = await createUser(db);
    const { strategyId, priorities } = await strategyWithFourPriorities(facilitator);
    const [first, second, third, fourth] = priorities;

    expect(await db.asUser(facilitator.claims, (tx) => movePriority(tx, strategyId, third, "up"))).toBe("moved");
    let rows = await priorityRows(db, strategyId);
    expect(rows.map((r) => r.id)).toEqual([first, third, second, fourth]);
    expectDense(rows);

    expect(await db.asUser(facilitator.claims, (tx) => movePriority(tx, strategyId, first, "down"))).toBe("moved");
    rows = await priorityRows(db, strategyId);
    expect(rows.map((r) => r.id)).toEqual([third, first, second, fourth]);
    expectDense(rows);

    expect(await auditFor(db, third)).toContainEqual(
      expect.objectContaining({ entityType: "priority", action: "reordered", actorId: facilitator.id }),
    );
  });

  it("does nothing when a priority is already at the top or bottom", async () => {
    const facilitator = await createUser(db);
    const { strategyId, priorities } = await strategyWithFourPriorities(facilitator);
    await db.asUser(facilitator.claims, async (tx) => {
      expect(await movePriority(tx, strategyId, priorities[0], "up")).toBe("at_end");
      expect(await movePriority(tx, strategyId, priorities[3], "down")).toBe("at_end");
    });
    expect((await priorityRows(db, strategyId)).map((r) => r.id)).toEqual(priorities);
  });

  it("archives a priority in its place, steps over it when moving, and restores it to the same place", async () => {
    const facilitator = await createUser(db);
    const { strategyId, priorities } = await strategyWithFourPriorities(facilitator);
    const [first, second, third, fourth] = priorities;

    expect(await db.asUser(facilitator.claims, (tx) => archivePriority(tx, strategyId, second))).toBe(true);
    expect(await db.asUser(facilitator.claims, (tx) => movePriority(tx, strategyId, third, "up"))).toBe("moved");
    let rows = await priorityRows(db, strategyId);
    expect(rows.map((r) => [r.id, r.archived])).toEqual([
      [third, false],
      [second, true],
      [first, false],
      [fourth, false],
    ]);
    expectDense(rows);
    expect(await db.asUser(facilitator.claims, (tx) => movePriority(tx, strategyId, second, "up"))).toBe("at_end");

    expect(await db.asUser(facilitator.claims, (tx) => restorePriority(tx, strategyId, second))).toBe(true);
    rows = await priorityRows(db, strategyId);
    expect(rows.map((r) => [r.id, r.archived])).toEqual([
      [third, false],
      [second, false],
      [first, false],
      [fourth, false],
    ]);
    const actions = (await auditFor(db, second)).map((a) => [a.entityType, a.action, a.actorId]);
    expect(actions).toContainEqual(["priority", "archived", facilitator.id]);
    expect(actions).toContainEqual(["priority", "restored", facilitator.id]);
  });

  it("reports a priority of another strategy as not found, and changes nothing", async () => {
    const facilitator = await createUser(db);
    const mine = await strategyWithFourPriorities(facilitator);
    const other = await createStrategy(db, facilitator);
    await db.asUser(facilitator.claims, async (tx) => {
      expect(await movePriority(tx, mine.strategyId, other.priorityId, "up")).toBe("not_found");
      expect(await archivePriority(tx, mine.strategyId, other.priorityId)).toBe(false);
      expect(await updatePriority(tx, mine.strategyId, other.priorityId, details("Taken over"))).toBe(false);
    });
    expect(await priorityRows(db, other.strategyId)).toEqual([{ id: other.priorityId, position: 1, archived: false }]);
  });
});

describe("a facilitator changing commitments", () => {
  /** A priority with four commitments (the factory's and three more), and a second, empty priority. */
  async function priorityWithFourCommitments(facilitator: TestUser) {
    const { strategyId, priorityId, commitmentId } = await createStrategy(db, facilitator);
    return db.asUser(facilitator.claims, async (tx) => {
      const added = [
        await addCommitment(tx, facilitator.id, strategyId, priorityId, commitment("We will do a second thing.")),
        await addCommitment(tx, facilitator.id, strategyId, priorityId, commitment("We will do a third thing.")),
        await addCommitment(tx, facilitator.id, strategyId, priorityId, commitment("We will do a fourth thing.")),
      ];
      const otherPriorityId = await addPriority(tx, facilitator.id, strategyId, details("Another"));
      return { strategyId, priorityId, otherPriorityId, commitments: [commitmentId, ...added] };
    });
  }

  it("adds each new commitment last, with everything the form asks for", async () => {
    const facilitator = await createUser(db);
    const organisationId = await createOrganisation(db);
    const { strategyId, priorityId, commitments } = await priorityWithFourCommitments(facilitator);
    const id = await db.asUser(facilitator.claims, (tx) =>
      addCommitment(tx, facilitator.id, strategyId, priorityId, {
        text: "We will publish a plan for rural recruitment.",
        responsibleParties: ["local_government", "nhs_integrated_care"],
        leadOrganisationId: organisationId,
        dueDate: "2028-03-31",
        status: "proposed",
      }),
    );
    const rows = await commitmentRows(db, priorityId);
    expect(rows.map((r) => r.id)).toEqual([...commitments, id]);
    expectDense(rows);
    const saved = await db.asUser(facilitator.claims, (tx) => getCommitment(tx, strategyId, id));
    expect(saved).toMatchObject({
      responsibleParties: ["local_government", "nhs_integrated_care"],
      leadOrganisationId: organisationId,
      dueDate: "2028-03-31",
      status: "proposed",
      position: 5,
    });
    expect(await auditFor(db, id)).toEqual([
      expect.objectContaining({ entityType: "commitment", action: "created", actorId: facilitator.id }),
    ]);
  });

  it("edits a commitment in place", async () => {
    const facilitator = await createUser(db);
    const { strategyId, priorityId, commitments } = await priorityWithFourCommitments(facilitator);
    const saved = await db.asUser(facilitator.claims, (tx) =>
      updateCommitment(tx, strategyId, commitments[1], {
        ...commitment("We will do the second thing sooner."),
        status: "agreed",
        dueDate: "2027-06-30",
        priorityId,
      }),
    );
    expect(saved).toBe(true);
    expect((await commitmentRows(db, priorityId)).map((r) => r.id)).toEqual(commitments);
    const last = (await auditFor(db, commitments[1])).at(-1)!;
    expect(last).toMatchObject({ entityType: "commitment", action: "updated", actorId: facilitator.id });
    // A new wording and due date make revision 2; the history says so in the same entry.
    expect(Object.keys(last.details.changes as object).sort()).toEqual(["due_date", "revision", "status", "text"]);
    expect((last.details.changes as Record<string, unknown>).revision).toEqual({ from: 1, to: 2 });
  });

  it("records no change when only the order of the responsible parties differs", async () => {
    const facilitator = await createUser(db);
    const { strategyId, priorityId } = await createStrategy(db, facilitator);
    const parties = { ...commitment("We will share the work fairly."), responsibleParties: ["regulators" as const, "employers" as const] };
    const id = await db.asUser(facilitator.claims, (tx) => addCommitment(tx, facilitator.id, strategyId, priorityId, parties));
    const saved = await db.asUser(facilitator.claims, (tx) =>
      updateCommitment(tx, strategyId, id, { ...parties, responsibleParties: ["employers", "regulators"], priorityId }),
    );
    expect(saved).toBe(true);
    expect((await auditFor(db, id)).map((a) => a.action)).toEqual(["created"]);
  });

  it("moves a commitment up and down among the current ones, keeping positions dense and unique", async () => {
    const facilitator = await createUser(db);
    const { strategyId, priorityId, commitments } = await priorityWithFourCommitments(facilitator);
    const [a, b, c, d] = commitments;
    await db.asUser(facilitator.claims, async (tx) => {
      expect(await moveCommitment(tx, strategyId, d, "up")).toBe("moved");
      expect(await moveCommitment(tx, strategyId, a, "down")).toBe("moved");
      expect(await moveCommitment(tx, strategyId, b, "up")).toBe("at_end");
    });
    const rows = await commitmentRows(db, priorityId);
    expect(rows.map((r) => r.id)).toEqual([b, a, d, c]);
    expectDense(rows);
    expect(await auditFor(db, d)).toContainEqual(
      expect.objectContaining({ entityType: "commitment", action: "reordered", actorId: facilitator.id }),
    );
  });

  it("steps over archived commitments when moving, and restores one to its old place", async () => {
    const facilitator = await createUser(db);
    const { strategyId, priorityId, commitments } = await priorityWithFourCommitments(facilitator);
    const [a, b, c, d] = commitments;
    await db.asUser(facilitator.claims, async (tx) => {
      expect(await archiveCommitment(tx, strategyId, b)).toBe(true);
      expect(await archiveCommitment(tx, strategyId, c)).toBe(true);
      expect(await moveCommitment(tx, strategyId, d, "up")).toBe("moved");
      expect(await moveCommitment(tx, strategyId, b, "down")).toBe("at_end");
    });
    let rows = await commitmentRows(db, priorityId);
    expect(rows.map((r) => [r.id, r.archived])).toEqual([
      [d, false],
      [b, true],
      [c, true],
      [a, false],
    ]);
    expectDense(rows);
    expect(await db.asUser(facilitator.claims, (tx) => restoreCommitment(tx, strategyId, b))).toBe(true);
    rows = await commitmentRows(db, priorityId);
    expect(rows.map((r) => [r.id, r.archived])).toEqual([
      [d, false],
      [b, false],
      [c, true],
      [a, false],
    ]);
    const actions = (await auditFor(db, b)).map((x) => [x.entityType, x.action, x.actorId]);
    expect(actions).toContainEqual(["commitment", "archived", facilitator.id]);
    expect(actions).toContainEqual(["commitment", "restored", facilitator.id]);
  });

  it("moves a commitment to another priority, last there, and closes the gap it leaves", async () => {
    const facilitator = await createUser(db);
    const { strategyId, priorityId, otherPriorityId, commitments } = await priorityWithFourCommitments(facilitator);
    const [a, b, c, d] = commitments;
    const already = await db.asUser(facilitator.claims, (tx) =>
      addCommitment(tx, facilitator.id, strategyId, otherPriorityId, commitment("We will already be here.")),
    );
    const moved = await db.asUser(facilitator.claims, (tx) =>
      updateCommitment(tx, strategyId, b, { ...commitment("We will do a second thing."), priorityId: otherPriorityId }),
    );
    expect(moved).toBe(true);
    const left = await commitmentRows(db, priorityId);
    expect(left.map((r) => r.id)).toEqual([a, c, d]);
    expectDense(left);
    const there = await commitmentRows(db, otherPriorityId);
    expect(there.map((r) => r.id)).toEqual([already, b]);
    expectDense(there);
    const last = (await auditFor(db, b)).at(-1)!;
    expect(last).toMatchObject({ entityType: "commitment", action: "updated", actorId: facilitator.id });
    expect(last.details.changes).toMatchObject({ priority_id: { from: priorityId, to: otherPriorityId } });
  });
});

describe("a member who is not a facilitator", () => {
  async function setUp() {
    const facilitator = await createUser(db);
    const worker = await createUser(db);
    const { strategyId, priorityId, commitmentId } = await createStrategy(db, facilitator);
    const second = await db.asUser(facilitator.claims, async (tx) => ({
      priorityId: await addPriority(tx, facilitator.id, strategyId, details("Second")),
      commitmentId: await addCommitment(tx, facilitator.id, strategyId, priorityId, commitment("We will do a second thing.")),
    }));
    await addMember(db, facilitator, strategyId, worker, [{ role: "worker" }, { role: "lived_experience" }]);
    return { worker, strategyId, priorityId, commitmentId, second };
  }

  it("is refused by Row Level Security when adding a priority or a commitment", async () => {
    const { worker, strategyId, priorityId } = await setUp();
    await expect(db.asUser(worker.claims, (tx) => addPriority(tx, worker.id, strategyId, details("Mine")))).rejects.toMatchObject({
      code: "42501",
    });
    await expect(
      db.asUser(worker.claims, (tx) => addCommitment(tx, worker.id, strategyId, priorityId, commitment("We will do my thing."))),
    ).rejects.toMatchObject({ code: "42501" });
    expect(await priorityRows(db, strategyId)).toHaveLength(2);
    expect(await commitmentRows(db, priorityId)).toHaveLength(2);
  });

  it("cannot edit, move or archive: the database changes no row", async () => {
    const { worker, strategyId, priorityId, commitmentId, second } = await setUp();
    const before = { priorities: await priorityRows(db, strategyId), commitments: await commitmentRows(db, priorityId) };
    await db.asUser(worker.claims, async (tx) => {
      expect(await updatePriority(tx, strategyId, priorityId, details("Renamed"))).toBe(false);
      expect(await archivePriority(tx, strategyId, priorityId)).toBe(false);
      expect(await movePriority(tx, strategyId, second.priorityId, "up")).toBe("not_found");
      expect(
        await updateCommitment(tx, strategyId, commitmentId, { ...commitment("We will do it my way."), priorityId }),
      ).toBe(false);
      expect(await archiveCommitment(tx, strategyId, commitmentId)).toBe(false);
      expect(await moveCommitment(tx, strategyId, second.commitmentId, "up")).toBe("not_found");
    });
    expect(await priorityRows(db, strategyId)).toEqual(before.priorities);
    expect(await commitmentRows(db, priorityId)).toEqual(before.commitments);
    expect((await auditFor(db, priorityId)).map((a) => a.action)).toEqual(["created"]);
    expect((await auditFor(db, commitmentId)).map((a) => a.action)).toEqual(["created"]);
  });
});
