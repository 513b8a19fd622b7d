import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims, Tx } from "../../app/platform/db.server";
import type { LiveEvent } from "../../app/domain/live";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { addMember, createStrategy, createUser, type TestUser } from "../support/factories";
import { startLiveServer, type LiveServer } from "../support/live";
import { refusal } from "../support/refusal";
import { backend, urlForDatabase } from "../support/backend";

/*
 * Live change events end to end: a change is committed (through db.asUser, as the app does, or by
 * direct SQL), the audit log's trigger notifies, the real hub asks the database which viewers may
 * see it, and real HTTP Server-Sent Events streams deliver it. Every wait has a deadline and ends
 * as soon as what it waits for has arrived; "did not arrive" is always shown by a later change
 * that did arrive on the same stream, since delivery is in seq order.
 */

let db: TestDatabase;
let live: LiveServer;

let facilitator: TestUser;
let evaluator: TestUser;
let worker: TestUser;
let secondWorker: TestUser;
let outsider: TestUser;
/** Public, with two priorities; each person holds the role they are named after. */
let strategy: { strategyId: string; priorityId: string; commitmentId: string };
let secondPriorityId: string;
/** Private, with `outsider` as its only other member. */
let other: { strategyId: string; priorityId: string; commitmentId: string };

const as = <T>(who: TestUser | null, fn: (tx: Tx) => Promise<T>) => db.asUser(who ? who.claims : (null as Claims | null), fn);
const visitor = null;
const claimsOf = (who: TestUser | null) => (who ? who.claims : null);

/** Inserts evidence as `by` (feedback on priority 2 unless told otherwise); returns its id. */
async function submit(by: TestUser, fields: Record<string, unknown> = {}): Promise<string> {
  const values: Record<string, unknown> = {
    strategy_id: strategy.strategyId,
    kind: "feedback",
    category: "staff_leader_feedback",
    priority_id: secondPriorityId,
    title: "What the care workers' forum said",
    body: "Most said pay was the reason they would leave.",
    source: "Care workers' forum, March",
    evidence_date: "2026-03-15",
    ...fields,
  };
  const names = Object.keys(values);
  const row = await as(by, (tx) =>
    tx.one<{ id: string }>(
      `insert into public.evidence (${names.join(", ")}) values (${names.map((_, i) => `$${i + 1}`).join(", ")}) returning id`,
      Object.values(values),
    ),
  );
  return row!.id;
}

async function review(by: TestUser, id: string, status: "verified" | "returned", note?: string) {
  await as(by, (tx) => tx.query("update public.evidence set status = $2, review_note = $3 where id = $1", [id, status, note ?? null]));
}

/** The seq of the latest audit entry about `entityId` (as the owner: what was written). */
async function lastSeqAbout(entityId: string): Promise<number> {
  const row = await db.asOwner((tx) =>
    tx.one<{ seq: string }>("select max(seq)::text as seq from public.audit_log where entity_id = $1", [entityId]),
  );
  return Number(row!.seq);
}

/** A change everyone who may read the strategy sees: a context-free rename of priority 1. */
async function publicMarker(strategyId = strategy.strategyId, priorityId = strategy.priorityId, by = facilitator): Promise<number> {
  await as(by, (tx) =>
    tx.query("update public.priorities set title = $2 where id = $1", [priorityId, `A priority, renamed ${Date.now()}${Math.random()}`]),
  );
  return lastSeqAbout(priorityId);
}

const seqs = (events: LiveEvent[]) => events.map((e) => e.seq);
const hasSeq = (seq: number) => (events: LiveEvent[]) => events.some((e) => e.seq === seq);
const inOrder = (events: LiveEvent[]) => seqs(events).every((seq, i, all) => i === 0 || seq > all[i - 1]!);

beforeAll(async () => {
  db = await openTestDatabase();
  [facilitator, evaluator, worker, secondWorker, outsider] = await Promise.all(
    ["Fay Facilitator", "Eve Evaluator", "Will Worker", "Wyn Worker", "Otto Outsider"].map((displayName) =>
      createUser(db, { displayName }),
    ),
  );
  strategy = await createStrategy(db, facilitator, { visibility: "public" });
  secondPriorityId = (await as(facilitator, (tx) =>
    tx.one<{ id: string }>(
      "insert into public.priorities (strategy_id, position, title, summary) values ($1, 2, 'Pay and conditions', 'Why it matters') returning id",
      [strategy.strategyId],
    ),
  ))!.id;
  for (const [person, role] of [
    [evaluator, "evaluator"],
    [worker, "worker"],
    [secondWorker, "worker"],
  ] as const) {
    await addMember(db, facilitator, strategy.strategyId, person, [{ role }]);
  }
  other = await createStrategy(db, outsider);
  // The safety poll is slowed right down so that what arrives, arrives by notification (or by
  // the catch-up after a reconnection, where that is what is tested).
  live = await startLiveServer(db, { pollMs: 3_600_000 });
});

afterAll(async () => {
  await live?.close();
  await db?.dispose();
});

describe("an event reaches a subscribed viewer", () => {
  it("sends verified evidence as one event, with the priority and a plain-English announcement", async () => {
    const id = await submit(worker);
    const stream = await live.open(strategy.strategyId, claimsOf(secondWorker));
    await review(evaluator, id, "verified");
    const verifiedSeq = await lastSeqAbout(id);
    await stream.waitFor(hasSeq(verifiedSeq), "the verification");
    const events = stream.events.filter((e) => e.entityId === id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      seq: verifiedSeq,
      strategyId: strategy.strategyId,
      entityType: "evidence",
      action: "updated",
      priorityPositions: [2],
      announcement: "New evidence verified for priority 2",
    });
    expect(new Date(events[0]!.occurredAt).getTime()).not.toBeNaN();
    // Nothing in the event names a person or repeats what the evidence says.
    expect(JSON.stringify(events[0])).not.toMatch(/Will|Eve|forum|pay was/i);
  });

  it("starts from ?after= so a change between the page's loading and its connecting is not missed", async () => {
    const before = await lastSeqAbout(strategy.priorityId);
    const missedSeq = await publicMarker();
    const stream = await live.open(strategy.strategyId, claimsOf(worker), { after: before });
    await stream.waitFor(hasSeq(missedSeq), "the change made before connecting");
  });
});

describe("a viewer of another strategy", () => {
  it("receives nothing about this strategy", async () => {
    const stream = await live.open(other.strategyId, claimsOf(outsider));
    const here = await submit(worker);
    await review(evaluator, here, "verified");
    const marker = await publicMarker(other.strategyId, other.priorityId, outsider);
    await stream.waitFor(hasSeq(marker), "the change in their own strategy");
    expect(stream.events.every((e) => e.strategyId === other.strategyId)).toBe(true);
  });

  it("cannot subscribe to a private strategy they are not a member of, nor can a visitor: 404 and no stream", async () => {
    expect((await live.open(other.strategyId, claimsOf(worker))).status).toBe(404);
    expect((await live.open(other.strategyId, visitor)).status).toBe(404);
    expect((await live.open("not-a-uuid", claimsOf(worker))).status).toBe(404);
    expect((await live.open("00000000-0000-4000-8000-000000000000", claimsOf(worker))).status).toBe(404);
  });
});

describe("each item's own visibility decides (the audit log's RLS, per viewer)", () => {
  it("sends a return to the submitter and reviewers but not to other members", async () => {
    const streams = {
      submitter: await live.open(strategy.strategyId, claimsOf(worker)),
      reviewer: await live.open(strategy.strategyId, claimsOf(evaluator)),
      otherMember: await live.open(strategy.strategyId, claimsOf(secondWorker)),
    };
    const id = await submit(worker);
    await review(evaluator, id, "returned", "Which forum was this?");
    const returnedSeq = await lastSeqAbout(id);
    const marker = await publicMarker();
    for (const stream of Object.values(streams)) await stream.waitFor(hasSeq(marker), "the later public change");
    expect(seqs(streams.submitter.events)).toContain(returnedSeq);
    expect(seqs(streams.reviewer.events)).toContain(returnedSeq);
    expect(seqs(streams.otherMember.events)).not.toContain(returnedSeq);
    // A return is for the two people involved: nothing is announced.
    expect(streams.submitter.events.find((e) => e.seq === returnedSeq)?.announcement).toBeNull();
  });

  it("never sends a visitor anything about a story without consent to publish, even once verified; members hear of it", async () => {
    const visitorStream = await live.open(strategy.strategyId, visitor);
    const memberStream = await live.open(strategy.strategyId, claimsOf(secondWorker));
    const story = await submit(worker, {
      kind: "story",
      category: "peoples_experience",
      title: "Amira's story",
      consent_quote: true,
      consent_publish: false,
      anonymised: true,
    });
    await review(evaluator, story, "verified");
    const storySeq = await lastSeqAbout(story);
    const marker = await publicMarker();
    await visitorStream.waitFor(hasSeq(marker), "the later public change");
    await memberStream.waitFor(hasSeq(marker), "the later public change");
    expect(visitorStream.events.some((e) => e.entityId === story)).toBe(false);
    const told = memberStream.events.find((e) => e.seq === storySeq);
    expect(told?.announcement).toBe("New evidence verified for priority 2");
    expect(JSON.stringify(memberStream.events)).not.toMatch(/Amira|Will/);
  });

  it("sends verified, publishable evidence to a visitor, and member-only changes to members only", async () => {
    const visitorStream = await live.open(strategy.strategyId, visitor);
    const memberStream = await live.open(strategy.strategyId, claimsOf(worker));
    const newcomer = await createUser(db, { displayName: "Nia Newcomer" });
    await addMember(db, facilitator, strategy.strategyId, newcomer, [{ role: "worker" }]);
    const memberSeq = await lastSeqAbout(newcomer.id);
    const id = await submit(worker);
    await review(evaluator, id, "verified");
    const verifiedSeq = await lastSeqAbout(id);
    await visitorStream.waitFor(hasSeq(verifiedSeq), "the verified evidence");
    await memberStream.waitFor(hasSeq(verifiedSeq), "the verified evidence");
    expect(seqs(visitorStream.events)).not.toContain(memberSeq);
    expect(visitorStream.events.some((e) => e.entityType === "member" || e.entityType === "member_role")).toBe(false);
    expect(seqs(memberStream.events)).toContain(memberSeq);
    expect(memberStream.events.find((e) => e.seq === memberSeq)?.announcement).toBeNull();
  });
});

describe("reconnection with the last event id", () => {
  it("misses nothing and repeats nothing when the stream drops in the middle of a burst, and keeps seq order", async () => {
    const start = await lastSeqAbout(strategy.priorityId);
    const first = await live.open(strategy.strategyId, claimsOf(facilitator), { after: start });
    const burst = (async () => {
      for (let i = 0; i < 30; i++) await publicMarker();
    })();
    await first.waitFor((events) => events.length >= 5, "the start of the burst");
    first.drop();
    // What the dropped connection had delivered is what a browser would have; its last id is sent back.
    const delivered = [...first.events];
    const lastSeen = delivered.at(-1)!.seq;
    const second = await live.open(strategy.strategyId, claimsOf(facilitator), { after: start, lastEventId: lastSeen });
    await burst;
    const end = await lastSeqAbout(strategy.priorityId);
    await second.waitFor(hasSeq(end), "the end of the burst");

    const expected = await db.asOwner((tx) =>
      tx.query<{ seq: string }>("select seq::text as seq from public.audit_log where strategy_id = $1 and seq > $2 and seq <= $3 order by seq", [
        strategy.strategyId,
        start,
        end,
      ]),
    );
    const received = [...seqs(delivered), ...seqs(second.events)];
    expect(received).toEqual(expected.map((r) => Number(r.seq)));
    expect(seqs(second.events)[0]).toBeGreaterThan(lastSeen);
    expect(inOrder(delivered) && inOrder(second.events)).toBe(true);
  });

  it("ends a stream after its lifetime, so the browser comes back and is checked again, and carries on from there", async () => {
    const short = await startLiveServer(db, { pollMs: 3_600_000, maxStreamMs: 200 });
    try {
      const start = await lastSeqAbout(strategy.priorityId);
      const first = await short.open(strategy.strategyId, claimsOf(worker), { after: start });
      await first.ended;
      const meanwhile = await publicMarker();
      const second = await short.open(strategy.strategyId, claimsOf(worker), { lastEventId: first.lastId() ?? start });
      await second.waitFor(hasSeq(meanwhile), "the change made between the two streams");
      expect(seqs(second.events)[0]).toBe(meanwhile);
    } finally {
      await short.close();
    }
  });

  it("catches up a viewer far behind in pages, in order", async () => {
    const slow = await startLiveServer(db, { pollMs: 3_600_000, pageSize: 7 });
    try {
      const start = await lastSeqAbout(strategy.priorityId);
      for (let i = 0; i < 20; i++) await publicMarker();
      const end = await lastSeqAbout(strategy.priorityId);
      const stream = await slow.open(strategy.strategyId, claimsOf(worker), { lastEventId: start });
      await stream.waitFor(hasSeq(end), "the last change");
      expect(stream.events).toHaveLength(20);
      expect(inOrder(stream.events)).toBe(true);
    } finally {
      await slow.close();
    }
  });
});

describe("app.live_visible_changes", () => {
  const everyone = () => [visitor, facilitator, evaluator, worker, secondWorker, outsider];
  const readerOf = (who: TestUser | null) => who?.claims.sub ?? null;

  it("is the service role's alone: it answers for people other than the caller", async () => {
    const call = "select * from app.live_visible_changes($1, 0, 1000000, $2::uuid[])";
    for (const who of [visitor, worker, facilitator]) {
      expect(await refusal(as(who, (tx) => tx.query(call, [strategy.strategyId, [readerOf(worker)]])))).toBe("42501");
    }
  });

  it("lets no client ask anyone's standing (which strategies they belong to), only their own through the policies", async () => {
    const asks = [
      "select * from app.standing_of($1::uuid[])",
      "select * from app.member_strategy_ids_of($1::uuid[])",
      "select * from app.readable_strategy_ids_of($1::uuid[])",
      "select * from app.review_strategy_ids_of($1::uuid[])",
      "select * from app.facilitate_strategy_ids_of($1::uuid[])",
    ];
    for (const who of [visitor, worker, facilitator]) {
      for (const ask of asks) {
        expect(await refusal(as(who, (tx) => tx.query(ask, [[readerOf(outsider)]]))), ask).toBe("42501");
      }
    }
    const own = await as(outsider, (tx) =>
      tx.one<{ member: string[] }>("select app.reader_member_strategy_ids()::text[] as member"),
    );
    expect(own!.member).toEqual([other.strategyId]);
  });

  it("gives each viewer exactly the entries the history's policy lets that viewer read, for every kind of entry", async () => {
    // Entries of every visibility: an invitation (facilitators only), membership (members only),
    // evidence in each state including a verified story without consent, and a private strategy.
    await as(facilitator, (tx) =>
      tx.query("insert into public.invitations (strategy_id, email, roles, token_hash, invited_by) values ($1, $2, $3, $4, $5)", [
        strategy.strategyId,
        `invitee-${Date.now()}@example.org`,
        ["worker"],
        `token-${Math.random()}`,
        facilitator.claims.sub,
      ]),
    );
    const returned = await submit(secondWorker);
    await review(evaluator, returned, "returned", "Please say which forum.");
    const story = await submit(worker, { kind: "story", category: "peoples_experience", title: "A story kept private", consent_publish: false });
    await review(evaluator, story, "verified");
    await submit(worker);
    const verified = await submit(secondWorker);
    await review(evaluator, verified, "verified");

    for (const target of [strategy.strategyId, other.strategyId]) {
      const viewers = everyone();
      const kinds = await db.asOwner((tx) =>
        tx.query<{ entityType: string }>("select distinct entity_type as \"entityType\" from public.audit_log where strategy_id = $1", [target]),
      );
      if (target === strategy.strategyId) {
        expect(kinds.map((k) => k.entityType)).toEqual(expect.arrayContaining(["evidence", "invitation", "member", "priority"]));
      }
      const answered = await db.asService("test: every viewer at once", (tx) =>
        tx.query<{ viewer: number; seq: string }>("select viewer, seq::text as seq from app.live_visible_changes($1, 0, 1000000000, $2::uuid[])", [
          target,
          viewers.map(readerOf),
        ]),
      );
      for (const [index, who] of viewers.entries()) {
        const policy = await as(who, (tx) =>
          tx.query<{ seq: string }>("select a.seq::text as seq from public.audit_log a where a.strategy_id = $1 order by a.seq", [target]),
        );
        const live = answered.filter((row) => row.viewer === index).map((row) => row.seq);
        expect(live, `viewer ${index} of strategy ${target === strategy.strategyId ? "public" : "private"}`).toEqual(
          policy.map((row) => row.seq),
        );
      }
    }
    // The rule is not vacuous here: people see different histories of the public strategy.
    const counts = await Promise.all(
      everyone().map((who) =>
        as(who, (tx) => tx.one<{ n: number }>("select count(*)::int as n from public.audit_log where strategy_id = $1", [strategy.strategyId])),
      ),
    );
    expect(new Set(counts.map((c) => c!.n)).size).toBeGreaterThanOrEqual(4);
  });
});

describe.runIf(backend() === "postgres")("on a Postgres server", () => {
  /** A connection of its own to the test's database, as another program would open. */
  async function directConnection() {
    const name = (await db.asOwner((tx) => tx.one<{ name: string }>("select current_database() as name")))!.name;
    const client = new pg.Client({ connectionString: urlForDatabase(process.env.TEST_DATABASE_URL!, name) });
    await client.connect();
    return client;
  }

  it("delivers a change made by direct SQL on another connection", async () => {
    const stream = await live.open(strategy.strategyId, claimsOf(worker));
    const direct = await directConnection();
    try {
      await direct.query("update public.priorities set title = 'Renamed by an import script' where id = $1", [strategy.priorityId]);
    } finally {
      await direct.end();
    }
    const seq = await lastSeqAbout(strategy.priorityId);
    await stream.waitFor(hasSeq(seq), "the direct change");
  });

  it("opens the listening connection again after it is killed, and catches up what happened meanwhile", async () => {
    const stream = await live.open(strategy.strategyId, claimsOf(worker));
    const direct = await directConnection();
    try {
      const killed = await direct.query(
        "select pg_terminate_backend(pid) as done from pg_stat_activity where application_name = 'assurance-hub-live' and datname = current_database()",
      );
      expect(killed.rows.length).toBeGreaterThanOrEqual(1);
      const seq = await publicMarker();
      const { rows } = await direct.query<{ committed: Date }>("select clock_timestamp() as committed");
      await stream.waitFor(hasSeq(seq), "the change made while the listener was down");
      const listeners = await direct.query<{ started: Date }>(
        "select backend_start as started from pg_stat_activity where application_name = 'assurance-hub-live' and datname = current_database()",
      );
      // Every listener now connected started after the change committed, so its notification
      // went to no one: the catch-up after reconnecting delivered it.
      expect(listeners.rows.length).toBeGreaterThanOrEqual(1);
      for (const row of listeners.rows) expect(row.started.getTime()).toBeGreaterThan(rows[0]!.committed.getTime());
      const after = await publicMarker();
      await stream.waitFor(hasSeq(after), "a change after reconnecting, by notification");
    } finally {
      await direct.end();
    }
  });
});
