import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeAuditEntry } from "../../app/domain/audit-summary";
import { listHistoryFor, listStrategyHistory } from "../../app/models/audit.server";
import { verifyAuditChain, type AuditVerification } from "../../app/services/audit-verify.server";
import type { Database, Tx } from "../../app/platform/db.server";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { addMember, createOrganisation, createStrategy, createUser } from "../support/factories";

/** Some real changes, so the log has a chain of a few dozen entries. */
async function makeHistory(db: Database) {
  const owner = await createUser(db, { displayName: "Fatima Khan" });
  const made = await createStrategy(db, owner, { visibility: "public", title: "Our local strategy" });
  await db.asUser(owner.claims, (tx) =>
    tx.query("update public.commitments set due_date = '2027-12-31' where id = $1", [made.commitmentId]),
  );
  return { owner, ...made };
}

/**
 * Changes the log as the database owner with the append-only guard switched off (what someone
 * with the server's keys could do), runs `check`, then puts the row back exactly as it was, so
 * the next test starts from an intact chain.
 */
async function tamperWith(db: Database, seq: number, sql: string, check: () => Promise<void>) {
  // Kept as Postgres' own JSON text, so timestamps keep their microseconds.
  const original = await db.asOwner((tx) =>
    tx.one<{ row: string }>("select to_jsonb(a)::text as row from public.audit_log a where seq = $1", [seq]),
  );
  const guarded = async (fn: (tx: Tx) => Promise<unknown>) =>
    db.asOwner(async (tx) => {
      await tx.query("alter table public.audit_log disable trigger audit_log_no_update");
      await tx.query("alter table public.audit_log disable trigger audit_log_chain");
      await fn(tx);
      await tx.query("alter table public.audit_log enable trigger audit_log_chain");
      await tx.query("alter table public.audit_log enable trigger audit_log_no_update");
    });
  await guarded((tx) => tx.query(sql, [seq]));
  try {
    await check();
  } finally {
    await guarded(async (tx) => {
      await tx.query("delete from public.audit_log where seq = $1", [seq]);
      await tx.query("insert into public.audit_log select * from jsonb_populate_record(null::public.audit_log, $1::jsonb)", [
        original!.row,
      ]);
    });
  }
  expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
}

async function seqOf(db: Database, entityType: string, entityId: string, action: string): Promise<number> {
  const row = await db.asService("test: find an audit entry", (tx) =>
    tx.one<{ seq: string }>(
      "select seq::text from public.audit_log where entity_type = $1 and entity_id = $2 and action = $3 order by seq limit 1",
      [entityType, entityId, action],
    ),
  );
  return Number(row!.seq);
}

describe("the audit verifier", () => {
  let db: TestDatabase;
  let beforeAnyChange: AuditVerification;
  let made: Awaited<ReturnType<typeof makeHistory>>;
  beforeAll(async () => {
    db = await openTestDatabase();
    beforeAnyChange = await verifyAuditChain(db);
    made = await makeHistory(db);
    await makeHistory(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("finds an empty log intact", () => {
    expect(beforeAnyChange).toEqual({ ok: true, rows: 0, lastHash: null });
  });

  it("finds an untouched chain intact", async () => {
    const count = await db.asService("test: count the log", (tx) =>
      tx.one<{ n: number }>("select count(*)::int as n from public.audit_log"),
    );
    expect(count!.n).toBeGreaterThan(10);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: count!.n, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("reports the entry whose details were changed", async () => {
    const seq = await seqOf(db, "commitment", made.commitmentId, "created");
    await tamperWith(
      db,
      seq,
      `update public.audit_log set details = jsonb_set(details, '{text}', '"We will do something else entirely."') where seq = $1`,
      async () => {
        expect(await verifyAuditChain(db)).toEqual({
          ok: false,
          firstBrokenSeq: seq,
          reason: expect.stringContaining("do not match its hash"),
        });
      },
    );
  });

  it("reports the entry after one whose hash was rewritten to match its new details", async () => {
    const seq = await seqOf(db, "commitment", made.commitmentId, "created");
    await tamperWith(
      db,
      seq,
      `update public.audit_log a
          set details = jsonb_set(a.details, '{text}', '"We will do something else entirely."'),
              hash = encode(sha256(convert_to(app.audit_canonical(
                jsonb_populate_record(a, jsonb_build_object('details', jsonb_set(a.details, '{text}', '"We will do something else entirely."')))
              ), 'UTF8')), 'hex')
        where seq = $1`,
      async () => {
        expect(await verifyAuditChain(db)).toEqual({
          ok: false,
          firstBrokenSeq: seq + 1,
          reason: expect.stringContaining(`point to entry ${seq}`),
        });
      },
    );
  });

  it("reports an entry deleted from the middle of the log", async () => {
    const last = await db.asService("test: last entry", (tx) => tx.one<{ seq: string }>("select max(seq)::text as seq from public.audit_log"));
    const middle = Math.floor(Number(last!.seq) / 2);
    await tamperWith(db, middle, "delete from public.audit_log where seq = $1", async () => {
      expect(await verifyAuditChain(db)).toEqual({
        ok: false,
        firstBrokenSeq: middle,
        reason: `entry ${middle} is missing (the next entry is ${middle + 1})`,
      });
    });
  });

  it("computes each hash itself, matching the database's own", async () => {
    const row = await db.asService("test: canonical text", (tx) =>
      tx.one<{ canonical: string; hash: string }>(
        "select app.audit_canonical(a) as canonical, a.hash from public.audit_log a order by seq desc limit 1",
      ),
    );
    expect(createHash("sha256").update(row!.canonical, "utf8").digest("hex")).toBe(row!.hash);
  });
});

describe("the audit log itself", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
    await makeHistory(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("refuses updates, deletes and truncation even from the database owner", async () => {
    await expect(db.asOwner((tx) => tx.query("update public.audit_log set action = 'deleted' where seq = 1"))).rejects.toThrow(
      /append-only/,
    );
    await expect(db.asOwner((tx) => tx.query("delete from public.audit_log where seq = 1"))).rejects.toThrow(/append-only/);
    await expect(db.asOwner((tx) => tx.query("truncate public.audit_log"))).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("cannot be written directly by the service role or a signed-in person", async () => {
    const person = await createUser(db);
    await expect(
      db.asService("test: try to write the log", (tx) =>
        tx.query("insert into public.audit_log (entity_type, action, prev_hash, hash) values ('strategy', 'created', '', '')"),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      db.asService("test: try to change the log", (tx) => tx.query("update public.audit_log set action = 'deleted'")),
    ).rejects.toThrow(/permission denied/);
    await expect(
      db.asUser(person.claims, (tx) =>
        tx.query("insert into public.audit_log (entity_type, action, prev_hash, hash) values ('strategy', 'created', '', '')"),
      ),
    ).rejects.toThrow(/permission denied/);
  });
});

describe("history as people read it", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.dispose();
  });

  async function story() {
    const owner = await createUser(db, { displayName: "Fatima Legal", chosenName: "Fatima Khan" });
    const sam = await createUser(db, { displayName: "Sam Jones" });
    const organisation = await createOrganisation(db, `Skills for Care ${randomUUID().slice(0, 8)}`);
    const { strategyId, priorityId, commitmentId } = await createStrategy(db, owner, { visibility: "public", title: "Our local strategy" });
    const secondPriorityId = randomUUID();
    await db.asUser(owner.claims, async (tx) => {
      await tx.query("update public.commitments set due_date = '2027-12-31' where id = $1", [commitmentId]);
      await tx.query("update public.commitments set due_date = '2028-03-31', lead_organisation_id = $2 where id = $1", [
        commitmentId,
        organisation,
      ]);
      await tx.query(
        "insert into public.priorities (id, strategy_id, position, title) values ($1, $2, 2, 'Career pathways')",
        [secondPriorityId, strategyId],
      );
      await tx.query("update public.priorities set position = case id when $1::uuid then 2 else 1 end where id in ($1, $2)", [
        priorityId,
        secondPriorityId,
      ]);
      await tx.query("update public.priorities set archived_at = now() where id = $1", [secondPriorityId]);
      await tx.query(
        "insert into public.invitations (strategy_id, email, roles, token_hash, invited_by) values ($1, 'ali@example.org', '{evaluator}', $2, $3)",
        [strategyId, randomUUID(), owner.id],
      );
    });
    await addMember(db, owner, strategyId, sam, [{ role: "lived_experience" }]);
    return { owner, sam, strategyId, priorityId, commitmentId };
  }

  it("tells a facilitator what happened, newest first, in plain English", async () => {
    const { owner, strategyId } = await story();
    const page = await db.asUser(owner.claims, (tx) => listStrategyHistory(tx, strategyId, { limit: 50 }));
    const sentences = page.entries.map(describeAuditEntry);
    expect(page.olderBefore).toBeNull();
    expect(page.entries.map((e) => e.seq)).toEqual([...page.entries.map((e) => e.seq)].sort((a, b) => b - a));
    expect(sentences[0]).toBe("Fatima Khan gave Sam Jones the role Person with lived experience");
    expect(sentences).toEqual(
      expect.arrayContaining([
        "Fatima Khan added Sam Jones to the strategy",
        "Fatima Khan invited ali@example.org as Evaluator",
        "Fatima Khan archived the priority “Career pathways”",
        "Fatima Khan moved the priority “Career pathways” up, from position 2 to 1",
        "Fatima Khan moved the priority “A priority” down, from position 1 to 2",
        "Fatima Khan added the priority “Career pathways”",
        expect.stringMatching(
          /^Fatima Khan made changes to the commitment “We will do the thing we said we would do\.”: set the lead organisation to Skills for Care \w+ and changed the due date from 31 December 2027 to 31 March 2028 \(now revision 3\)$/,
        ),
        "Fatima Khan set the due date of the commitment “We will do the thing we said we would do.” to 31 December 2027 (now revision 2)",
        "Fatima Khan added the commitment “We will do the thing we said we would do.” under the priority “A priority”",
        "Fatima Khan took the role Facilitator",
        "Fatima Khan joined the strategy",
        "Fatima Khan started the strategy “Our local strategy”",
      ]),
    );
    expect(page.entries.every((e) => typeof e.occurredAt === "string" && !Number.isNaN(Date.parse(e.occurredAt)))).toBe(true);
  });

  it("shows a visitor only the structure, and not who made the changes", async () => {
    const { strategyId } = await story();
    const page = await db.asUser(null, (tx) => listStrategyHistory(tx, strategyId, { limit: 50 }));
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries.map((e) => e.entityType)).not.toEqual(expect.arrayContaining(["member"]));
    expect(new Set(page.entries.map((e) => e.entityType))).toEqual(new Set(["strategy", "priority", "commitment"]));
    expect(page.entries.every((e) => e.actorName === "Someone")).toBe(true);
    expect(page.entries.map(describeAuditEntry)).toContain("Someone archived the priority “Career pathways”");
  });

  it("shows a member without the facilitator role the members, but not the invitations", async () => {
    const { strategyId, sam } = await story();
    const page = await db.asUser(sam.claims, (tx) => listStrategyHistory(tx, strategyId, { limit: 50 }));
    const types = new Set(page.entries.map((e) => e.entityType));
    expect(types.has("member_role")).toBe(true);
    expect(types.has("invitation")).toBe(false);
  });

  it("pages through a strategy's history and filters it by kind", async () => {
    const { owner, strategyId } = await story();
    const all = await db.asUser(owner.claims, (tx) => listStrategyHistory(tx, strategyId, { limit: 100 }));
    const first = await db.asUser(owner.claims, (tx) => listStrategyHistory(tx, strategyId, { limit: 4 }));
    expect(first.entries).toHaveLength(4);
    expect(first.olderBefore).toBe(first.entries[3].seq);
    const second = await db.asUser(owner.claims, (tx) =>
      listStrategyHistory(tx, strategyId, { limit: 4, before: first.olderBefore! }),
    );
    expect(second.entries.map((e) => e.seq)).toEqual(all.entries.slice(4, 8).map((e) => e.seq));
    const priorities = await db.asUser(owner.claims, (tx) =>
      listStrategyHistory(tx, strategyId, { limit: 100, entityTypes: ["priority", "context_figure"] }),
    );
    expect(priorities.entries.length).toBeGreaterThan(0);
    expect(priorities.entries.every((e) => e.entityType === "priority")).toBe(true);
  });

  it("lists one item's history, newest first", async () => {
    const { owner, commitmentId } = await story();
    const entries = await db.asUser(owner.claims, (tx) => listHistoryFor(tx, "commitment", commitmentId));
    expect(entries.map((e) => e.action)).toEqual(["updated", "updated", "created"]);
    expect(describeAuditEntry(entries[2])).toBe(
      "Fatima Khan added the commitment “We will do the thing we said we would do.” under the priority “A priority”",
    );
  });
});
