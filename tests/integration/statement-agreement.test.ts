import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agreementBlocker, setStatementStatus } from "../../app/models/statements.server";
import { insertComment } from "../../app/models/statement-comments.server";
import { deleteMyEndorsements, insertEndorsement, listEndorsements } from "../../app/models/statement-endorsements.server";
import { saveVersion } from "../../app/models/statement-versions.server";
import { getStrategy, updateStrategy } from "../../app/models/strategies.server";
import type { StatementStatus } from "../../app/domain/statements";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import type { TestUser } from "../support/factories";
import { sqlStateOf, statementContent, statementWithPeople, writeText } from "../support/statement-workflow";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});

const endorse = (user: TestUser, strategyId: string, statementId: string, contentHash: string) =>
  db.asUser(user.claims, (tx) => insertEndorsement(tx, { strategyId, statementId, userId: user.id, contentHash }));

const move = (user: TestUser, statementId: string, status: StatementStatus) =>
  db.asUser(user.claims, (tx) => setStatementStatus(tx, statementId, status));

const blockerFor = (user: TestUser, statementId: string) => db.asUser(user.claims, (tx) => agreementBlocker(tx, statementId));

/** Turns "nothing about us without us" on or off, as the settings page does. */
async function requireLivedExperience(facilitator: TestUser, strategyId: string, required: boolean) {
  await db.asUser(facilitator.claims, async (tx) => {
    const strategy = await getStrategy(tx, strategyId);
    expect(
      await updateStrategy(tx, strategyId, { ...strategy!, area: strategy!.area, requireLivedExperienceToAgree: required }),
    ).toBe(true);
    expect((await getStrategy(tx, strategyId))!.requireLivedExperienceToAgree).toBe(required);
  });
}

describe("endorsing a statement", () => {
  it("binds an endorsement to the text endorsed: an edit afterwards leaves it out of date, naming the version it was", async () => {
    const { strategyId, statementId, lived, worker } = await statementWithPeople(db);
    const { contentHash } = await writeText(db, statementId, "I choose who supports me.");
    await db.asUser(worker.claims, (tx) => saveVersion(tx, statementId, "Ready to endorse"));
    await endorse(lived, strategyId, statementId, contentHash);
    await endorse(worker, strategyId, statementId, contentHash);

    let endorsements = await db.asUser(worker.claims, (tx) => listEndorsements(tx, statementId));
    expect(endorsements.map((e) => [e.name, e.roleGroup, e.current, e.versionNumber])).toEqual([
      ["Priya Worker", "worker", true, 1],
      ["Sam", "lived_experience", true, 1],
    ]);

    const changed = await writeText(db, statementId, "I choose who supports me, and when.");
    await endorse(worker, strategyId, statementId, changed.contentHash);
    endorsements = await db.asUser(worker.claims, (tx) => listEndorsements(tx, statementId));
    expect(endorsements.map((e) => [e.name, e.current, e.versionNumber])).toEqual([
      ["Priya Worker", true, null],
      ["Sam", false, 1],
    ]);
  });

  it("refuses an endorsement of text that has changed since it was read", async () => {
    const { strategyId, statementId, lived } = await statementWithPeople(db);
    const read = await writeText(db, statementId, "What Sam read.");
    await writeText(db, statementId, "What someone else typed a moment later.");
    expect(await sqlStateOf(endorse(lived, strategyId, statementId, read.contentHash))).toBe("40001");
    expect(await db.asUser(lived.claims, (tx) => listEndorsements(tx, statementId))).toEqual([]);
  });

  it("refuses endorsements from observers, outsiders and on someone else's behalf; withdraws only one's own", async () => {
    const { strategyId, statementId, lived, worker, observer, outsider } = await statementWithPeople(db);
    const { contentHash } = await writeText(db, statementId, "I choose who supports me.");
    expect(await sqlStateOf(endorse(observer, strategyId, statementId, contentHash))).toBe("42501");
    expect(await sqlStateOf(endorse(outsider, strategyId, statementId, contentHash))).toBe("42501");
    expect(
      await sqlStateOf(
        db.asUser(worker.claims, (tx) => insertEndorsement(tx, { strategyId, statementId, userId: lived.id, contentHash })),
      ),
    ).toBe("42501");

    await endorse(lived, strategyId, statementId, contentHash);
    await endorse(worker, strategyId, statementId, contentHash);
    // Endorsing the same text twice is one endorsement.
    await endorse(worker, strategyId, statementId, contentHash);
    expect(await db.asUser(worker.claims, (tx) => deleteMyEndorsements(tx, statementId))).toBe(1);
    const left = await db.asUser(worker.claims, (tx) => listEndorsements(tx, statementId));
    expect(left.map((e) => e.name)).toEqual(["Sam"]);
  });
});

describe("moving a statement through its statuses", () => {
  it("lets co-writers send for review and back, and only a facilitator agree, publish and reopen", async () => {
    const { statementId, facilitator, worker, observer } = await statementWithPeople(db);
    await writeText(db, statementId, "I choose who supports me.");

    expect(await sqlStateOf(move(observer, statementId, "in_review"))).toBe("42501");
    await move(worker, statementId, "in_review");
    await move(worker, statementId, "draft");
    await move(worker, statementId, "in_review");
    expect(await sqlStateOf(move(worker, statementId, "agreed"))).toBe("42501");
    await move(facilitator, statementId, "agreed");
    expect(await sqlStateOf(move(worker, statementId, "published"))).toBe("42501");
    expect(await sqlStateOf(move(worker, statementId, "in_review"))).toBe("42501");
    await move(facilitator, statementId, "published");
    expect(await sqlStateOf(move(facilitator, statementId, "agreed"))).toBe("22023");
    await move(facilitator, statementId, "in_review");
    expect((await statementContent(db, statementId))!.status).toBe("in_review");
  });

  it("refuses to skip a step or agree an empty statement, and sends agreed text back to review when it changes", async () => {
    const { statementId, facilitator } = await statementWithPeople(db);
    expect(await sqlStateOf(move(facilitator, statementId, "agreed"))).toBe("22023");
    await move(facilitator, statementId, "in_review");
    expect(await blockerFor(facilitator, statementId)).toBe("empty");
    expect(await sqlStateOf(move(facilitator, statementId, "agreed"))).toBe("23514");

    await writeText(db, statementId, "I choose who supports me.");
    expect(await blockerFor(facilitator, statementId)).toBeNull();
    await move(facilitator, statementId, "agreed");
    await writeText(db, statementId, "A change that arrived as it was agreed.");
    expect((await statementContent(db, statementId))!.status).toBe("in_review");
  });
});

describe("nothing about us without us", () => {
  it("blocks agreement until a person with lived experience has contributed and endorsed the current text", async () => {
    const { strategyId, statementId, facilitator, lived, worker } = await statementWithPeople(db);
    await requireLivedExperience(facilitator, strategyId, true);
    const written = await writeText(db, statementId, "We will ask people what matters to them.", { user: worker, roleGroup: "worker" });
    await move(worker, statementId, "in_review");

    // Blocked: no one with lived experience has contributed.
    expect(await blockerFor(worker, statementId)).toBe("no_lived_experience_contribution");
    const refused = await db.asUser(facilitator.claims, (tx) => setStatementStatus(tx, statementId, "agreed")).catch((e) => e);
    expect(refused).toMatchObject({ code: "23514", hint: "no_lived_experience_contribution" });
    // An endorsement alone is not a contribution.
    await endorse(lived, strategyId, statementId, written.contentHash);
    expect(await blockerFor(facilitator, statementId)).toBe("no_lived_experience_contribution");

    // Sam writes: now blocked only because Sam has not endorsed the current text.
    const current = await writeText(db, statementId, "We will ask people what matters to them, and listen.", {
      user: lived,
      roleGroup: "lived_experience",
      charsAdded: 12,
    });
    expect(await blockerFor(facilitator, statementId)).toBe("no_lived_experience_endorsement");
    expect(await sqlStateOf(move(facilitator, statementId, "agreed"))).toBe("23514");

    await endorse(lived, strategyId, statementId, current.contentHash);
    expect(await blockerFor(facilitator, statementId)).toBeNull();

    // A later edit leaves Sam's endorsement out of date: blocked again until Sam endorses anew.
    const edited = await writeText(db, statementId, "We will ask people what matters to them, and act on it.", {
      user: worker,
      roleGroup: "worker",
    });
    expect(await blockerFor(facilitator, statementId)).toBe("no_lived_experience_endorsement");
    await endorse(lived, strategyId, statementId, edited.contentHash);
    await move(facilitator, statementId, "agreed");
    expect((await statementContent(db, statementId))!.status).toBe("agreed");
  });

  it("counts a comment by a person with lived experience as contributing", async () => {
    const { strategyId, statementId, facilitator, lived } = await statementWithPeople(db);
    await requireLivedExperience(facilitator, strategyId, true);
    const { contentHash } = await writeText(db, statementId, "I choose who supports me.", { user: facilitator, roleGroup: "other" });
    await move(facilitator, statementId, "in_review");
    await db.asUser(lived.claims, (tx) =>
      insertComment(tx, { strategyId, statementId, parentId: null, authorId: lived.id, body: "This says it well." }),
    );
    expect(await blockerFor(facilitator, statementId)).toBe("no_lived_experience_endorsement");
    await endorse(lived, strategyId, statementId, contentHash);
    await move(facilitator, statementId, "agreed");
  });

  it("does not apply when the strategy does not ask for it", async () => {
    const { strategyId, statementId, facilitator, worker } = await statementWithPeople(db);
    await requireLivedExperience(facilitator, strategyId, true);
    await writeText(db, statementId, "We will pay a fair wage.", { user: worker, roleGroup: "worker" });
    await move(worker, statementId, "in_review");
    expect(await blockerFor(facilitator, statementId)).toBe("no_lived_experience_contribution");

    await requireLivedExperience(facilitator, strategyId, false);
    expect(await blockerFor(facilitator, statementId)).toBeNull();
    await move(facilitator, statementId, "agreed");
  });

  it("lets only a facilitator change the setting", async () => {
    const { strategyId, worker } = await statementWithPeople(db);
    const changed = await db.asUser(worker.claims, async (tx) => {
      const strategy = await getStrategy(tx, strategyId);
      return updateStrategy(tx, strategyId, { ...strategy!, requireLivedExperienceToAgree: true });
    });
    expect(changed).toBe(false);
  });
});
