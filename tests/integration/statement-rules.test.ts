import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims, Tx } from "../../app/platform/db.server";
import type { Role } from "../../app/domain/roles";
import { describeAuditEntry } from "../../app/domain/audit-summary";
import { historyKindEntityTypes } from "../../app/domain/audit";
import { listStrategyHistory } from "../../app/models/audit.server";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { addMember, createOrganisation, createStrategy, createUser, type TestUser } from "../support/factories";

/*
 * The rules the database keeps for statements, whatever calls it: status changes, the
 * lived-experience gate, versions, endorsements bound to the text, threads, links and their
 * history. Every case acts as a client role (authenticated or anon) through db.asUser, or as the
 * service role where the collaboration server would; the owner role is used only to look.
 */

let db: TestDatabase;

type PgError = Error & { code: string; hint?: string };

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** The error code (and hint, when there is one) a refused action failed with; undefined when it succeeded. */
async function refusal(action: Promise<unknown>): Promise<{ code: string; hint?: string } | undefined> {
  return action.then(
    () => undefined,
    (error: PgError) => {
      if (typeof error?.code !== "string") throw error;
      return error.hint ? { code: error.code, hint: error.hint } : { code: error.code };
    },
  );
}

const as = <T>(who: TestUser | null, fn: (tx: Tx) => Promise<T>) => db.asUser(who ? who.claims : (null as Claims | null), fn);
const look = <T>(fn: (tx: Tx) => Promise<T>) => db.asOwner(fn);

type People = Record<Role | "outsider" | "second_lived_experience", TestUser>;
let people: People;
/** A strategy where each person holds the one role they are named after. */
let strategyId: string;
let priorityId: string;
let commitmentId: string;
/** Another strategy, whose items must not be mixed with the first one's. */
let other: { strategyId: string; priorityId: string; commitmentId: string; iStatementId: string };

const CO_WRITERS = ["facilitator", "lived_experience", "worker", "partner", "signatory", "evaluator"] as const;

/** Creates a statement as `by`; the strategy defaults to the shared one. */
async function newStatement(
  { kind = "i" as "i" | "we", by = people.facilitator, strategy = strategyId, title = "I can get help when I need it" } = {},
): Promise<string> {
  const row = await as(by, (tx) =>
    tx.one<{ id: string }>(
      `insert into public.statements (strategy_id, kind, title, theme, created_by)
       values ($1, $2, $3, 'flexible_integrated_care', $4) returning id`,
      [strategy, kind, title, by.id],
    ),
  );
  return row!.id;
}

/** What the collaboration server does when it stores a document: new derived text, hash and version. */
async function storeText(statementId: string, text: string): Promise<string> {
  const hash = sha256(`${statementId}:${text}`);
  await db.asService("test: store a statement's text, as the collaboration server does", (tx) =>
    tx.query(
      `update public.statements
          set body_json = jsonb_build_object('type', 'doc', 'content', jsonb_build_array(jsonb_build_object(
                'type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', $2::text))))),
              body_text = $2, content_hash = $3, content_version = content_version + 1, content_updated_at = now()
        where id = $1`,
      [statementId, text, hash],
    ),
  );
  return hash;
}

/** Records writing measured by the collaboration server. */
async function recordWriting(statementId: string, who: TestUser, roleGroup: string, charsAdded: number) {
  await db.asService("test: record writing, as the collaboration server does", (tx) =>
    tx.query(
      `insert into public.statement_contributions (strategy_id, statement_id, user_id, role_group, chars_added, edits)
       select strategy_id, id, $2, $3, $4, 1 from public.statements where id = $1`,
      [statementId, who.id, roleGroup, charsAdded],
    ),
  );
}

const setStatus = (who: TestUser | null, statementId: string, status: string) =>
  as(who, (tx) => tx.query("select app.set_statement_status($1, $2)", [statementId, status]));

async function statusOf(statementId: string) {
  const row = await look((tx) => tx.one<{ status: string }>("select status from public.statements where id = $1", [statementId]));
  return row!.status;
}

const blockerOf = (who: TestUser, statementId: string) =>
  as(who, (tx) => tx.one<{ blocker: string | null }>("select app.statement_agreement_blocker($1) as blocker", [statementId])).then(
    (r) => r!.blocker,
  );

async function endorse(who: TestUser, statementId: string, contentHash: string, strategy = strategyId) {
  const row = await as(who, (tx) =>
    tx.one<{ id: string }>(
      `insert into public.statement_endorsements (strategy_id, statement_id, user_id, content_hash, content_version)
       values ($1, $2, $3, $4, 0) returning id`,
      [strategy, statementId, who.id, contentHash],
    ),
  );
  return row!.id;
}

async function comment(who: TestUser, statementId: string, body: string, parentId: string | null = null, strategy = strategyId) {
  const row = await as(who, (tx) =>
    tx.one<{ id: string }>(
      `insert into public.statement_comments (strategy_id, statement_id, parent_id, author_id, body)
       values ($1, $2, $3, $4, $5) returning id`,
      [strategy, statementId, parentId, who.id, body],
    ),
  );
  return row!.id;
}

/** A statement with text, moved into review by a co-writer. */
async function statementInReview(text = "I can get help when I need it, from people who know me.") {
  const id = await newStatement();
  const hash = await storeText(id, text);
  await setStatus(people.worker, id, "in_review");
  return { id, hash };
}

async function requireLivedExperience(required: boolean) {
  await as(people.facilitator, (tx) =>
    tx.query("update public.strategies set require_lived_experience_to_agree = $2 where id = $1", [strategyId, required]),
  );
}

/** Audit entries about one statement (its own and those of its links, versions, comments, endorsements), oldest first. */
function auditOf(statementId: string) {
  return look((tx) =>
    tx.query<{ entityType: string; action: string; actorId: string | null; details: Record<string, unknown> }>(
      `select entity_type as "entityType", action, actor_id as "actorId", details
         from public.audit_log where entity_id = $1 order by seq`,
      [statementId],
    ),
  );
}

beforeAll(async () => {
  db = await openTestDatabase();
  const names = [
    "facilitator",
    "lived_experience",
    "second_lived_experience",
    "worker",
    "partner",
    "signatory",
    "evaluator",
    "observer",
    "outsider",
  ] as const;
  people = {} as People;
  for (const name of names) people[name] = await createUser(db, { displayName: name });
  ({ strategyId, priorityId, commitmentId } = await createStrategy(db, people.facilitator));
  const organisationId = await createOrganisation(db);
  for (const role of ["lived_experience", "worker", "partner", "signatory", "evaluator", "observer"] as const) {
    await addMember(db, people.facilitator, strategyId, people[role], [{ role, organisationId: role === "signatory" ? organisationId : undefined }]);
  }
  await addMember(db, people.facilitator, strategyId, people.second_lived_experience, [{ role: "lived_experience" }, { role: "partner" }]);
  const outside = await createStrategy(db, people.outsider);
  other = {
    ...outside,
    iStatementId: await newStatement({ by: people.outsider, strategy: outside.strategyId, title: "I can live at home" }),
  };
});

afterAll(async () => {
  await db?.dispose();
});

describe("the database acts for", () => {
  it("client roles that Row Level Security applies to", async () => {
    const role = await as(people.worker, (tx) =>
      tx.one<{ name: string; bypasses: boolean }>("select rolname as name, rolsuper or rolbypassrls as bypasses from pg_roles where rolname = current_user"),
    );
    expect(role).toEqual({ name: "authenticated", bypasses: false });
  });
});

describe("app.set_statement_status", () => {
  for (const writer of CO_WRITERS) {
    it(`lets a ${writer} send a draft for review and take it back to draft`, async () => {
      const id = await newStatement();
      await setStatus(people[writer], id, "in_review");
      expect(await statusOf(id)).toBe("in_review");
      await setStatus(people[writer], id, "draft");
      expect(await statusOf(id)).toBe("draft");
    });
  }

  it("refuses an observer, an outsider and a visitor", async () => {
    const id = await newStatement();
    expect(await refusal(setStatus(people.observer, id, "in_review"))).toEqual({ code: "42501" });
    expect(await refusal(setStatus(people.outsider, id, "in_review"))).toEqual({ code: "P0002" });
    expect(await refusal(setStatus(null, id, "in_review"))).toEqual({ code: "42501" });
    expect(await statusOf(id)).toBe("draft");
  });

  it("lets only a facilitator agree, publish and reopen", async () => {
    const { id } = await statementInReview();
    for (const role of ["lived_experience", "worker", "partner", "signatory", "evaluator", "observer"] as const) {
      expect(await refusal(setStatus(people[role], id, "agreed")), role).toEqual({ code: "42501" });
    }
    await setStatus(people.facilitator, id, "agreed");
    expect(await statusOf(id)).toBe("agreed");

    expect(await refusal(setStatus(people.worker, id, "in_review"))).toEqual({ code: "42501" });
    expect(await refusal(setStatus(people.partner, id, "published"))).toEqual({ code: "42501" });
    await setStatus(people.facilitator, id, "published");
    expect(await statusOf(id)).toBe("published");

    expect(await refusal(setStatus(people.lived_experience, id, "in_review"))).toEqual({ code: "42501" });
    await setStatus(people.facilitator, id, "in_review");
    expect(await statusOf(id)).toBe("in_review");

    await setStatus(people.facilitator, id, "agreed");
    await setStatus(people.facilitator, id, "in_review");
    expect(await statusOf(id)).toBe("in_review");
  });

  const illegal: [from: string, to: string][] = [
    ["draft", "agreed"],
    ["draft", "published"],
    ["in_review", "published"],
    ["agreed", "draft"],
    ["published", "draft"],
    ["published", "agreed"],
  ];
  for (const [from, to] of illegal) {
    it(`refuses a jump from ${from} to ${to}, even to a facilitator`, async () => {
      const { id } = await statementInReview();
      const path: Record<string, string[]> = {
        draft: ["draft"],
        in_review: [],
        agreed: ["agreed"],
        published: ["agreed", "published"],
      };
      for (const step of path[from]) await setStatus(people.facilitator, id, step);
      expect(await statusOf(id)).toBe(from);
      expect(await refusal(setStatus(people.facilitator, id, to))).toEqual({ code: "22023" });
      expect(await statusOf(id)).toBe(from);
    });
  }

  it("refuses a status it does not know", async () => {
    const id = await newStatement();
    expect(await refusal(setStatus(people.facilitator, id, "final"))).toEqual({ code: "22023" });
  });

  it("does nothing when the status is already the one asked for", async () => {
    const id = await newStatement();
    const before = await auditOf(id);
    await setStatus(people.worker, id, "draft");
    expect(await auditOf(id)).toEqual(before);
  });

  it("refuses to agree a statement with no text", async () => {
    const id = await newStatement();
    await setStatus(people.worker, id, "in_review");
    expect(await refusal(setStatus(people.facilitator, id, "agreed"))).toEqual({ code: "23514", hint: "empty" });
    expect(await blockerOf(people.facilitator, id)).toBe("empty");
  });

  it("changes nothing on an archived statement until it is restored", async () => {
    const id = await newStatement();
    await as(people.worker, (tx) => tx.query("update public.statements set archived_at = now() where id = $1", [id]));
    expect(await refusal(setStatus(people.worker, id, "in_review"))).toEqual({ code: "42501" });
    await as(people.worker, (tx) => tx.query("update public.statements set archived_at = null where id = $1", [id]));
    await setStatus(people.worker, id, "in_review");
    expect(await statusOf(id)).toBe("in_review");
  });

  it("cannot be bypassed by writing the status column", async () => {
    const id = await newStatement();
    expect(
      await refusal(as(people.facilitator, (tx) => tx.query("update public.statements set status = 'published' where id = $1", [id]))),
    ).toEqual({ code: "42501" });
    expect(await statusOf(id)).toBe("draft");
  });
});

describe("the lived-experience gate (“nothing about us without us”)", () => {
  beforeAll(() => requireLivedExperience(true));
  afterAll(() => requireLivedExperience(false));

  it("blocks agreement until a person with lived experience has written and endorsed the current text", async () => {
    const { id, hash } = await statementInReview();
    const blocked = { code: "23514", hint: "no_lived_experience_contribution" };
    expect(await blockerOf(people.facilitator, id)).toBe("no_lived_experience_contribution");
    expect(await refusal(setStatus(people.facilitator, id, "agreed"))).toEqual(blocked);

    // Others' writing and endorsements do not count.
    await recordWriting(id, people.worker, "worker", 200);
    await endorse(people.worker, id, hash);
    expect(await refusal(setStatus(people.facilitator, id, "agreed"))).toEqual(blocked);

    await recordWriting(id, people.lived_experience, "lived_experience", 40);
    expect(await blockerOf(people.facilitator, id)).toBe("no_lived_experience_endorsement");
    expect(await refusal(setStatus(people.facilitator, id, "agreed"))).toEqual({ code: "23514", hint: "no_lived_experience_endorsement" });

    await endorse(people.lived_experience, id, hash);
    expect(await blockerOf(people.facilitator, id)).toBeNull();

    // An endorsement is of the text as it was: once the text changes, it no longer counts.
    const newHash = await storeText(id, "I can get help when I need it, from people who know me and my family.");
    expect(await blockerOf(people.facilitator, id)).toBe("no_lived_experience_endorsement");
    await endorse(people.second_lived_experience, id, newHash);
    expect(await blockerOf(people.facilitator, id)).toBeNull();
    await setStatus(people.facilitator, id, "agreed");
    expect(await statusOf(id)).toBe("agreed");
  });

  it("counts a comment by a person with lived experience as contributing", async () => {
    const { id } = await statementInReview();
    await comment(people.lived_experience, id, "This should say who I can call at night.");
    expect(await blockerOf(people.facilitator, id)).toBe("no_lived_experience_endorsement");
  });

  it("does not count writing that added and removed nothing", async () => {
    const { id } = await statementInReview();
    await recordWriting(id, people.lived_experience, "lived_experience", 0);
    expect(await blockerOf(people.facilitator, id)).toBe("no_lived_experience_contribution");
  });

  it("tells nothing about a private statement to someone who may not read it", async () => {
    const { id } = await statementInReview();
    expect(await blockerOf(people.facilitator, id)).toBe("no_lived_experience_contribution");
    expect(await blockerOf(people.outsider, id)).toBeNull();
    const visitor = await db.asUser(null, (tx) =>
      tx.one<{ blocker: string | null }>("select app.statement_agreement_blocker($1) as blocker", [id]),
    );
    expect(visitor!.blocker).toBeNull();
  });

  it("lets a statement be agreed without either when the strategy does not ask for it", async () => {
    const { id } = await statementInReview();
    expect(await refusal(setStatus(people.facilitator, id, "agreed"))).toMatchObject({ hint: "no_lived_experience_contribution" });
    await requireLivedExperience(false);
    try {
      expect(await blockerOf(people.facilitator, id)).toBeNull();
      await setStatus(people.facilitator, id, "agreed");
      expect(await statusOf(id)).toBe("agreed");
    } finally {
      await requireLivedExperience(true);
    }
  });

  it("is a setting only a facilitator may change", async () => {
    const outcome = await as(people.worker, (tx) =>
      tx.query("update public.strategies set require_lived_experience_to_agree = false where id = $1 returning id", [strategyId]),
    );
    expect(outcome).toEqual([]);
    const row = await look((tx) =>
      tx.one<{ required: boolean }>("select require_lived_experience_to_agree as required from public.strategies where id = $1", [strategyId]),
    );
    expect(row!.required).toBe(true);
  });
});

describe("changing the text", () => {
  it("moves an agreed statement back into review", async () => {
    const { id } = await statementInReview();
    await setStatus(people.facilitator, id, "agreed");
    await storeText(id, "I can get help when I need it, day or night.");
    expect(await statusOf(id)).toBe("in_review");
  });

  it("moves a published statement back into review", async () => {
    const { id } = await statementInReview();
    await setStatus(people.facilitator, id, "agreed");
    await setStatus(people.facilitator, id, "published");
    await storeText(id, "I can get help when I need it, at home.");
    expect(await statusOf(id)).toBe("in_review");
  });

  it("leaves a draft a draft", async () => {
    const id = await newStatement();
    await storeText(id, "A first line.");
    expect(await statusOf(id)).toBe("draft");
  });

  it("marks the easy-read summary out of date, until someone updates it", async () => {
    const id = await newStatement();
    const hash = await storeText(id, "I can choose who supports me.");
    const easyRead = () =>
      look((tx) =>
        tx.one<{ hash: string | null; by: string | null; outOfDate: boolean }>(
          `select easy_read_content_hash as hash, easy_read_updated_by as by,
                  (easy_read <> '' and easy_read_content_hash is distinct from content_hash) as "outOfDate"
             from public.statements where id = $1`,
          [id],
        ),
      );
    await as(people.lived_experience, (tx) =>
      tx.query("update public.statements set easy_read = 'I choose who helps me.' where id = $1", [id]),
    );
    expect(await easyRead()).toEqual({ hash, by: people.lived_experience.id, outOfDate: false });

    const newHash = await storeText(id, "I can choose who supports me, and change my mind.");
    expect(await easyRead()).toEqual({ hash, by: people.lived_experience.id, outOfDate: true });

    await as(people.worker, (tx) =>
      tx.query("update public.statements set easy_read = 'I choose who helps me. I can change my mind.' where id = $1", [id]),
    );
    expect(await easyRead()).toEqual({ hash: newHash, by: people.worker.id, outOfDate: false });

    await as(people.worker, (tx) => tx.query("update public.statements set easy_read = '' where id = $1", [id]));
    expect(await easyRead()).toEqual({ hash: null, by: people.worker.id, outOfDate: false });
  });

  it("cannot mark a summary up to date by writing its bookkeeping", async () => {
    const id = await newStatement();
    expect(
      await refusal(
        as(people.worker, (tx) => tx.query("update public.statements set easy_read_content_hash = content_hash where id = $1", [id])),
      ),
    ).toEqual({ code: "42501" });
  });
});

describe("app.save_statement_version", () => {
  const versionsOf = (id: string) =>
    look((tx) =>
      tx.query<{ number: number; name: string; bodyText: string; contentHash: string; bodyJson: unknown; createdBy: string; restoredFromId: string | null }>(
        `select number, name, body_text as "bodyText", content_hash as "contentHash", body_json as "bodyJson",
                created_by as "createdBy", restored_from_id as "restoredFromId"
           from public.statement_versions where statement_id = $1 order by number`,
        [id],
      ),
    );
  const save = (who: TestUser | null, id: string, name: string, restoredFrom: string | null = null) =>
    as(who, (tx) => tx.one<{ id: string }>("select app.save_statement_version($1, $2, $3) as id", [id, name, restoredFrom])).then(
      (r) => r!.id,
    );

  it("copies the statement's current text and numbers versions from 1", async () => {
    const id = await newStatement();
    const firstHash = await storeText(id, "First words.");
    await save(people.worker, id, "  Before the workshop  ");
    const secondHash = await storeText(id, "Second words.");
    await save(people.lived_experience, id, "After the workshop");
    const statement = await look((tx) => tx.one<{ bodyJson: unknown }>('select body_json as "bodyJson" from public.statements where id = $1', [id]));
    const versions = await versionsOf(id);
    expect(versions.map((v) => ({ ...v, bodyJson: undefined }))).toEqual([
      { number: 1, name: "Before the workshop", bodyText: "First words.", contentHash: firstHash, createdBy: people.worker.id, restoredFromId: null, bodyJson: undefined },
      { number: 2, name: "After the workshop", bodyText: "Second words.", contentHash: secondHash, createdBy: people.lived_experience.id, restoredFromId: null, bodyJson: undefined },
    ]);
    expect(versions[1].bodyJson).toEqual(statement!.bodyJson);
  });

  it("refuses an observer, an outsider and a visitor", async () => {
    const id = await newStatement();
    for (const who of [people.observer, people.outsider, null]) {
      expect(await refusal(save(who, id, "Mine"))).toEqual({ code: "42501" });
    }
    expect(await versionsOf(id)).toEqual([]);
  });

  it("records which version a restore came from, and only a version of the same statement", async () => {
    const id = await newStatement();
    await storeText(id, "Old words.");
    const first = await save(people.worker, id, "Old");
    await storeText(id, "New words.");
    await save(people.worker, id, "New");
    await storeText(id, "Old words.");
    await save(people.facilitator, id, "Restored", first);
    expect((await versionsOf(id)).map((v) => [v.number, v.restoredFromId])).toEqual([
      [1, null],
      [2, null],
      [3, first],
    ]);

    const elsewhere = await newStatement();
    await storeText(elsewhere, "Other words.");
    const otherVersion = await save(people.worker, elsewhere, "Other");
    expect(await refusal(save(people.worker, id, "Not mine to restore", otherVersion))).toEqual({ code: "23503" });
    expect(await versionsOf(id)).toHaveLength(3);
  });

  it("numbers versions densely when two are saved at the same moment", async () => {
    const id = await newStatement();
    await storeText(id, "Words saved twice.");
    if (db.kind === "postgres") {
      // Two connections: the first holds the statement's lock until the second is seen waiting for it.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let firstSaved!: () => void;
      const saved = new Promise<void>((resolve) => (firstSaved = resolve));
      const first = as(people.worker, async (tx) => {
        await tx.query("select app.save_statement_version($1, 'From the first connection')", [id]);
        firstSaved();
        await released;
      });
      await saved;
      const second = as(people.partner, (tx) => tx.query("select app.save_statement_version($1, 'From the second connection')", [id]));
      await waitUntilBlockedOnALock();
      release();
      await Promise.all([first, second]);
    } else {
      // PGlite has one connection, so the two transactions run one after the other.
      await Promise.all([save(people.worker, id, "From the first connection"), save(people.partner, id, "From the second connection")]);
    }
    const burst = await Promise.all(CO_WRITERS.map((writer) => save(people[writer], id, `By the ${writer}`)));
    expect(new Set(burst).size).toBe(CO_WRITERS.length);
    const numbers = (await versionsOf(id)).map((v) => v.number);
    expect(numbers).toEqual(Array.from({ length: 2 + CO_WRITERS.length }, (_, i) => i + 1));
  });

  it("is the only way to add a version", async () => {
    const id = await newStatement();
    expect(
      await refusal(
        as(people.facilitator, (tx) =>
          tx.query(
            `insert into public.statement_versions (strategy_id, statement_id, number, name, body_json, body_text, content_hash)
             values ($1, $2, 1, 'Forged', '{}', 'Forged', 'forged')`,
            [strategyId, id],
          ),
        ),
      ),
    ).toEqual({ code: "42501" });
  });
});

/** Waits until another connection to this database is waiting for a lock (Postgres only). */
async function waitUntilBlockedOnALock() {
  for (;;) {
    const row = await look((tx) =>
      tx.one<{ waiting: number }>(
        "select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      ),
    );
    if (row!.waiting > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("endorsements", () => {
  it("bind to the current text, and refuse text that has changed since it was read", async () => {
    const id = await newStatement();
    const oldHash = await storeText(id, "I can see my records.");
    const newHash = await storeText(id, "I can see and correct my records.");
    const error = await as(people.worker, (tx) =>
      tx.query(
        `insert into public.statement_endorsements (strategy_id, statement_id, user_id, content_hash, content_version)
         values ($1, $2, $3, $4, 0)`,
        [strategyId, id, people.worker.id, oldHash],
      ),
    ).then(
      () => undefined,
      (e: PgError) => e,
    );
    expect(error).toMatchObject({ code: "40001" });
    expect(error!.message).toContain("has changed since you read it");

    const endorsement = await endorse(people.worker, id, newHash);
    const row = await look((tx) =>
      tx.one("select content_hash, content_version, role_group from public.statement_endorsements where id = $1", [endorsement]),
    );
    expect(row).toEqual({ content_hash: newHash, content_version: 2, role_group: "worker" });
  });

  it("refuse an empty statement", async () => {
    const id = await newStatement();
    expect(await refusal(endorse(people.worker, id, ""))).toEqual({ code: "23514" });
  });

  it("take the group from the person's roles, not from what they send", async () => {
    const id = await newStatement();
    const hash = await storeText(id, "I can speak to someone who knows me.");
    const row = await as(people.partner, (tx) =>
      tx.one<{ role_group: string }>(
        `insert into public.statement_endorsements (strategy_id, statement_id, user_id, role_group, content_hash, content_version)
         values ($1, $2, $3, 'lived_experience', $4, 0) returning role_group`,
        [strategyId, id, people.partner.id, hash],
      ),
    );
    expect(row!.role_group).toBe("partner");
    // Someone with lived experience counts as such, whatever other role they hold.
    await endorse(people.second_lived_experience, id, hash);
    const groups = await look((tx) =>
      tx.query<{ role_group: string }>("select role_group from public.statement_endorsements where statement_id = $1 order by role_group", [id]),
    );
    expect(groups.map((g) => g.role_group)).toEqual(["lived_experience", "partner"]);
  });

  it("are given only as oneself, by co-writers, and withdrawn only by their own author", async () => {
    const id = await newStatement();
    const hash = await storeText(id, "I can say no.");
    const inTheirName = as(people.worker, (tx) =>
      tx.query(
        `insert into public.statement_endorsements (strategy_id, statement_id, user_id, content_hash, content_version)
         values ($1, $2, $3, $4, 0)`,
        [strategyId, id, people.lived_experience.id, hash],
      ),
    );
    expect(await refusal(inTheirName)).toEqual({ code: "42501" });
    expect(await refusal(endorse(people.observer, id, hash))).toEqual({ code: "42501" });

    const endorsement = await endorse(people.lived_experience, id, hash);
    const withdrawnByOthers = await as(people.facilitator, (tx) =>
      tx.query("delete from public.statement_endorsements where id = $1 returning id", [endorsement]),
    );
    expect(withdrawnByOthers).toEqual([]);
    const withdrawn = await as(people.lived_experience, (tx) =>
      tx.query("delete from public.statement_endorsements where id = $1 returning id", [endorsement]),
    );
    expect(withdrawn).toEqual([{ id: endorsement }]);
  });

  it("cannot be given for a statement in the name of another strategy", async () => {
    const hash = await storeText(other.iStatementId, "I can live at home.");
    expect(await refusal(endorse(people.worker, other.iStatementId, hash))).toEqual({ code: "23503" });
  });
});

describe("comments", () => {
  it("take the author's group from their roles", async () => {
    const id = await newStatement();
    const commentId = await as(people.lived_experience, (tx) =>
      tx.one<{ id: string; author_role_group: string }>(
        `insert into public.statement_comments (strategy_id, statement_id, author_id, author_role_group, body)
         values ($1, $2, $3, 'other', 'I would say it differently.') returning id, author_role_group`,
        [strategyId, id, people.lived_experience.id],
      ),
    );
    expect(commentId!.author_role_group).toBe("lived_experience");
  });

  it("reply to the comment that starts a thread on the same statement, and nothing else", async () => {
    const id = await newStatement();
    const thread = await comment(people.worker, id, "Who is “we” here?");
    const reply = await comment(people.partner, id, "The council and the NHS.", thread);
    expect(reply).toBeTruthy();

    expect(await refusal(comment(people.worker, id, "A reply to a reply.", reply))).toEqual({ code: "23503" });

    const elsewhere = await newStatement();
    expect(await refusal(comment(people.worker, elsewhere, "A reply on the wrong statement.", thread))).toEqual({ code: "23503" });
    expect(await refusal(comment(people.worker, other.iStatementId, "On another strategy's statement."))).toEqual({ code: "23503" });
  });

  it("are resolved and reopened by co-writers, who are recorded as resolving them", async () => {
    const id = await newStatement();
    const thread = await comment(people.worker, id, "Should this mention carers?");
    const state = () =>
      look((tx) => tx.one<{ resolved: boolean; by: string | null }>("select resolved_at is not null as resolved, resolved_by as by from public.statement_comments where id = $1", [thread]));

    const byObserver = await as(people.observer, (tx) =>
      tx.query("update public.statement_comments set resolved_at = now() where id = $1 returning id", [thread]),
    );
    expect(byObserver).toEqual([]);

    await as(people.evaluator, (tx) => tx.query("update public.statement_comments set resolved_at = now() where id = $1", [thread]));
    expect(await state()).toEqual({ resolved: true, by: people.evaluator.id });
    await as(people.worker, (tx) => tx.query("update public.statement_comments set resolved_at = null where id = $1", [thread]));
    expect(await state()).toEqual({ resolved: false, by: null });
  });

  it("never name someone else as the one who resolved them", async () => {
    const id = await newStatement();
    const row = await as(people.worker, (tx) =>
      tx.one<{ resolved_by: string | null }>(
        `insert into public.statement_comments (strategy_id, statement_id, author_id, body, resolved_at, resolved_by)
         values ($1, $2, $3, 'Already settled.', now(), $4) returning resolved_by`,
        [strategyId, id, people.worker.id, people.facilitator.id],
      ),
    );
    expect(row!.resolved_by).toBe(people.worker.id);
  });

  it("resolve a thread, not a reply", async () => {
    const id = await newStatement();
    const thread = await comment(people.worker, id, "Is this clear?");
    const reply = await comment(people.partner, id, "Yes.", thread);
    expect(
      await refusal(as(people.worker, (tx) => tx.query("update public.statement_comments set resolved_at = now() where id = $1", [reply]))),
    ).toEqual({ code: "23514" });
  });

  it("cannot be rewritten, not even by their author", async () => {
    const id = await newStatement();
    const thread = await comment(people.worker, id, "My first thought.");
    expect(
      await refusal(as(people.worker, (tx) => tx.query("update public.statement_comments set body = 'A better thought.' where id = $1", [thread]))),
    ).toEqual({ code: "42501" });
    expect(
      await refusal(
        db.asService("test: try to rewrite a comment as the service role", (tx) =>
          tx.query("update public.statement_comments set body = 'Rewritten by the server.' where id = $1", [thread]),
        ),
      ),
    ).toEqual({ code: "42501" });
    const row = await look((tx) => tx.one<{ body: string }>("select body from public.statement_comments where id = $1", [thread]));
    expect(row!.body).toBe("My first thought.");
  });
});

describe("links", () => {
  const link = (from: string, target: { i_statement_id?: string; priority_id?: string; commitment_id?: string }, strategy = strategyId) => {
    const kind = target.i_statement_id ? "i_statement" : target.priority_id ? "priority" : "commitment";
    return as(people.worker, (tx) =>
      tx.one<{ id: string }>(
        `insert into public.statement_links (strategy_id, statement_id, target_kind, i_statement_id, priority_id, commitment_id, created_by)
         values ($1, $2, $3, $4, $5, $6, $7) returning id`,
        [strategy, from, kind, target.i_statement_id ?? null, target.priority_id ?? null, target.commitment_id ?? null, people.worker.id],
      ),
    );
  };

  it("let a “we” statement answer an “I” statement, and link either to priorities and commitments of the same strategy", async () => {
    const i = await newStatement();
    const we = await newStatement({ kind: "we", title: "We answer within a day" });
    expect(await link(we, { i_statement_id: i })).toBeTruthy();
    expect(await link(we, { priority_id: priorityId })).toBeTruthy();
    expect(await link(i, { commitment_id: commitmentId })).toBeTruthy();
    expect(await link(i, { priority_id: priorityId })).toBeTruthy();
  });

  it("refuse any other direction between statements", async () => {
    const i = await newStatement();
    const anotherI = await newStatement({ title: "I can choose" });
    const we = await newStatement({ kind: "we", title: "We listen" });
    const anotherWe = await newStatement({ kind: "we", title: "We call back" });
    expect(await refusal(link(i, { i_statement_id: anotherI }))).toEqual({ code: "23514" });
    expect(await refusal(link(we, { i_statement_id: anotherWe }))).toEqual({ code: "23503" });
    // Itself is not an "I" statement, which the link's trigger finds before the table's check does.
    expect(await refusal(link(we, { i_statement_id: we }))).toEqual({ code: "23503" });
  });

  it("refuse items of another strategy", async () => {
    const we = await newStatement({ kind: "we", title: "We share what we learn" });
    expect(await refusal(link(we, { i_statement_id: other.iStatementId }))).toEqual({ code: "23503" });
    expect(await refusal(link(we, { priority_id: other.priorityId }))).toEqual({ code: "23503" });
    expect(await refusal(link(we, { commitment_id: other.commitmentId }))).toEqual({ code: "23503" });
    expect(await refusal(link(other.iStatementId, { priority_id: priorityId }))).toEqual({ code: "23503" });
  });

  it("keep both ends the kind they were linked as", async () => {
    const i = await newStatement();
    const we = await newStatement({ kind: "we", title: "We write things down" });
    await link(we, { i_statement_id: i });
    const setKind = (id: string, kind: string) =>
      as(people.worker, (tx) => tx.query("update public.statements set kind = $2 where id = $1", [id, kind]));
    expect(await refusal(setKind(we, "i"))).toEqual({ code: "23514" });
    expect(await refusal(setKind(i, "we"))).toEqual({ code: "23514" });
  });
});

describe("app.audit_event", () => {
  const call = (tx: Tx, statementId: string) =>
    tx.query("select app.audit_event($1, $2, 'statement', $3, 'edited', $4)", [
      people.worker.id,
      strategyId,
      statementId,
      JSON.stringify({ chars_added: 12, chars_removed: 0, content_version: 3 }),
    ]);

  it("refuses visitors and signed-in people", async () => {
    const id = await newStatement();
    expect(await refusal(as(null, (tx) => call(tx, id)))).toEqual({ code: "42501" });
    expect(await refusal(as(people.facilitator, (tx) => call(tx, id)))).toEqual({ code: "42501" });
    expect((await auditOf(id)).filter((e) => e.action === "edited")).toEqual([]);
  });

  it("writes the entry the collaboration server asks for, in the chain", async () => {
    const id = await newStatement();
    await db.asService("test: record an edit, as the collaboration server does", (tx) => call(tx, id));
    expect((await auditOf(id)).at(-1)).toEqual({
      entityType: "statement",
      action: "edited",
      actorId: people.worker.id,
      details: { chars_added: 12, chars_removed: 0, content_version: 3 },
    });
    const row = await look((tx) =>
      tx.one<{ chained: boolean }>(
        `select hash <> '' and prev_hash = (select hash from public.audit_log b where b.seq = a.seq - 1) as chained
           from public.audit_log a where entity_id = $1 and action = 'edited'`,
        [id],
      ),
    );
    expect(row!.chained).toBe(true);
  });
});

describe("app.role_group", () => {
  const groupOf = (who: TestUser | null, strategy: string, userId: string) =>
    as(who, (tx) => tx.one<{ group: string }>('select app.role_group($1, $2) as "group"', [strategy, userId])).then((r) => r!.group);

  it("tells a person their own group and their fellow members'", async () => {
    expect(await groupOf(people.lived_experience, strategyId, people.lived_experience.id)).toBe("lived_experience");
    expect(await groupOf(people.worker, strategyId, people.second_lived_experience.id)).toBe("lived_experience");
    expect(await groupOf(people.observer, strategyId, people.signatory.id)).toBe("partner");
  });

  it("tells nobody else whether someone has lived experience", async () => {
    expect(await groupOf(people.outsider, strategyId, people.lived_experience.id)).toBe("other");
    expect(await groupOf(null, strategyId, people.lived_experience.id)).toBe("other");
  });
});

describe("the history of a statement", () => {
  /** Never worth a line of history: the text itself (its hash is enough), and timestamps the entry has anyway. */
  const NOISE = ["body_json", "body_text", "updated_at", "created_at"];
  /** A statement's own bookkeeping, which changes on every store of its text. */
  const STATEMENT_NOISE = [...NOISE, "content_hash", "content_version", "content_updated_at", "easy_read_content_hash",
    "easy_read_updated_at", "easy_read_updated_by"];

  it("records who did what, without the derived text", async () => {
    const id = await newStatement({ by: people.worker, title: "I can sleep well" });
    const hash = await storeText(id, "I can sleep well because I feel safe.");
    await as(people.partner, (tx) => tx.query("update public.statements set title = 'I can sleep soundly' where id = $1", [id]));
    await setStatus(people.lived_experience, id, "in_review");
    await as(people.lived_experience, (tx) =>
      tx.query("select app.save_statement_version($1, 'Before the workshop')", [id]),
    );
    const thread = await comment(people.partner, id, "Lovely.");
    await as(people.worker, (tx) => tx.query("update public.statement_comments set resolved_at = now() where id = $1", [thread]));
    await as(people.worker, (tx) => tx.query("update public.statement_comments set resolved_at = null where id = $1", [thread]));
    const endorsement = await endorse(people.lived_experience, id, hash);
    await as(people.lived_experience, (tx) => tx.query("delete from public.statement_endorsements where id = $1", [endorsement]));
    await as(people.worker, (tx) =>
      tx.query(
        "insert into public.statement_links (strategy_id, statement_id, target_kind, priority_id, created_by) values ($1, $2, 'priority', $3, $4)",
        [strategyId, id, priorityId, people.worker.id],
      ),
    );
    await as(people.worker, (tx) => tx.query("update public.statements set archived_at = now() where id = $1", [id]));
    await as(people.worker, (tx) => tx.query("update public.statements set archived_at = null where id = $1", [id]));

    const entries = await auditOf(id);
    expect(entries.map((e) => [e.entityType, e.action, e.actorId])).toEqual([
      ["statement", "created", people.worker.id],
      ["statement", "updated", people.partner.id],
      ["statement", "updated", people.lived_experience.id],
      ["statement_version", "created", people.lived_experience.id],
      ["statement_comment", "created", people.partner.id],
      ["statement_comment", "resolved", people.worker.id],
      ["statement_comment", "reopened", people.worker.id],
      ["statement_endorsement", "created", people.lived_experience.id],
      ["statement_endorsement", "deleted", people.lived_experience.id],
      ["statement_link", "created", people.worker.id],
      ["statement", "archived", people.worker.id],
      ["statement", "restored", people.worker.id],
    ]);
    for (const entry of entries) {
      const recorded = [...Object.keys(entry.details), ...Object.keys((entry.details.changes ?? {}) as object)];
      const noise = entry.entityType === "statement" ? STATEMENT_NOISE : NOISE;
      expect(recorded.filter((column) => noise.includes(column)), `${entry.entityType} ${entry.action}`).toEqual([]);
    }
    expect(entries[0].details).toMatchObject({ kind: "i", title: "I can sleep well", status: "draft" });
    expect(entries[1].details).toEqual({ changes: { title: { from: "I can sleep well", to: "I can sleep soundly" } } });
    expect(entries[2].details).toEqual({ changes: { status: { from: "draft", to: "in_review" } } });
    expect(entries[3].details).toMatchObject({ number: 1, name: "Before the workshop", content_hash: hash });
    expect(entries[9].details).toMatchObject({ target_kind: "priority", priority_id: priorityId });
  });

  it("records no entry when only the text is stored, and the status change when agreement ends", async () => {
    const { id } = await statementInReview();
    await setStatus(people.facilitator, id, "agreed");
    const before = (await auditOf(id)).length;
    await storeText(id, "Different words entirely.");
    const after = (await auditOf(id)).slice(before);
    expect(after).toEqual([
      { entityType: "statement", action: "updated", actorId: null, details: { changes: { status: { from: "agreed", to: "in_review" } } } },
    ]);
    await storeText(id, "Different words again.");
    expect(await auditOf(id)).toHaveLength(before + 1);
  });

  it("reads in plain English on the strategy's history, filtered to statements", async () => {
    const { facilitator, lived_experience: amira, worker } = people;
    const { strategyId: place, priorityId: priority } = await createStrategy(db, facilitator, { title: "Sentences" });
    await addMember(db, facilitator, place, amira, [{ role: "lived_experience" }]);
    await addMember(db, facilitator, place, worker, [{ role: "worker" }]);
    const i = await newStatement({ by: amira, strategy: place, title: "I can get help when I need it" });
    const we = await newStatement({ kind: "we", by: worker, strategy: place, title: "We answer the phone within a day" });
    const hash = await storeText(i, "I can get help when I need it.");
    await db.asService("test: record an edit, as the collaboration server does", (tx) =>
      tx.query("select app.audit_event($1, $2, 'statement', $3, 'edited', $4)", [
        amira.id,
        place,
        i,
        JSON.stringify({ chars_added: 30, chars_removed: 0, content_version: 1 }),
      ]),
    );
    await setStatus(amira, i, "in_review");
    const first = await as(amira, (tx) => tx.one<{ id: string }>("select app.save_statement_version($1, 'Before the workshop') as id", [i]));
    await as(worker, (tx) => tx.query("select app.save_statement_version($1, 'Restored from version 1', $2)", [i, first!.id]));
    const thread = await comment(worker, i, "Who decides what help I get?", null, place);
    await as(amira, (tx) => tx.query("update public.statement_comments set resolved_at = now() where id = $1", [thread]));
    await endorse(amira, i, hash, place);
    await as(worker, async (tx) => {
      await tx.query(
        "insert into public.statement_links (strategy_id, statement_id, target_kind, i_statement_id, created_by) values ($1, $2, 'i_statement', $3, $4)",
        [place, we, i, worker.id],
      );
      await tx.query(
        "insert into public.statement_links (strategy_id, statement_id, target_kind, priority_id, created_by) values ($1, $2, 'priority', $3, $4)",
        [place, we, priority, worker.id],
      );
    });

    const page = await as(facilitator, (tx) =>
      listStrategyHistory(tx, place, { limit: 50, entityTypes: historyKindEntityTypes.statements }),
    );
    expect(page.entries.map(describeAuditEntry).reverse()).toEqual([
      "lived_experience added the “I” statement “I can get help when I need it”",
      "worker added the “we” statement “We answer the phone within a day”",
      "lived_experience edited the text of “I can get help when I need it” (+30 characters)",
      "lived_experience moved the statement “I can get help when I need it” from Draft to In review",
      "lived_experience saved version 1, “Before the workshop”, of the statement “I can get help when I need it”",
      "worker restored version 1 as version 2 of the statement “I can get help when I need it”",
      "worker commented on the statement “I can get help when I need it”: “Who decides what help I get?”",
      "lived_experience resolved a thread on the statement “I can get help when I need it”",
      "lived_experience endorsed the statement “I can get help when I need it”",
      "worker linked the statement “We answer the phone within a day” to the “I” statement “I can get help when I need it”",
      "worker linked the statement “We answer the phone within a day” to the priority “A priority”",
    ]);
    expect(page.entries.every((e) => e.entityType.startsWith("statement"))).toBe(true);
  });

  it("is shown to readers of the strategy, and the discussion only to its members", async () => {
    const visible = (who: TestUser, id: string) =>
      as(who, (tx) =>
        tx.query<{ entity_type: string }>("select distinct entity_type from public.audit_log where entity_id = $1 order by 1", [id]),
      ).then((rows) => rows.map((r) => r.entity_type));
    const id = await newStatement();
    await comment(people.worker, id, "A thought.");
    expect(await visible(people.observer, id)).toEqual(["statement", "statement_comment"]);
    expect(await visible(people.outsider, id)).toEqual([]);
  });
});
