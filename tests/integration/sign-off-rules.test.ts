import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims, Tx } from "../../app/platform/db.server";
import type { Role } from "../../app/domain/roles";
import type { SignOffDecision, SignOffState } from "../../app/domain/sign-off";
import { verifyAuditChain } from "../../app/services/audit-verify.server";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { addMember, createOrganisation, createStrategy, createUser, type TestUser } from "../support/factories";
import { sqlStateOf } from "../support/statement-workflow";

/*
 * The rules the database keeps for partner sign-off, whatever calls it: who may sign for which
 * organisation, revisions and their content hash, decisions going stale, the agreed rule, two
 * people acting at once, published versions, and the audit trail. Every case acts through
 * db.asUser (or db.asService where the service role is the one refused); the owner role is used
 * only to look, and to tamper with the audit log as someone holding the server's keys could.
 */

let db: TestDatabase;

const as = <T>(who: TestUser | null, fn: (tx: Tx) => Promise<T>) => db.asUser(who ? who.claims : (null as Claims | null), fn);
const look = <T>(fn: (tx: Tx) => Promise<T>) => db.asOwner(fn);

/** The organisations: A and B are asked to sign off; C has a signatory but is never asked. */
let orgs: { a: string; b: string; c: string };
type People = {
  facilitator: TestUser;
  signatoryA: TestUser;
  secondSignatoryA: TestUser;
  signatoryB: TestUser;
  signatoryC: TestUser;
  /** A partner member who works for organisation A, without the signatory role. */
  partnerA: TestUser;
  worker: TestUser;
  /** Signed in, but no member of the strategy. */
  outsider: TestUser;
};
let people: People;

beforeAll(async () => {
  db = await openTestDatabase();
  const suffix = randomUUID().slice(0, 6);
  orgs = {
    a: await createOrganisation(db, `Skills for Care ${suffix}`),
    b: await createOrganisation(db, `ADASS ${suffix}`),
    c: await createOrganisation(db, `Care Quality Commission ${suffix}`),
  };
  people = {
    facilitator: await createUser(db, { displayName: "Fatima Facilitator" }),
    signatoryA: await createUser(db, { displayName: "Ana Signatory" }),
    secondSignatoryA: await createUser(db, { displayName: "Aled Signatory" }),
    signatoryB: await createUser(db, { displayName: "Ben Signatory", chosenName: "Benji" }),
    signatoryC: await createUser(db, { displayName: "Cara Signatory" }),
    partnerA: await createUser(db, { displayName: "Pat Partner" }),
    worker: await createUser(db, { displayName: "Priya Worker" }),
    outsider: await createUser(db, { displayName: "Oscar Outsider" }),
  };
});

afterAll(async () => {
  await db?.dispose();
});

type Place = { strategyId: string; priorityId: string; commitmentId: string };

/**
 * A new strategy with everyone in their roles and one commitment (revision 1) that `required`
 * organisations must sign off; those in `asked` have been asked.
 */
async function newPlace({
  visibility = "private",
  required = [orgs.a, orgs.b],
  asked = required,
}: { visibility?: "private" | "public"; required?: string[]; asked?: string[] } = {}): Promise<Place> {
  const { facilitator } = people;
  const place = await createStrategy(db, facilitator, { visibility });
  const roles: [TestUser, Role, string?][] = [
    [people.signatoryA, "signatory", orgs.a],
    [people.secondSignatoryA, "signatory", orgs.a],
    [people.signatoryB, "signatory", orgs.b],
    [people.signatoryC, "signatory", orgs.c],
    [people.partnerA, "partner"],
    [people.worker, "worker"],
  ];
  for (const [user, role, organisationId] of roles) {
    await addMember(db, facilitator, place.strategyId, user, [{ role, organisationId }]);
  }
  await as(facilitator, async (tx) => {
    await tx.query("update public.strategy_members set organisation_id = $3 where strategy_id = $1 and user_id = $2", [
      place.strategyId,
      people.partnerA.id,
      orgs.a,
    ]);
    await requireSignOff(tx, place, required);
    await askForSignOff(tx, place, asked);
  });
  return place;
}

/** Adds organisations that must sign off the commitment, as a facilitator. */
function requireSignOff(tx: Tx, place: Place, organisationIds: string[]) {
  return tx.query(
    "insert into public.sign_off_organisations (strategy_id, commitment_id, organisation_id) select $1, $2, unnest($3::uuid[])",
    [place.strategyId, place.commitmentId, organisationIds],
  );
}

/** Asks organisations to sign off the commitment's current revision, as a facilitator. */
function askForSignOff(tx: Tx, place: Place, organisationIds: string[]) {
  return tx.query(
    `insert into public.sign_off_requests (strategy_id, commitment_id, organisation_id, message)
     select $1, $2, unnest($3::uuid[]), 'Please sign off this commitment.'`,
    [place.strategyId, place.commitmentId, organisationIds],
  );
}

/** The revision a person sees now. */
async function revisionSeenBy(who: TestUser, commitmentId: string): Promise<number> {
  const row = await as(who, (tx) => tx.one<{ revision: number }>("select revision from public.commitments where id = $1", [commitmentId]));
  return row!.revision;
}

type Decide = {
  decision?: SignOffDecision;
  conditions?: string | null;
  reason?: string | null;
  /** The revision the signatory saw; the current one unless given. */
  revision?: number;
  /** Whose name to sign in; the signatory's own unless given. */
  signedBy?: string;
};

/** Records `who`'s decision for an organisation in one transaction; returns the decision's id. */
async function decide(who: TestUser, place: Place, organisationId: string, options: Decide = {}): Promise<string> {
  const revision = options.revision ?? (await revisionSeenBy(who, place.commitmentId));
  return as(who, (tx) => insertDecision(tx, who, place, organisationId, { ...options, revision }));
}

async function insertDecision(tx: Tx, who: TestUser, place: Place, organisationId: string, options: Decide & { revision: number }) {
  const decision = options.decision ?? "endorsed";
  const row = await tx.one<{ id: string }>(
    `insert into public.sign_off_decisions
       (strategy_id, commitment_id, organisation_id, revision, decision, conditions, reason, signed_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [
      place.strategyId,
      place.commitmentId,
      organisationId,
      options.revision,
      decision,
      options.conditions !== undefined ? options.conditions : decision === "endorsed_with_conditions" ? "Only with funding agreed." : null,
      options.reason !== undefined ? options.reason : decision === "objected" ? "We cannot commit to that date." : null,
      options.signedBy ?? who.id,
    ],
  );
  return row!.id;
}

/** Changes the commitment as a facilitator: `set` is the SET clause, $1 the commitment's id. */
function edit(commitmentId: string, set: string, params: unknown[] = []) {
  return as(people.facilitator, (tx) => tx.query(`update public.commitments set ${set} where id = $1`, [commitmentId, ...params]));
}

const NEW_WORDING = "We will do the thing we said we would do, and report on it.";

type Cell = {
  organisation_id: string;
  current_revision: number;
  requested_revision: number | null;
  decided_revision: number | null;
  decision: SignOffDecision | null;
  conditions: string | null;
  reason: string | null;
  signed_by: string | null;
  signed_by_name: string | null;
  state: SignOffState;
  awaiting_decision: boolean | null;
};

/** The sign-off cells of a commitment as `who` sees them, by organisation. */
async function cellsSeenBy(who: TestUser | null, commitmentId: string): Promise<Record<string, Cell>> {
  const rows = await as(who, (tx) =>
    tx.query<Cell>(
      `select organisation_id, current_revision, requested_revision, decided_revision, decision, conditions, reason,
              signed_by, signed_by_name, state, awaiting_decision
         from public.sign_off_cells where commitment_id = $1`,
      [commitmentId],
    ),
  );
  return Object.fromEntries(rows.map((r) => [r.organisation_id, r]));
}

/** The commitment's revision, status and whether it is signed off, looked at past RLS. */
function commitmentNow(commitmentId: string) {
  return look((tx) =>
    tx.one<{ revision: number; content_hash: string; status: string; signed_off: boolean }>(
      "select revision, content_hash, status, app.commitment_is_signed_off(id) as signed_off from public.commitments where id = $1",
      [commitmentId],
    ),
  );
}

/** Requests for the commitment, oldest first, as the facilitator sees them. */
function requestsOf(commitmentId: string) {
  return as(people.facilitator, (tx) =>
    tx.query<{ organisation_id: string; revision: number; asked_again: boolean; requested_by: string | null }>(
      "select organisation_id, revision, asked_again, requested_by from public.sign_off_requests where commitment_id = $1 order by revision, organisation_id::text collate \"C\"",
      [commitmentId],
    ),
  );
}

/** Every decision on the commitment, oldest first, as the facilitator sees them. */
function decisionsOf(commitmentId: string) {
  return as(people.facilitator, (tx) =>
    tx.query<{ organisation_id: string; revision: number; decision: string; reason: string | null; conditions: string | null }>(
      "select organisation_id, revision, decision, reason, conditions from public.sign_off_decisions where commitment_id = $1 order by revision, signed_at, organisation_id",
      [commitmentId],
    ),
  );
}

const byOrg = <T extends { organisation_id: string }>(rows: T[], organisationId: string) => rows.filter((r) => r.organisation_id === organisationId);

describe("who may sign off", () => {
  it("lets a signatory of A sign for A and not for B", async () => {
    const place = await newPlace();
    expect(await sqlStateOf(decide(people.signatoryA, place, orgs.b))).toBe("42501");
    await decide(people.signatoryA, place, orgs.a);
    const decisions = await decisionsOf(place.commitmentId);
    expect(decisions.map((d) => d.organisation_id)).toEqual([orgs.a]);
  });

  it("does not let a partner of the organisation sign without the signatory role, nor the facilitator, a worker or an outsider", async () => {
    const place = await newPlace();
    const { partnerA, facilitator, worker, outsider } = people;
    for (const [name, who] of Object.entries({ partnerA, facilitator, worker, outsider })) {
      expect(await sqlStateOf(decide(who, place, orgs.a, { revision: 1 })), name).toBe("42501");
    }
    expect(await sqlStateOf(as(null, (tx) => insertDecision(tx, people.signatoryA, place, orgs.a, { revision: 1 })))).toBe("42501");
    expect(await decisionsOf(place.commitmentId)).toEqual([]);
  });

  it("does not let a signatory sign in someone else's name, not even a fellow signatory's", async () => {
    const place = await newPlace();
    expect(await sqlStateOf(decide(people.signatoryA, place, orgs.a, { signedBy: people.secondSignatoryA.id }))).toBe("42501");
    expect(await decisionsOf(place.commitmentId)).toEqual([]);
  });

  it("names the person who signed from their profile, and fills in the time and hash itself", async () => {
    const place = await newPlace();
    const id = await decide(people.signatoryB, place, orgs.b);
    const row = await as(people.signatoryB, (tx) =>
      tx.one<{ signed_by: string; signed_by_name: string; content_hash: string; fresh: boolean }>(
        "select signed_by, signed_by_name, content_hash, signed_at > now() - interval '1 minute' as fresh from public.sign_off_decisions where id = $1",
        [id],
      ),
    );
    const { content_hash } = (await commitmentNow(place.commitmentId))!;
    expect(row).toEqual({ signed_by: people.signatoryB.id, signed_by_name: "Benji", content_hash, fresh: true });
  });

  it("refuses a decision for an organisation the commitment does not ask to sign off, even from its signatory (23514)", async () => {
    const place = await newPlace();
    expect(await sqlStateOf(decide(people.signatoryC, place, orgs.c))).toBe("23514");
  });

  it("does not let a signatory sign a commitment of a strategy they are not a signatory in", async () => {
    const mine = await newPlace();
    const theirs = await createStrategy(db, people.facilitator);
    await as(people.facilitator, (tx) => requireSignOff(tx, theirs, [orgs.a]));
    const elsewhere = { ...theirs, strategyId: mine.strategyId };
    expect(await sqlStateOf(decide(people.signatoryA, elsewhere, orgs.a, { revision: 1 }))).toBe("23503");
    expect(await sqlStateOf(decide(people.signatoryA, theirs, orgs.a, { revision: 1 }))).toBe("42501");
  });

  it("refuses a request to an organisation that is not asked to sign off (23514), and a request from anyone but a facilitator", async () => {
    const place = await newPlace({ required: [orgs.a], asked: [] });
    expect(await sqlStateOf(as(people.facilitator, (tx) => askForSignOff(tx, place, [orgs.b])))).toBe("23514");
    expect(await sqlStateOf(as(people.signatoryA, (tx) => askForSignOff(tx, place, [orgs.a])))).toBe("42501");
    expect(await requestsOf(place.commitmentId)).toEqual([]);
  });

  const RECORDS = {
    decision: "sign_off_decisions",
    request: "sign_off_requests",
    revision: "commitment_revisions",
    publication: "strategy_publications",
  } as const;

  it("lets nobody change or remove a decision, a request, a revision or a published version: not members, the facilitator, the service role or even the database owner", async () => {
    const place = await newPlace();
    await decide(people.signatoryA, place, orgs.a, { decision: "objected" });
    await as(people.facilitator, (tx) =>
      tx.query("insert into public.strategy_publications (strategy_id, override_reason) values ($1, 'Needed for the board meeting.')", [
        place.strategyId,
      ]),
    );
    const key = (table: string) => (table === "strategy_publications" ? "strategy_id" : "commitment_id");
    const id = (table: string) => (table === "strategy_publications" ? place.strategyId : place.commitmentId);
    const snapshot = () =>
      look(async (tx) => {
        const all: Record<string, unknown[]> = {};
        for (const table of Object.values(RECORDS)) {
          all[table] = await tx.query(`select * from public.${table} where ${key(table)} = $1 order by id`, [id(table)]);
        }
        return all;
      });
    const before = await snapshot();
    for (const table of Object.values(RECORDS)) expect(before[table].length, table).toBeGreaterThan(0);

    const attempts = (table: string) => ({
      update: `update public.${table} set strategy_id = strategy_id where ${key(table)} = $1`,
      delete: `delete from public.${table} where ${key(table)} = $1`,
    });
    const actors = {
      facilitator: (fn: (tx: Tx) => Promise<unknown>) => as(people.facilitator, fn),
      signatory: (fn: (tx: Tx) => Promise<unknown>) => as(people.signatoryA, fn),
      worker: (fn: (tx: Tx) => Promise<unknown>) => as(people.worker, fn),
      "service role": (fn: (tx: Tx) => Promise<unknown>) => db.asService("test: try to change the sign-off record", fn),
      // The owner passes every grant and policy: only the append-only trigger stands in its way.
      owner: (fn: (tx: Tx) => Promise<unknown>) => look(fn),
    };
    for (const [what, table] of Object.entries(RECORDS)) {
      for (const [how, sql] of Object.entries(attempts(table))) {
        for (const [actor, run] of Object.entries(actors)) {
          expect(await sqlStateOf(run((tx) => tx.query(sql, [id(table)]))), `${actor} ${how} a ${what}`).toBe("42501");
        }
      }
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("who sees sign-off", () => {
  async function decidedPlace(visibility: "private" | "public") {
    const place = await newPlace({ visibility });
    await decide(people.signatoryA, place, orgs.a, { decision: "endorsed_with_conditions" });
    return place;
  }

  it("shows decisions to visitors on a public strategy, and not on a private one", async () => {
    const open = await decidedPlace("public");
    const closed = await decidedPlace("private");
    const decisionsSeen = (place: Place) =>
      as(null, (tx) => tx.query<{ decision: string }>("select decision from public.sign_off_decisions where commitment_id = $1", [place.commitmentId]));
    expect(await decisionsSeen(open)).toEqual([{ decision: "endorsed_with_conditions" }]);
    expect(await decisionsSeen(closed)).toEqual([]);
    expect(await cellsSeenBy(null, closed.commitmentId)).toEqual({});
    expect(await as(people.outsider, (tx) => tx.query("select id from public.sign_off_decisions where commitment_id = $1", [closed.commitmentId]))).toEqual([]);
  });

  it("shows requests to members only, so a visitor sees nothing waiting", async () => {
    const place = await decidedPlace("public");
    const requestsSeen = (who: TestUser | null) =>
      as(who, (tx) => tx.query("select id from public.sign_off_requests where commitment_id = $1", [place.commitmentId]));
    expect(await requestsSeen(people.worker)).toHaveLength(2);
    expect(await requestsSeen(people.partnerA)).toHaveLength(2);
    expect(await requestsSeen(null)).toEqual([]);
    expect(await requestsSeen(people.outsider)).toEqual([]);

    const member = await cellsSeenBy(people.worker, place.commitmentId);
    expect(member[orgs.a]).toMatchObject({ state: "endorsed_with_conditions", conditions: "Only with funding agreed." });
    expect(member[orgs.b]).toMatchObject({ state: "waiting", requested_revision: 1, awaiting_decision: true });

    const visitor = await cellsSeenBy(null, place.commitmentId);
    expect(Object.keys(visitor).sort()).toEqual([orgs.a, orgs.b].sort());
    expect(visitor[orgs.a]).toMatchObject({ state: "endorsed_with_conditions", decided_revision: 1 });
    expect(visitor[orgs.b]).toMatchObject({ state: "not_requested", requested_revision: null });
    expect(Object.values(visitor).some((cell) => cell.state === "waiting" || cell.awaiting_decision === true)).toBe(false);
  });

  it("gives nobody a snapshot of a strategy directly: only publishing takes one (42501)", async () => {
    const closed = await decidedPlace("private");
    for (const who of [null, people.outsider, people.facilitator]) {
      expect(await sqlStateOf(as(who, (tx) => tx.query("select app.strategy_snapshot($1)", [closed.strategyId])))).toBe("42501");
    }
  });

  it("says whether a commitment is signed off only to those who may read it", async () => {
    const closed = await decidedPlace("private");
    await decide(people.signatoryB, closed, orgs.b, { decision: "endorsed" });
    const signedOff = (who: TestUser | null) =>
      as(who, (tx) => tx.one<{ agreed: boolean }>("select app.commitment_is_signed_off($1) as agreed", [closed.commitmentId]));
    expect(await signedOff(people.worker)).toEqual({ agreed: true });
    expect(await signedOff(null)).toEqual({ agreed: false });
    expect(await signedOff(people.outsider)).toEqual({ agreed: false });
  });
});

/** The hash of what a signatory signs, worked out here as the database does (jsonb's key order and spacing). */
function expectedContentHash(text: string, parties: string[], leadOrganisationId: string | null, dueDate: string | null) {
  const json = (value: string | null) => (value === null ? "null" : JSON.stringify(value));
  const canonical =
    `{"text": ${json(text)}, "due_date": ${json(dueDate)}, ` +
    `"responsible_parties": [${[...parties].sort().map(json).join(", ")}], "lead_organisation_id": ${json(leadOrganisationId)}}`;
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

describe("revisions", () => {
  type Revision = {
    number: number;
    text: string;
    responsible_parties: string[];
    lead_organisation_id: string | null;
    due_date: string | null;
    content_hash: string;
    created_by: string | null;
    recomputed: string;
  };
  const revisionsOf = (commitmentId: string) =>
    as(people.worker, (tx) =>
      tx.query<Revision>(
        `select number, text, responsible_parties, lead_organisation_id, due_date::text, content_hash, created_by,
                app.commitment_content_hash(text, responsible_parties, lead_organisation_id, due_date) as recomputed
           from public.commitment_revisions where commitment_id = $1 order by number`,
        [commitmentId],
      ),
    );

  it("makes a new revision for each change of wording, responsible parties, lead organisation or due date, with the hash of what changed", async () => {
    const place = await newPlace();
    const { commitmentId } = place;
    await edit(commitmentId, "text = $2", [NEW_WORDING]);
    await edit(commitmentId, "responsible_parties = $2", [["regulators", "employers"]]);
    await edit(commitmentId, "lead_organisation_id = $2", [orgs.b]);
    await edit(commitmentId, "due_date = $2", ["2027-12-31"]);

    const revisions = await revisionsOf(commitmentId);
    expect(revisions.map((r) => [r.number, r.text, r.responsible_parties, r.lead_organisation_id, r.due_date])).toEqual([
      [1, "We will do the thing we said we would do.", ["employers"], null, null],
      [2, NEW_WORDING, ["employers"], null, null],
      [3, NEW_WORDING, ["regulators", "employers"], null, null],
      [4, NEW_WORDING, ["regulators", "employers"], orgs.b, null],
      [5, NEW_WORDING, ["regulators", "employers"], orgs.b, "2027-12-31"],
    ]);
    for (const r of revisions) {
      expect(r.content_hash, `revision ${r.number}`).toBe(r.recomputed);
      expect(r.content_hash, `revision ${r.number}`).toBe(expectedContentHash(r.text, r.responsible_parties, r.lead_organisation_id, r.due_date));
    }
    expect(new Set(revisions.map((r) => r.content_hash)).size).toBe(5);
    expect(revisions.slice(1).every((r) => r.created_by === people.facilitator.id)).toBe(true);
    const now = await commitmentNow(commitmentId);
    expect(now).toMatchObject({ revision: 5, content_hash: revisions[4].content_hash });
  });

  it("keeps the revision when only the order of the responsible parties, the status, the position or the priority changes", async () => {
    const place = await newPlace();
    const { commitmentId } = place;
    await edit(commitmentId, "responsible_parties = $2", [["employers", "regulators"]]);
    const { content_hash: hash } = (await commitmentNow(commitmentId))!;
    const otherPriority = await as(people.facilitator, (tx) =>
      tx.one<{ id: string }>("insert into public.priorities (strategy_id, position, title) values ($1, 2, 'Career pathways') returning id", [
        place.strategyId,
      ]),
    );
    await edit(commitmentId, "responsible_parties = $2", [["regulators", "employers"]]);
    await edit(commitmentId, "status = 'proposed'");
    await edit(commitmentId, "position = 2");
    await edit(commitmentId, "priority_id = $2, position = 1", [otherPriority!.id]);
    await edit(commitmentId, "status = 'in_progress'");

    expect(await commitmentNow(commitmentId)).toMatchObject({ revision: 2, content_hash: hash, status: "in_progress" });
    expect((await revisionsOf(commitmentId)).map((r) => r.number)).toEqual([1, 2]);
  });

  it("cannot be told its revision or hash: the database keeps both", async () => {
    const place = await newPlace();
    await edit(place.commitmentId, "revision = 9, content_hash = 'forged'");
    const now = await commitmentNow(place.commitmentId);
    expect(now!.revision).toBe(1);
    expect(now!.content_hash).toBe(expectedContentHash("We will do the thing we said we would do.", ["employers"], null, null));
  });
});

describe("staleness", () => {
  it("makes decisions on an earlier revision stale, asks the organisations again, and keeps the objection on the record", async () => {
    const place = await newPlace({ required: [orgs.a, orgs.b, orgs.c], asked: [orgs.a, orgs.b] });
    await decide(people.signatoryA, place, orgs.a);
    await decide(people.signatoryB, place, orgs.b, { decision: "objected", reason: "The date is too soon for councils." });
    let cells = await cellsSeenBy(people.worker, place.commitmentId);
    expect([cells[orgs.a].state, cells[orgs.b].state, cells[orgs.c].state]).toEqual(["endorsed", "objected", "not_requested"]);

    await edit(place.commitmentId, "text = $2", [NEW_WORDING]);

    cells = await cellsSeenBy(people.worker, place.commitmentId);
    for (const org of [orgs.a, orgs.b]) {
      expect(cells[org]).toMatchObject({ state: "stale", decided_revision: 1, current_revision: 2, requested_revision: 2, awaiting_decision: true });
    }
    expect(cells[orgs.c]).toMatchObject({ state: "not_requested", current_revision: 2, requested_revision: null });
    const requests = await requestsOf(place.commitmentId);
    expect(requests.map((r) => [r.revision, r.organisation_id, r.asked_again, r.requested_by])).toEqual([
      ...[orgs.a, orgs.b].sort().map((org) => [1, org, false, people.facilitator.id]),
      ...[orgs.a, orgs.b].sort().map((org) => [2, org, true, people.facilitator.id]),
    ]);

    await decide(people.signatoryB, place, orgs.b);
    cells = await cellsSeenBy(people.worker, place.commitmentId);
    expect(cells[orgs.b]).toMatchObject({ state: "endorsed", decided_revision: 2, awaiting_decision: false });
    const objections = byOrg(await decisionsOf(place.commitmentId), orgs.b);
    expect(objections).toEqual([
      { organisation_id: orgs.b, revision: 1, decision: "objected", reason: "The date is too soon for councils.", conditions: null },
      { organisation_id: orgs.b, revision: 2, decision: "endorsed", reason: null, conditions: null },
    ]);
  });

  it("takes an agreed commitment back to proposed when it changes, until every organisation endorses the new revision", async () => {
    const place = await newPlace();
    await decide(people.signatoryA, place, orgs.a);
    await decide(people.signatoryB, place, orgs.b);
    expect(await commitmentNow(place.commitmentId)).toMatchObject({ revision: 1, status: "agreed", signed_off: true });

    await edit(place.commitmentId, "due_date = $2", ["2028-03-31"]);
    expect(await commitmentNow(place.commitmentId)).toMatchObject({ revision: 2, status: "proposed", signed_off: false });

    await decide(people.signatoryA, place, orgs.a);
    expect(await commitmentNow(place.commitmentId)).toMatchObject({ status: "proposed", signed_off: false });
    expect(await sqlStateOf(decide(people.secondSignatoryA, place, orgs.b))).toBe("42501");
    await decide(people.signatoryB, place, orgs.b);
    expect(await commitmentNow(place.commitmentId)).toMatchObject({ revision: 2, status: "agreed", signed_off: true });
  });

  it("accepts a decision on an earlier revision, which is stale at once", async () => {
    const place = await newPlace();
    await edit(place.commitmentId, "text = $2", [NEW_WORDING]);
    const id = await decide(people.signatoryA, place, orgs.a, { revision: 1 });
    const revision1 = await look((tx) =>
      tx.one<{ content_hash: string }>("select content_hash from public.commitment_revisions where commitment_id = $1 and number = 1", [
        place.commitmentId,
      ]),
    );
    const decision = await as(people.signatoryA, (tx) =>
      tx.one<{ revision: number; content_hash: string }>("select revision, content_hash from public.sign_off_decisions where id = $1", [id]),
    );
    expect(decision).toEqual({ revision: 1, content_hash: revision1!.content_hash });
    expect((await cellsSeenBy(people.signatoryA, place.commitmentId))[orgs.a]).toMatchObject({ state: "stale", current_revision: 2 });
    expect(await sqlStateOf(decide(people.signatoryA, place, orgs.a, { revision: 3 }))).toBe("23503");
  });
});

describe("the agreed rule", () => {
  it("does not count a commitment no organisation is asked to sign off as signed off", async () => {
    const place = await newPlace({ required: [] });
    expect(await commitmentNow(place.commitmentId)).toMatchObject({ signed_off: false, status: "draft" });
  });

  it("agrees a commitment once every organisation endorses its current revision, conditions included", async () => {
    const place = await newPlace();
    await edit(place.commitmentId, "status = 'proposed'");
    await decide(people.signatoryA, place, orgs.a, { decision: "endorsed_with_conditions", conditions: "If the funding is confirmed." });
    expect(await commitmentNow(place.commitmentId)).toMatchObject({ status: "proposed", signed_off: false });
    await decide(people.signatoryB, place, orgs.b);
    expect(await commitmentNow(place.commitmentId)).toMatchObject({ status: "agreed", signed_off: true });
    expect((await cellsSeenBy(people.facilitator, place.commitmentId))[orgs.a]).toMatchObject({
      state: "endorsed_with_conditions",
      conditions: "If the funding is confirmed.",
    });
  });

  it("does not agree a commitment one organisation objected to", async () => {
    const place = await newPlace();
    await decide(people.signatoryA, place, orgs.a);
    await decide(people.signatoryB, place, orgs.b, { decision: "objected" });
    expect(await commitmentNow(place.commitmentId)).toMatchObject({ status: "draft", signed_off: false });
  });

  it("takes an agreed commitment back to proposed when one more organisation must sign it off", async () => {
    const place = await newPlace();
    await decide(people.signatoryA, place, orgs.a);
    await decide(people.signatoryB, place, orgs.b);
    expect(await commitmentNow(place.commitmentId)).toMatchObject({ status: "agreed", signed_off: true });
    await as(people.facilitator, (tx) => requireSignOff(tx, place, [orgs.c]));
    expect(await commitmentNow(place.commitmentId)).toMatchObject({ status: "proposed", signed_off: false });
    await as(people.facilitator, (tx) => askForSignOff(tx, place, [orgs.c]));
    await decide(people.signatoryC, place, orgs.c);
    expect(await commitmentNow(place.commitmentId)).toMatchObject({ status: "agreed", signed_off: true });
  });

  it("agrees a commitment when the only organisation that had not endorsed is no longer asked", async () => {
    const place = await newPlace();
    await decide(people.signatoryA, place, orgs.a, { decision: "endorsed" });
    await as(people.facilitator, (tx) =>
      tx.query("delete from public.sign_off_organisations where commitment_id = $1 and organisation_id = $2", [place.commitmentId, orgs.b]),
    );
    const row = await look((tx) => tx.one<{ status: string }>("select status from public.commitments where id = $1", [place.commitmentId]));
    expect(row).toEqual({ status: "agreed" });
  });

  it("asks a new commitment's priority defaults when it has any, else the strategy's, and never calls it agreed before they endorse", async () => {
    const place = await newPlace({ required: [] });
    const ids = await as(people.facilitator, async (tx) => {
      const other = await tx.one<{ id: string }>(
        "insert into public.priorities (strategy_id, position, title) values ($1, 2, 'Career pathways') returning id",
        [place.strategyId],
      );
      await tx.query(
        `insert into public.sign_off_defaults (strategy_id, priority_id, organisation_id)
         values ($1, null, $2), ($1, null, $3), ($1, $4, $5)`,
        [place.strategyId, orgs.a, orgs.b, other!.id, orgs.c],
      );
      const add = (priorityId: string, position: number, status: string) =>
        tx
          .one<{ id: string }>(
            `insert into public.commitments (strategy_id, priority_id, position, text, responsible_parties, status)
             values ($1, $2, $3, 'We will publish vacancy rates every quarter.', '{employers}', $4) returning id`,
            [place.strategyId, priorityId, position, status],
          )
          .then((row) => row!.id);
      return { strategyWide: await add(place.priorityId, 2, "draft"), perPriority: await add(other!.id, 1, "agreed") };
    });
    const required = (commitmentId: string) =>
      as(people.worker, (tx) =>
        tx.query<{ organisation_id: string }>("select organisation_id from public.sign_off_organisations where commitment_id = $1", [commitmentId]),
      ).then((rows) => rows.map((r) => r.organisation_id).sort());
    expect(await required(ids.strategyWide)).toEqual([orgs.a, orgs.b].sort());
    expect(await required(ids.perPriority)).toEqual([orgs.c]);
    expect(await required(place.commitmentId)).toEqual([]);
    expect(await commitmentNow(ids.perPriority)).toMatchObject({ status: "proposed", signed_off: false });
  });

  it("refuses a facilitator setting a commitment agreed by hand before every organisation has endorsed it (23514)", async () => {
    const place = await newPlace();
    await decide(people.signatoryA, place, orgs.a);
    expect(await sqlStateOf(edit(place.commitmentId, "status = 'agreed'"))).toBe("23514");
    expect(await sqlStateOf(edit(place.commitmentId, "status = 'agreed', text = $2", [NEW_WORDING]))).toBe("23514");
    expect(await commitmentNow(place.commitmentId)).toMatchObject({ status: "draft", revision: 1 });
  });

  it("lets a facilitator agree by hand a commitment no organisation is asked to sign off", async () => {
    const place = await newPlace({ required: [] });
    await edit(place.commitmentId, "status = 'agreed'");
    expect(await commitmentNow(place.commitmentId)).toMatchObject({ status: "agreed" });
  });

  it("needs conditions exactly when endorsing with conditions, and a reason exactly when objecting (23514)", async () => {
    const place = await newPlace();
    const refusals: [string, Decide][] = [
      ["conditions missing", { decision: "endorsed_with_conditions", conditions: null }],
      ["conditions too short", { decision: "endorsed_with_conditions", conditions: "  ok  " }],
      ["conditions on a plain endorsement", { decision: "endorsed", conditions: "If the funding is confirmed." }],
      ["reason missing", { decision: "objected", reason: null }],
      ["reason blank", { decision: "objected", reason: "    " }],
      ["reason on an endorsement", { decision: "endorsed", reason: "Because we like it." }],
      ["conditions on an objection", { decision: "objected", conditions: "If the funding is confirmed." }],
    ];
    for (const [why, options] of refusals) {
      expect(await sqlStateOf(decide(people.signatoryA, place, orgs.a, options)), why).toBe("23514");
    }
    expect(await sqlStateOf(decide(people.signatoryA, place, orgs.a, { decision: "withdrawn" as SignOffDecision }))).toBe("23514");
    expect(await decisionsOf(place.commitmentId)).toEqual([]);
  });

  it("refuses a decision on an archived commitment (23514)", async () => {
    const place = await newPlace();
    await edit(place.commitmentId, "archived_at = now()");
    expect(await sqlStateOf(decide(people.signatoryA, place, orgs.a))).toBe("23514");
  });
});

/** Runs a transaction that holds its lock until released, once `first` has run in it. */
function heldOpen<T>(who: TestUser, first: (tx: Tx) => Promise<T>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const done = as(who, async (tx) => {
    const value = await first(tx);
    markStarted();
    await released;
    return value;
  });
  // If the first statement fails, let whoever waits for it go on and see the failure.
  done.catch(() => markStarted());
  return { started, release, done };
}

/** Waits until `count` connections to this database are waiting for a lock. */
async function waitUntilBlockedOnALock(count = 1) {
  for (;;) {
    const row = await look((tx) =>
      tx.one<{ waiting: number }>(
        "select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      ),
    );
    if (row!.waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("two people at once", () => {
  it("counts exactly one decision when two signatories of the same organisation decide the same revision together; the other gets 23505", async () => {
    const place = await newPlace();
    let outcomes: PromiseSettledResult<string>[];
    if (db.kind === "postgres") {
      // Two connections: the first has inserted and not committed when the second tries.
      const first = heldOpen(people.signatoryA, (tx) => insertDecision(tx, people.signatoryA, place, orgs.a, { revision: 1 }));
      await first.started;
      const second = decide(people.secondSignatoryA, place, orgs.a, { revision: 1, decision: "objected" });
      await waitUntilBlockedOnALock();
      first.release();
      outcomes = await Promise.allSettled([first.done, second]);
    } else {
      // PGlite has one connection, so the two transactions run one after the other.
      outcomes = await Promise.allSettled([
        decide(people.signatoryA, place, orgs.a, { revision: 1 }),
        decide(people.secondSignatoryA, place, orgs.a, { revision: 1, decision: "objected" }),
      ]);
    }
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected"]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: "23505" });
    expect(byOrg(await decisionsOf(place.commitmentId), orgs.a)).toEqual([
      { organisation_id: orgs.a, revision: 1, decision: "endorsed", reason: null, conditions: null },
    ]);
  });

  it("still counts one decision, refusing the other with 23505, when theirs is the last endorsement needed", async () => {
    const place = await newPlace();
    await decide(people.signatoryB, place, orgs.b);
    let outcomes: PromiseSettledResult<string>[];
    if (db.kind === "postgres") {
      // The first decision makes the commitment agreed, so it must change the commitment's row while the second waits.
      const first = heldOpen(people.signatoryA, (tx) => insertDecision(tx, people.signatoryA, place, orgs.a, { revision: 1 }));
      await first.started;
      const second = decide(people.secondSignatoryA, place, orgs.a, { revision: 1, decision: "objected" });
      await waitUntilBlockedOnALock();
      first.release();
      outcomes = await Promise.allSettled([first.done, second]);
    } else {
      outcomes = await Promise.allSettled([
        decide(people.signatoryA, place, orgs.a, { revision: 1 }),
        decide(people.secondSignatoryA, place, orgs.a, { revision: 1, decision: "objected" }),
      ]);
    }
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected"]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: "23505" });
    expect(await commitmentNow(place.commitmentId)).toMatchObject({ status: "agreed", signed_off: true });
  });

  it("still counts one decision, refusing the other with 23505, when both arrive while someone else is writing", async () => {
    const place = await newPlace();
    await decide(people.signatoryB, place, orgs.b);
    let outcomes: PromiseSettledResult<string>[];
    if (db.kind === "postgres") {
      // Every audited write waits its turn for the audit log, so a third person's change in progress
      // holds both decisions between reading the commitment and making it agreed.
      const meanwhile = heldOpen(people.facilitator, (tx) =>
        tx.query("update public.priorities set title = 'Workforce, renamed' where id = $1", [place.priorityId]),
      );
      await meanwhile.started;
      const first = decide(people.signatoryA, place, orgs.a, { revision: 1 });
      await waitUntilBlockedOnALock(1);
      const second = decide(people.secondSignatoryA, place, orgs.a, { revision: 1, decision: "objected" });
      await waitUntilBlockedOnALock(2);
      meanwhile.release();
      await meanwhile.done;
      outcomes = await Promise.allSettled([first, second]);
    } else {
      outcomes = await Promise.allSettled([
        decide(people.signatoryA, place, orgs.a, { revision: 1 }),
        decide(people.secondSignatoryA, place, orgs.a, { revision: 1, decision: "objected" }),
      ]);
    }
    expect(outcomes.map((o) => (o.status === "rejected" ? (o.reason as { code: string }).code : o.status))).toEqual(["fulfilled", "23505"]);
    expect(byOrg(await decisionsOf(place.commitmentId), orgs.a).map((d) => d.decision)).toEqual(["endorsed"]);
    expect(await commitmentNow(place.commitmentId)).toMatchObject({ status: "agreed", signed_off: true });
  });

  it("agrees the commitment when the last two endorsements needed arrive together from two organisations", async () => {
    const place = await newPlace();
    if (db.kind === "postgres") {
      // Neither may decide, from what it can see, that the other has not endorsed yet.
      const first = heldOpen(people.signatoryA, (tx) => insertDecision(tx, people.signatoryA, place, orgs.a, { revision: 1 }));
      await first.started;
      const second = decide(people.signatoryB, place, orgs.b, { revision: 1 });
      await Promise.race([waitUntilBlockedOnALock(), second]);
      first.release();
      await Promise.all([first.done, second]);
    } else {
      await Promise.all([decide(people.signatoryA, place, orgs.a, { revision: 1 }), decide(people.signatoryB, place, orgs.b, { revision: 1 })]);
    }
    expect(await commitmentNow(place.commitmentId)).toMatchObject({ status: "agreed", signed_off: true });
  });

  it("binds a decision made while the commitment is being edited to the revision the signatory saw, stale once the edit is in", async () => {
    const place = await newPlace({ required: [orgs.a] });
    const seen = await revisionSeenBy(people.signatoryA, place.commitmentId);
    expect(seen).toBe(1);
    let decisionId: string;
    if (db.kind === "postgres") {
      // The edit holds the commitment's row; the decision waits to lock it, then lands on revision 1.
      const editing = heldOpen(people.facilitator, (tx) =>
        tx.query("update public.commitments set text = $2 where id = $1", [place.commitmentId, NEW_WORDING]),
      );
      await editing.started;
      let decided = false;
      const deciding = decide(people.signatoryA, place, orgs.a, { revision: seen }).finally(() => (decided = true));
      await waitUntilBlockedOnALock();
      expect(decided).toBe(false);
      editing.release();
      await editing.done;
      decisionId = await deciding;
    } else {
      // PGlite has one connection: the edit, asked for first, commits first.
      [, decisionId] = await Promise.all([
        edit(place.commitmentId, "text = $2", [NEW_WORDING]),
        decide(people.signatoryA, place, orgs.a, { revision: seen }),
      ]);
    }
    const revisions = await look((tx) =>
      tx.query<{ number: number; content_hash: string }>(
        "select number, content_hash from public.commitment_revisions where commitment_id = $1 order by number",
        [place.commitmentId],
      ),
    );
    const decision = await as(people.facilitator, (tx) =>
      tx.one<{ revision: number; content_hash: string }>("select revision, content_hash from public.sign_off_decisions where id = $1", [
        decisionId,
      ]),
    );
    expect(revisions.map((r) => r.number)).toEqual([1, 2]);
    expect(decision).toEqual({ revision: 1, content_hash: revisions[0].content_hash });
    expect((await cellsSeenBy(people.facilitator, place.commitmentId))[orgs.a]).toMatchObject({
      state: "stale",
      decided_revision: 1,
      current_revision: 2,
      awaiting_decision: true,
    });
    expect(await commitmentNow(place.commitmentId)).toMatchObject({ revision: 2, status: "draft", signed_off: false });
  });
});

describe("published versions", () => {
  type Publication = {
    id: string;
    number: number;
    title: string;
    snapshot: {
      strategy: { title: string };
      priorities: { title: string; commitments: { id: string; text: string; agreed: boolean; sign_offs: { organisation: string; state: string }[] }[] }[];
      statements: unknown[];
    };
    content_hash: string;
    commitments_total: number;
    commitments_agreed: number;
    all_agreed: boolean;
    override_reason: string | null;
    published_by: string;
    published_by_name: string;
    hash_of_snapshot: string;
  };

  const publish = (who: TestUser, strategyId: string, reason: string | null) =>
    as(who, (tx) =>
      tx.one<{ id: string }>("insert into public.strategy_publications (strategy_id, override_reason) values ($1, $2) returning id", [
        strategyId,
        reason,
      ]),
    ).then((row) => row!.id);

  const publicationsOf = (strategyId: string) =>
    as(null, (tx) =>
      tx.query<Publication>(
        `select p.*, encode(sha256(convert_to(p.snapshot::text, 'UTF8')), 'hex') as hash_of_snapshot
           from public.strategy_publications p where strategy_id = $1 order by number`,
        [strategyId],
      ),
    );

  it("refuses to publish without a reason while a commitment is not agreed (23514)", async () => {
    const place = await newPlace({ visibility: "public" });
    for (const reason of [null, "", "     ", "Too short"]) {
      expect(await sqlStateOf(publish(people.facilitator, place.strategyId, reason)), String(reason)).toBe("23514");
    }
    expect(await publicationsOf(place.strategyId)).toEqual([]);
  });

  it("publishes anyway with a reason, then without one once all is agreed, numbering versions 1, 2, 3 and keeping each as it was", async () => {
    const place = await newPlace({ visibility: "public" });
    await decide(people.signatoryA, place, orgs.a, { decision: "endorsed_with_conditions", conditions: "If the funding is confirmed." });
    await decide(people.signatoryB, place, orgs.b, { decision: "objected", reason: "The date is too soon for councils." });
    const firstId = await publish(people.facilitator, place.strategyId, "  The board meets before ADASS can sign.  ");

    expect(await sqlStateOf(decide(people.signatoryB, place, orgs.b, { decision: "endorsed", revision: 1 }))).toBe("23505");
    await edit(place.commitmentId, "text = $2", [NEW_WORDING]);
    await decide(people.signatoryA, place, orgs.a);
    await decide(people.signatoryB, place, orgs.b);
    await publish(people.facilitator, place.strategyId, "A reason no longer needed.");
    await publish(people.facilitator, place.strategyId, null);

    const [first, second, third] = await publicationsOf(place.strategyId);
    expect(first).toMatchObject({
      id: firstId,
      number: 1,
      commitments_total: 1,
      commitments_agreed: 0,
      all_agreed: false,
      override_reason: "The board meets before ADASS can sign.",
      published_by: people.facilitator.id,
      published_by_name: "Fatima Facilitator",
    });
    expect(first.title).toBe(first.snapshot.strategy.title);
    expect(first.content_hash).toBe(first.hash_of_snapshot);
    const [priority] = first.snapshot.priorities;
    expect(priority.title).toBe("A priority");
    expect(priority.commitments).toHaveLength(1);
    expect(priority.commitments[0]).toMatchObject({
      id: place.commitmentId,
      text: "We will do the thing we said we would do.",
      revision: 1,
      agreed: false,
    });
    expect(priority.commitments[0].sign_offs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ state: "endorsed_with_conditions", conditions: "If the funding is confirmed.", signed_by_name: "Ana Signatory" }),
        expect.objectContaining({ state: "objected", reason: "The date is too soon for councils.", signed_by_name: "Benji" }),
      ]),
    );
    expect(first.snapshot).toHaveProperty("statements");

    for (const later of [second, third]) {
      expect(later).toMatchObject({ commitments_total: 1, commitments_agreed: 1, all_agreed: true, override_reason: null });
      expect(later.snapshot.priorities[0].commitments[0]).toMatchObject({ text: NEW_WORDING, revision: 2, agreed: true });
    }
    expect([first, second, third].map((p) => p.number)).toEqual([1, 2, 3]);
  });

  it("numbers two versions published at the same moment 1 and 2", async () => {
    const place = await newPlace({ visibility: "public" });
    const reason = "The board meets before anyone can sign.";
    if (db.kind === "postgres") {
      const first = heldOpen(people.facilitator, (tx) =>
        tx.query("insert into public.strategy_publications (strategy_id, override_reason) values ($1, $2)", [place.strategyId, reason]),
      );
      await first.started;
      const second = publish(people.facilitator, place.strategyId, reason);
      await waitUntilBlockedOnALock();
      first.release();
      await Promise.all([first.done, second]);
    } else {
      await Promise.all([publish(people.facilitator, place.strategyId, reason), publish(people.facilitator, place.strategyId, reason)]);
    }
    expect((await publicationsOf(place.strategyId)).map((p) => p.number)).toEqual([1, 2]);
  });

  it("lets only a facilitator of the strategy publish", async () => {
    const place = await newPlace({ required: [] });
    const reason = "Nobody has been asked to sign off yet.";
    const { signatoryA, partnerA, worker, outsider } = people;
    for (const [name, who] of Object.entries({ signatoryA, partnerA, worker, outsider })) {
      expect(await sqlStateOf(publish(who, place.strategyId, reason)), name).toBe("42501");
    }
    expect(await sqlStateOf(as(null, (tx) => tx.query("insert into public.strategy_publications (strategy_id) values ($1)", [place.strategyId])))).toBe(
      "42501",
    );
    expect(await as(people.facilitator, (tx) => tx.query("select id from public.strategy_publications where strategy_id = $1", [place.strategyId]))).toEqual([]);
  });
});

describe("the audit trail of sign-off", () => {
  type Entry = { seq: string; entity_type: string; entity_id: string; action: string; actor_id: string | null; details: Record<string, unknown> };

  /** A strategy-wide default, a required organisation, a request, two decisions, an edit and a publication. */
  async function story() {
    const place = await newPlace({ required: [orgs.a], asked: [orgs.a] });
    const defaultId = await as(people.facilitator, async (tx) => {
      const row = await tx.one<{ id: string }>("insert into public.sign_off_defaults (strategy_id, organisation_id) values ($1, $2) returning id", [
        place.strategyId,
        orgs.b,
      ]);
      await requireSignOff(tx, place, [orgs.b]);
      await askForSignOff(tx, place, [orgs.b]);
      return row!.id;
    });
    const objection = await decide(people.signatoryB, place, orgs.b, { decision: "objected", reason: "The date is too soon for councils." });
    await decide(people.signatoryA, place, orgs.a);
    await edit(place.commitmentId, "text = $2", [NEW_WORDING]);
    const publicationId = await as(people.facilitator, (tx) =>
      tx.one<{ id: string }>(
        "insert into public.strategy_publications (strategy_id, override_reason) values ($1, 'ADASS has not agreed yet.') returning id",
        [place.strategyId],
      ),
    );
    return { ...place, defaultId, objection, publicationId: publicationId!.id };
  }

  const entriesOf = (strategyId: string) =>
    look((tx) =>
      tx.query<Entry>(
        "select seq::text, entity_type, entity_id, action, actor_id, details from public.audit_log where strategy_id = $1 order by seq",
        [strategyId],
      ),
    );

  it("records the organisations asked, the requests and the decisions under the commitment, and each published version", async () => {
    const s = await story();
    const entries = await entriesOf(s.strategyId);
    const of = (type: string) => entries.filter((e) => e.entity_type === type);

    expect(of("sign_off_default")).toEqual([
      expect.objectContaining({ entity_id: s.defaultId, action: "created", actor_id: people.facilitator.id }),
    ]);
    expect(of("sign_off_organisation").map((e) => [e.entity_id, e.action, e.details.organisation_id])).toEqual([
      [s.commitmentId, "created", orgs.a],
      [s.commitmentId, "created", orgs.b],
    ]);
    const requests = of("sign_off_request").map((e) => [e.entity_id, e.details.revision, e.details.organisation_id, e.details.asked_again]);
    expect(requests.slice(0, 2)).toEqual([
      [s.commitmentId, 1, orgs.a, false],
      [s.commitmentId, 1, orgs.b, false],
    ]);
    // Both are asked again in one statement, in no particular order.
    expect(requests.slice(2).sort()).toEqual([
      [s.commitmentId, 2, orgs.a, true],
      [s.commitmentId, 2, orgs.b, true],
    ].sort());
    expect(of("sign_off_decision").map((e) => [e.entity_id, e.actor_id, e.details.organisation_id, e.details.decision, e.details.revision])).toEqual([
      [s.commitmentId, people.signatoryB.id, orgs.b, "objected", 1],
      [s.commitmentId, people.signatoryA.id, orgs.a, "endorsed", 1],
    ]);
    expect(of("sign_off_decision")[0].details).toMatchObject({ id: s.objection, reason: "The date is too soon for councils.", signed_by_name: "Benji" });

    const [published] = of("publication");
    expect(published).toMatchObject({ entity_id: s.publicationId, action: "created", actor_id: people.facilitator.id });
    expect(published.details).toMatchObject({ number: 1, override_reason: "ADASS has not agreed yet.", all_agreed: false });
    expect(published.details).not.toHaveProperty("snapshot");

    const edited = of("commitment").filter((e) => e.action === "updated");
    expect(edited).toHaveLength(1);
    expect(edited[0].details).toEqual({
      changes: { text: { from: "We will do the thing we said we would do.", to: NEW_WORDING }, revision: { from: 1, to: 2 } },
    });
  });

  /**
   * Changes the log as the database owner with the append-only guard off, runs `check`, then puts
   * the row back exactly as it was (see audit.test.ts, which tampers the same way).
   */
  async function tamperWith(seq: number, sql: string, check: () => Promise<void>) {
    const original = await look((tx) => tx.one<{ row: string }>("select to_jsonb(a)::text as row from public.audit_log a where seq = $1", [seq]));
    const unguarded = (fn: (tx: Tx) => Promise<unknown>) =>
      look(async (tx) => {
        await tx.query("alter table public.audit_log disable trigger audit_log_no_update");
        await tx.query("alter table public.audit_log disable trigger audit_log_chain");
        await fn(tx);
        await tx.query("alter table public.audit_log enable trigger audit_log_chain");
        await tx.query("alter table public.audit_log enable trigger audit_log_no_update");
      });
    await unguarded((tx) => tx.query(sql, [seq]));
    try {
      await check();
    } finally {
      await unguarded(async (tx) => {
        await tx.query("delete from public.audit_log where seq = $1", [seq]);
        await tx.query("insert into public.audit_log select * from jsonb_populate_record(null::public.audit_log, $1::jsonb)", [original!.row]);
      });
    }
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  }

  async function decisionEntry() {
    const s = await story();
    const entry = (await entriesOf(s.strategyId)).find((e) => e.entity_type === "sign_off_decision" && e.details.id === s.objection);
    return Number(entry!.seq);
  }

  it("verifies an untouched chain that holds sign-off events", async () => {
    await story();
    const kinds = await look((tx) =>
      tx.query<{ entity_type: string }>("select distinct entity_type from public.audit_log where entity_type like 'sign_off%' or entity_type = 'publication' order by 1"),
    );
    expect(kinds.map((k) => k.entity_type)).toEqual(["publication", "sign_off_decision", "sign_off_default", "sign_off_organisation", "sign_off_request"]);
    const count = await look((tx) => tx.one<{ n: number }>("select count(*)::int as n from public.audit_log"));
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: count!.n, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("names a decision's entry as the first broken link when its details are changed", async () => {
    const seq = await decisionEntry();
    await tamperWith(
      seq,
      `update public.audit_log set details = jsonb_set(details, '{decision}', '"endorsed"') - 'reason' where seq = $1`,
      async () => {
        expect(await verifyAuditChain(db)).toEqual({ ok: false, firstBrokenSeq: seq, reason: expect.stringContaining("do not match its hash") });
      },
    );
  });

  it("names a decision's entry as the first broken link when it is removed", async () => {
    const seq = await decisionEntry();
    await tamperWith(seq, "delete from public.audit_log where seq = $1", async () => {
      expect(await verifyAuditChain(db)).toEqual({
        ok: false,
        firstBrokenSeq: seq,
        reason: `entry ${seq} is missing (the next entry is ${seq + 1})`,
      });
    });
  });
});
