import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProgress } from "../../app/models/progress.server";
import { seedDemo } from "../../app/services/demo-seed.server";
import { DEMO_STRATEGY_ID, demoEvidence } from "../../app/services/demo/content";
import { loader as progressLoader } from "../../app/routes/strategies.$strategyId.progress";
import { loader as reportLoader } from "../../app/routes/strategies.$strategyId.report";
import { createStrategy, createUser, type TestUser } from "../support/factories";
import { buildPublicStrategy, STORY_WITH_CONSENT, STORY_WITHOUT_CONSENT, type PublicStrategy } from "../support/public-strategy";
import { openTestDatabase, type TestDatabase } from "../support/test-db";

/*
 * The public progress page reads as a visitor (anon) whoever asks, so what it shows is exactly what
 * Row Level Security lets the public see. These tests load it as anon and through the route as a
 * signed-in member, and check what is there and, by content, what is not.
 */

let db: TestDatabase;
let s: PublicStrategy;
beforeAll(async () => {
  db = await openTestDatabase();
  s = await buildPublicStrategy(db);
});
afterAll(async () => {
  await db.dispose();
});

const contextFor = (user: TestUser | null) =>
  ({ platform: { db, config: { appOrigin: "http://hub.test" } }, user: user && { id: user.id, email: user.email, name: user.email, claims: user.claims } }) as unknown as AppLoadContext;

const load = (user: TestUser | null, strategyId: string) =>
  progressLoader({ request: new Request(`http://hub.test/strategies/${strategyId}/progress`), params: { strategyId }, context: contextFor(user) });

describe("the public progress of a strategy, read as a visitor", () => {
  it("shows agreed commitments with who signed, and hides proposed ones and those still waiting", async () => {
    const progress = (await db.asUser(null, (tx) => loadProgress(tx, s.strategyId)))!;
    expect(progress.priorities).toHaveLength(1);
    const [priority] = progress.priorities;
    expect(priority.commitments.map((c) => c.id)).toEqual([s.commitments.agreedId]);
    expect(priority.commitments[0].signOffs).toEqual([
      expect.objectContaining({ decision: "endorsed_with_conditions", signedByName: "Sid Signatory", conditions: "=Reviewed each spring" }),
    ]);
  });

  it("shows measures with their status and verified data points only", async () => {
    const progress = (await db.asUser(null, (tx) => loadProgress(tx, s.strategyId)))!;
    const measures = progress.priorities[0].measures;
    expect(measures.map((m) => m.name)).toEqual(["A vacancy rate", "B measure with no data"]);
    expect(measures[0].dataPoints.map((p) => [p.value, p.verified])).toEqual([[-3, true]]);
    expect(measures[0].rag.status).toBe("on_track");
    expect(measures[1].dataPoints).toEqual([]);
    expect(measures[1].rag.status).toBe("no_data");
  });

  it("shows verified evidence that may be published, and no unverified item, returned item or story without consent", async () => {
    const progress = (await db.asUser(null, (tx) => loadProgress(tx, s.strategyId)))!;
    const { evidence, evidenceTotal, triangulation } = progress.priorities[0];
    expect(evidence.map((e) => e.id).sort()).toEqual([s.evidence.verifiedFeedback, s.evidence.storyWithConsent].sort());
    expect(evidenceTotal).toBe(2);
    const everything = JSON.stringify(progress);
    expect(everything).toContain(STORY_WITH_CONSENT);
    expect(everything).not.toContain(STORY_WITHOUT_CONSENT);
    expect(everything).not.toContain("Feedback still waiting for review");
    expect(everything).not.toContain("Board minutes");
    expect(everything).not.toContain("We will publish a draft plan nobody has agreed yet.");
    // An anonymised story shows no name: the page never carries a submitter's name at all.
    expect(everything).not.toContain("Tess Teller");
    expect(everything).not.toContain("Will Worker");
    // Triangulation counts only what the public may see: nothing unverified.
    expect(triangulation.every((c) => c.unverified === 0)).toBe(true);
  });

  it("returns nothing for a private strategy", async () => {
    const owner = await createUser(db);
    const secret = await createStrategy(db, owner);
    expect(await db.asUser(null, (tx) => loadProgress(tx, secret.strategyId))).toBeUndefined();
  });
});

describe("the progress page's loader", () => {
  it("reads as a visitor even for a member who may see more", async () => {
    // The member does see more under their own claims, so what follows is not true by accident.
    const own = await db.asUser(s.people.evaluator.claims, (tx) => loadProgress(tx, s.strategyId));
    expect(JSON.stringify(own)).toContain(STORY_WITHOUT_CONSENT);
    const data = (await load(s.people.evaluator, s.strategyId)) as Awaited<ReturnType<typeof progressLoader>>;
    const everything = JSON.stringify(data);
    expect(data.progress?.priorities[0].commitments.map((c) => c.id)).toEqual([s.commitments.agreedId]);
    expect(everything).not.toContain(STORY_WITHOUT_CONSENT);
    expect(everything).not.toContain("Feedback still waiting for review");
  });

  it("tells a member of a private strategy that it is private, and is a 404 to anyone else", async () => {
    const owner = await createUser(db);
    const secret = await createStrategy(db, owner, { title: "A private strategy" });
    expect(await load(owner, secret.strategyId)).toEqual({ progress: null, title: "A private strategy" });
    for (const who of [null, s.people.outsider]) {
      const refusal = await load(who, secret.strategyId).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(refusal).toBeInstanceOf(Response);
      expect((refusal as Response).status).toBe(404);
    }
  });
});

describe("the demo evidence", () => {
  it("is loaded once, and the public sees the stories that may be published and nothing that may not", async () => {
    await seedDemo(db, { withAccounts: true });
    await seedDemo(db, { withAccounts: true });
    const count = await db.asOwner((tx) =>
      tx.one<{ n: number }>("select count(*)::int as n from public.evidence where strategy_id = $1 and kind <> 'data_point'", [DEMO_STRATEGY_ID]),
    );
    expect(count!.n).toBe(demoEvidence.length);

    const progress = (await db.asUser(null, (tx) => loadProgress(tx, DEMO_STRATEGY_ID)))!;
    const everything = JSON.stringify(progress);
    for (const e of demoEvidence) {
      const public_ = e.verified && (e.kind !== "story" || e.consent?.publish);
      if (public_) expect(everything, e.title).toContain(e.body);
      else expect(everything, e.title).not.toContain(e.body);
    }
    // Priority 1's evidence belongs to the evidence journey: the demo adds none there.
    expect(progress.priorities[0].evidence).toEqual([]);
    expect(progress.priorities[1].triangulation.map((c) => c.category).sort()).toEqual(["observation", "outcomes", "peoples_experience", "staff_leader_feedback"]);
  });
});

describe("the printable report's loader", () => {
  const report = (user: TestUser | null, strategyId: string, query = "") =>
    reportLoader({ request: new Request(`http://hub.test/strategies/${strategyId}/report${query}`), params: { strategyId }, context: contextFor(user) });

  it("gives each reader the dashboard their RLS allows, on today's UK date, and who shaped the statements to members only", async () => {
    const member = await report(s.people.worker, s.strategyId);
    expect(member.statusDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(member.showBalance).toBe(true);
    expect(member.dashboard.priorities.map((p) => p.commitments)).toEqual([{ total: 3, agreed: 1, waiting: 1, objected: 0 }]);
    const visitor = await report(null, s.strategyId);
    expect(visitor.showBalance).toBe(false);
    // A visitor sees no sign-off requests, so nothing shows as waiting to them.
    expect(visitor.dashboard.priorities[0].commitments).toMatchObject({ total: 3, agreed: 1, waiting: 0 });
  });

  it("covers one responsible party when asked, and ignores a party it does not know", async () => {
    expect((await report(s.people.worker, s.strategyId, "?party=regulators")).dashboard.priorities).toEqual([]);
    expect((await report(s.people.worker, s.strategyId, "?party=employers")).filter).toEqual({ party: "employers" });
    expect((await report(s.people.worker, s.strategyId, "?party=nobody")).filter).toEqual({});
  });

  it("is a 404 for anyone who may not read the strategy", async () => {
    const owner = await createUser(db);
    const secret = await createStrategy(db, owner);
    const refusal = await report(null, secret.strategyId).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect((refusal as Response).status).toBe(404);
  });
});
