import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  getStatement,
  listStatementLinks,
  listStatementOptions,
  listStatements,
  listStatementsForCommitment,
  listStatementsForPriority,
} from "../../app/models/statements.server";
import {
  archiveStatement,
  createStatement,
  linkStatement,
  restoreStatement,
  unlinkStatement,
  updateStatement,
  writeFirstDraft,
} from "../../app/services/statements.server";
import { seedDemo } from "../../app/services/demo-seed.server";
import { DEMO_STRATEGY_ID, demoStatements } from "../../app/services/demo/content";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { addMember, createStrategy, createUser, type TestUser } from "../support/factories";
import type { StatementTheme } from "../../app/domain/statements";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});

/** A strategy with a facilitator, a person with lived experience, a worker and an observer. */
async function strategyWithPeople({ visibility = "private" as "public" | "private" } = {}) {
  const facilitator = await createUser(db);
  const lived = await createUser(db, { displayName: "Amira Hussain" });
  const worker = await createUser(db);
  const observer = await createUser(db);
  const ids = await createStrategy(db, facilitator, { visibility });
  await addMember(db, facilitator, ids.strategyId, lived, [{ role: "lived_experience" }]);
  await addMember(db, facilitator, ids.strategyId, worker, [{ role: "worker" }]);
  await addMember(db, facilitator, ids.strategyId, observer, [{ role: "observer" }]);
  return { ...ids, facilitator, lived, worker, observer };
}

const create = (user: TestUser, strategyId: string, kind: "i" | "we", title: string, theme: StatementTheme = "workforce") =>
  db.asUser(user.claims, (tx) => createStatement(tx, user.id, strategyId, { kind, title, theme }));

/** Audit entries for one statement, oldest first. */
const auditFor = (entityId: string) =>
  db.asService("test: read the audit log", (tx) =>
    tx.query<{ entityType: string; action: string; actorId: string | null; details: Record<string, unknown> }>(
      `select entity_type as "entityType", action, actor_id as "actorId", details from public.audit_log
        where entity_id = $1 order by seq`,
      [entityId],
    ),
  );

describe("creating statements", () => {
  it("creates a draft 'I' statement with a first draft attributed to the person who typed it, in their role group", async () => {
    const { strategyId, lived } = await strategyWithPeople();
    const id = await create(lived, strategyId, "i", "I am supported by people who listen carefully", "wellbeing_independence");
    const text = "I am supported by people who listen carefully.\n\nThey know what matters to me.";
    expect(await writeFirstDraft(db, { strategyId, statementId: id, userId: lived.id, text })).toBe(true);

    const statement = await db.asUser(lived.claims, (tx) => getStatement(tx, strategyId, id));
    expect(statement).toMatchObject({
      kind: "i",
      status: "draft",
      theme: "wellbeing_independence",
      themeEdition: "making_it_real_2018",
      bodyText: "I am supported by people who listen carefully.\nThey know what matters to me.",
      contentVersion: 1,
      createdBy: lived.id,
    });
    expect(statement!.bodyJson.content).toHaveLength(2);
    expect(statement!.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const contributions = await db.asUser(lived.claims, (tx) =>
      tx.query(`select user_id as "userId", role_group as "roleGroup", chars_added as "charsAdded", edits
                  from public.statement_contributions where statement_id = $1`, [id]),
    );
    expect(contributions).toEqual([{ userId: lived.id, roleGroup: "lived_experience", charsAdded: statement!.bodyText.length, edits: 1 }]);
    const audit = await auditFor(id);
    expect(audit.map((a) => [a.entityType, a.action, a.actorId])).toEqual([
      ["statement", "created", lived.id],
      ["statement", "edited", lived.id],
    ]);

    // A second first draft (a form sent twice) never overwrites the text.
    expect(await writeFirstDraft(db, { strategyId, statementId: id, userId: lived.id, text: "Something else" })).toBe(false);
    expect((await db.asUser(lived.claims, (tx) => getStatement(tx, strategyId, id)))!.contentVersion).toBe(1);
  });

  it("lists a strategy's statements with their counts, filtered by kind, theme, status and archived", async () => {
    const { strategyId, facilitator, lived, worker } = await strategyWithPeople();
    const iFirst = await create(lived, strategyId, "i", "I have considerate support", "workforce");
    const iSecond = await create(lived, strategyId, "i", "I can get information when I need it", "information_advice");
    const we = await create(worker, strategyId, "we", "We make sure staff are trained", "workforce");
    await writeFirstDraft(db, { strategyId, statementId: iFirst, userId: lived.id, text: "I have considerate support." });
    await db.asUser(worker.claims, (tx) => linkStatement(tx, worker.id, strategyId, we, { kind: "i_statement", id: iFirst }));

    // An open thread with a reply, a resolved thread, and an endorsement of the current text.
    await db.asUser(worker.claims, async (tx) => {
      const thread = await tx.one<{ id: string }>(
        `insert into public.statement_comments (strategy_id, statement_id, author_id, body) values ($1, $2, $3, 'Is this clear?') returning id`,
        [strategyId, iFirst, worker.id],
      );
      await tx.query(
        `insert into public.statement_comments (strategy_id, statement_id, parent_id, author_id, body) values ($1, $2, $3, $4, 'Yes')`,
        [strategyId, iFirst, thread!.id, worker.id],
      );
      await tx.query(
        `insert into public.statement_comments (strategy_id, statement_id, author_id, body, resolved_at) values ($1, $2, $3, 'Done', now())`,
        [strategyId, iFirst, worker.id],
      );
    });
    await db.asUser(lived.claims, (tx) =>
      tx.query(
        `insert into public.statement_endorsements (strategy_id, statement_id, user_id, content_hash, content_version)
         select strategy_id, id, $2, content_hash, content_version from public.statements where id = $1`,
        [iFirst, lived.id],
      ),
    );

    const all = await db.asUser(facilitator.claims, (tx) => listStatements(tx, strategyId));
    // Theme order first (Information and advice is the second theme, Workforce the sixth), then "I" before "we".
    expect(all.map((s) => s.id)).toEqual([iSecond, iFirst, we]);
    expect(all.find((s) => s.id === iFirst)).toMatchObject({
      openThreadCount: 1,
      endorsementCount: 1,
      answeredByCount: 1,
      answersCount: 0,
      status: "draft",
    });
    expect(all.find((s) => s.id === we)).toMatchObject({ answersCount: 1, answeredByCount: 0, openThreadCount: 0 });

    const byKind = await db.asUser(facilitator.claims, (tx) => listStatements(tx, strategyId, { kind: "we" }));
    expect(byKind.map((s) => s.id)).toEqual([we]);
    const byTheme = await db.asUser(facilitator.claims, (tx) => listStatements(tx, strategyId, { theme: "information_advice" }));
    expect(byTheme.map((s) => s.id)).toEqual([iSecond]);
    const inReview = await db.asUser(facilitator.claims, (tx) => listStatements(tx, strategyId, { status: "in_review" }));
    expect(inReview).toEqual([]);

    expect(await db.asUser(lived.claims, (tx) => archiveStatement(tx, strategyId, iSecond))).toBe(true);
    expect((await db.asUser(facilitator.claims, (tx) => listStatements(tx, strategyId))).map((s) => s.id)).toEqual([iFirst, we]);
    const archived = await db.asUser(facilitator.claims, (tx) => listStatements(tx, strategyId, { archived: true }));
    expect(archived.map((s) => s.id)).toEqual([iSecond]);
    expect(archived[0].archivedAt).not.toBeNull();
    // Archived statements are not offered for linking.
    expect((await db.asUser(worker.claims, (tx) => listStatementOptions(tx, strategyId, "i"))).map((o) => o.id)).toEqual([iFirst]);

    expect(await db.asUser(lived.claims, (tx) => restoreStatement(tx, strategyId, iSecond))).toBe(true);
    expect((await auditFor(iSecond)).map((a) => a.action)).toEqual(["created", "archived", "restored"]);
  });

  it("shows a public strategy's statements to visitors, without the discussion", async () => {
    const { strategyId, lived, worker } = await strategyWithPeople({ visibility: "public" });
    const id = await create(lived, strategyId, "i", "I am seen as a unique person");
    await db.asUser(worker.claims, (tx) =>
      tx.query(`insert into public.statement_comments (strategy_id, statement_id, author_id, body) values ($1, $2, $3, 'A thought')`, [
        strategyId,
        id,
        worker.id,
      ]),
    );
    const seen = await db.asUser(null, (tx) => listStatements(tx, strategyId));
    expect(seen).toEqual([expect.objectContaining({ id, openThreadCount: 0 })]);
    const { strategyId: privateId } = await strategyWithPeople();
    expect(await db.asUser(null, (tx) => listStatements(tx, privateId))).toEqual([]);
  });
});

describe("links between statements, priorities and commitments", () => {
  it("links a 'we' statement to the 'I' statements it answers, a priority and a commitment, walkable from both ends", async () => {
    const { strategyId, priorityId, commitmentId, lived, worker } = await strategyWithPeople();
    const iOne = await create(lived, strategyId, "i", "I am supported by people who see me as a unique person");
    const iTwo = await create(lived, strategyId, "i", "I have considerate support delivered by competent people");
    const we = await create(worker, strategyId, "we", "We train and value the people who support you");

    const link = (target: Parameters<typeof linkStatement>[4], statementId = we) =>
      db.asUser(worker.claims, (tx) => linkStatement(tx, worker.id, strategyId, statementId, target));
    expect(await link({ kind: "i_statement", id: iOne })).toBe("linked");
    expect(await link({ kind: "i_statement", id: iTwo })).toBe("linked");
    expect(await link({ kind: "i_statement", id: iTwo })).toBe("already_linked");
    expect(await link({ kind: "priority", id: priorityId })).toBe("linked");
    expect(await link({ kind: "commitment", id: commitmentId })).toBe("linked");
    expect(await link({ kind: "priority", id: priorityId }, iOne)).toBe("linked");

    const fromWe = await db.asUser(lived.claims, (tx) => listStatementLinks(tx, we));
    expect(fromWe.answers.map((s) => s.id).sort()).toEqual([iOne, iTwo].sort());
    expect(fromWe.answeredBy).toEqual([]);
    expect(fromWe.priorities.map((p) => p.id)).toEqual([priorityId]);
    expect(fromWe.commitments).toEqual([expect.objectContaining({ id: commitmentId, priorityId, text: "We will do the thing we said we would do." })]);

    const fromI = await db.asUser(lived.claims, (tx) => listStatementLinks(tx, iOne));
    expect(fromI.answeredBy.map((s) => s.id)).toEqual([we]);
    expect(fromI.answers).toEqual([]);

    const onPriority = await db.asUser(lived.claims, (tx) => listStatementsForPriority(tx, priorityId));
    // "I" statements first, then "we".
    expect(onPriority.map((s) => s.id)).toEqual([iOne, we]);
    const onCommitment = await db.asUser(lived.claims, (tx) => listStatementsForCommitment(tx, commitmentId));
    expect(onCommitment.map((s) => s.id)).toEqual([we]);

    // A link can be removed from the "I" end too; the audit log records who linked and unlinked.
    const answeredLink = fromI.answeredBy[0].linkId;
    expect(await db.asUser(lived.claims, (tx) => unlinkStatement(tx, strategyId, iOne, answeredLink))).toBe(true);
    expect(await db.asUser(lived.claims, (tx) => unlinkStatement(tx, strategyId, iOne, answeredLink))).toBe(false);
    expect((await db.asUser(lived.claims, (tx) => listStatementLinks(tx, we))).answers.map((s) => s.id)).toEqual([iTwo]);
    expect((await auditFor(we)).filter((a) => a.entityType === "statement_link").map((a) => [a.action, a.actorId])).toEqual([
      ["created", worker.id],
      ["created", worker.id],
      ["created", worker.id],
      ["created", worker.id],
      ["deleted", lived.id],
    ]);
  });

  it("lets only a 'we' statement answer an 'I' statement, of the same strategy", async () => {
    const { strategyId, priorityId, lived, worker, facilitator } = await strategyWithPeople();
    const other = await createStrategy(db, facilitator);
    const iHere = await create(lived, strategyId, "i", "I know what is happening");
    const iAlso = await create(lived, strategyId, "i", "I know who to ask");
    const weHere = await create(worker, strategyId, "we", "We tell people what is happening");
    const iElsewhere = await create(facilitator, other.strategyId, "i", "I am somewhere else");

    const link = (statementId: string, target: Parameters<typeof linkStatement>[4]) =>
      db.asUser(worker.claims, (tx) => linkStatement(tx, worker.id, strategyId, statementId, target));
    expect(await link(iAlso, { kind: "i_statement", id: iHere })).toBe("only_we_answers");
    expect(await link(weHere, { kind: "i_statement", id: weHere })).toBe("target_not_found");
    expect(await link(weHere, { kind: "i_statement", id: iElsewhere })).toBe("target_not_found");
    expect(await link(weHere, { kind: "priority", id: other.priorityId })).toBe("target_not_found");
    expect(await link(weHere, { kind: "commitment", id: other.commitmentId })).toBe("target_not_found");
    expect(await link(iElsewhere, { kind: "priority", id: priorityId })).toBe("not_found");

    // The database refuses the same links when a client writes them directly.
    const insert = (statementId: string, column: "i_statement_id" | "priority_id", targetKind: string, targetId: string) =>
      db.asUser(worker.claims, (tx) =>
        tx.query(
          `insert into public.statement_links (strategy_id, statement_id, target_kind, ${column}, created_by) values ($1, $2, $3, $4, $5)`,
          [strategyId, statementId, targetKind, targetId, worker.id],
        ),
      );
    await expect(insert(iAlso, "i_statement_id", "i_statement", iHere)).rejects.toMatchObject({ code: "23514" });
    await expect(insert(weHere, "i_statement_id", "i_statement", iElsewhere)).rejects.toMatchObject({ code: "23503" });
    await expect(insert(weHere, "priority_id", "priority", other.priorityId)).rejects.toMatchObject({ code: "23503" });
  });

  it("keeps a statement's kind while links depend on it, in both directions", async () => {
    const { strategyId, lived, worker } = await strategyWithPeople();
    const i = await create(lived, strategyId, "i", "I am listened to");
    const we = await create(worker, strategyId, "we", "We listen");
    await db.asUser(worker.claims, (tx) => linkStatement(tx, worker.id, strategyId, we, { kind: "i_statement", id: i }));

    const change = (id: string, kind: "i" | "we", title: string) =>
      db.asUser(worker.claims, (tx) => updateStatement(tx, strategyId, id, { kind, title, theme: "workforce" }));
    expect(await change(we, "i", "We listen")).toBe("answers_i_statements");
    expect(await change(i, "we", "I am listened to")).toBe("answered_by_we_statements");
    expect(await change(we, "we", "We listen carefully")).toBe("saved");
    expect((await db.asUser(worker.claims, (tx) => getStatement(tx, strategyId, we)))!.title).toBe("We listen carefully");

    const setKind = (id: string, kind: string) =>
      db.asUser(worker.claims, (tx) => tx.query("update public.statements set kind = $2 where id = $1", [id, kind]));
    await expect(setKind(we, "i")).rejects.toMatchObject({ code: "23514" });
    await expect(setKind(i, "we")).rejects.toMatchObject({ code: "23514" });
  });
});

describe("who may write statements", () => {
  it("refuses observers: no new statements, no links, no changes", async () => {
    const { strategyId, priorityId, lived, observer } = await strategyWithPeople();
    await expect(create(observer, strategyId, "i", "I am only watching")).rejects.toMatchObject({ code: "42501" });

    const id = await create(lived, strategyId, "i", "I am supported");
    await expect(
      db.asUser(observer.claims, (tx) => linkStatement(tx, observer.id, strategyId, id, { kind: "priority", id: priorityId })),
    ).rejects.toMatchObject({ code: "42501" });
    // Row Level Security hides the row from the observer's update, so nothing changes.
    expect(await db.asUser(observer.claims, (tx) => updateStatement(tx, strategyId, id, { kind: "i", title: "Changed", theme: "workforce" }))).toBe(
      "not_found",
    );
    expect(await db.asUser(observer.claims, (tx) => archiveStatement(tx, strategyId, id))).toBe(false);
    const statement = await db.asUser(observer.claims, (tx) => getStatement(tx, strategyId, id));
    expect(statement).toMatchObject({ title: "I am supported", archivedAt: null });
  });

  it("refuses people who are not members, and a statement created in someone else's name", async () => {
    const { strategyId, lived } = await strategyWithPeople({ visibility: "public" });
    const stranger = await createUser(db);
    await expect(create(stranger, strategyId, "i", "I am not a member")).rejects.toMatchObject({ code: "42501" });
    await expect(
      db.asUser(lived.claims, (tx) => createStatement(tx, stranger.id, strategyId, { kind: "i", title: "In another name", theme: "workforce" })),
    ).rejects.toMatchObject({ code: "42501" });
  });
});

describe("the demo statements", () => {
  it("are loaded once with their texts, links and writers, and 'nothing about us without us' on", async () => {
    await seedDemo(db, { withAccounts: true });
    await seedDemo(db, { withAccounts: true });
    const rows = await db.asService("test: read the demo", (tx) =>
      tx.query<{ id: string; kind: string; bodyText: string; hasDocument: boolean; writerGroups: string[] }>(
        `select s.id, s.kind, s.body_text as "bodyText",
                exists (select 1 from public.statement_documents d where d.statement_id = s.id) as "hasDocument",
                (select array_agg(c.role_group) from public.statement_contributions c where c.statement_id = s.id) as "writerGroups"
           from public.statements s where s.strategy_id = $1 order by s.id`,
        [DEMO_STRATEGY_ID],
      ),
    );
    expect(rows.map((r) => r.id)).toEqual(demoStatements.map((s) => s.id).sort());
    for (const row of rows) {
      expect(row.hasDocument).toBe(true);
      expect(row.bodyText.length).toBeGreaterThan(20);
      expect(row.writerGroups).toHaveLength(1);
    }
    expect(rows.filter((r) => r.kind === "i").every((r) => r.writerGroups[0] === "lived_experience")).toBe(true);
    expect(rows.find((r) => r.id === demoStatements[0].id)!.bodyText).toContain("see me as a unique person");

    const links = await db.asUser(null, (tx) => listStatementLinks(tx, demoStatements[0].id));
    expect(links.answeredBy.map((s) => s.id)).toEqual([demoStatements[4].id]);
    const strategy = await db.asService("test: read the demo", (tx) =>
      tx.one<{ required: boolean }>("select require_lived_experience_to_agree as required from public.strategies where id = $1", [
        DEMO_STRATEGY_ID,
      ]),
    );
    expect(strategy!.required).toBe(true);
  });
});
