import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Tx } from "../../app/platform/db.server";
import type { Mail, Mailer } from "../../app/platform/mailer.server";
import {
  chooseOrganisations,
  notifySignOffDecision,
  notifySignOffRequests,
  recordDecision,
  requestSignOff,
  setDefaults,
  type DecisionInput,
  type SignOffNotifier,
} from "../../app/services/sign-off.server";
import { addCommitment, addPriority, updateCommitment } from "../../app/services/structure.server";
import {
  countWaitingForMe,
  getCurrentRevision,
  getSignOffStanding,
  listEarlierDecisions,
  listRequiredOrganisationIds,
  listSignOffCells,
  listSignOffDefaults,
  listWaitingForMe,
} from "../../app/models/sign-off.server";
import { getCommitment } from "../../app/models/commitments.server";
import { seedDemo } from "../../app/services/demo-seed.server";
import { DEMO_STRATEGY_ID, demoPriorities, demoSignOff } from "../../app/services/demo/content";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { addMember, createOrganisation, createStrategy, createUser, type TestUser } from "../support/factories";

/** The mail a server would send, kept for the test to read: a real Mailer, not a mock. */
class CapturingMailer implements Mailer {
  readonly kind = "smtp" as const;
  readonly sent: Mail[] = [];
  async send(mail: Mail) {
    this.sent.push(mail);
  }
}

/** A mail server that is down. */
class FailingMailer implements Mailer {
  readonly kind = "smtp" as const;
  async send(): Promise<void> {
    throw new Error("connect ECONNREFUSED 127.0.0.1:25");
  }
}

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const as = (user: TestUser) => <T>(fn: (tx: Tx) => Promise<T>) => db.asUser(user.claims, fn);
const notifierWith = (mailer: Mailer): SignOffNotifier => ({ db, mailer, appOrigin: "https://hub.test" });

/**
 * A strategy with one commitment, two organisations (A with two signatories, B with one), a
 * partner who signs for no one, and a second facilitator who is told of decisions.
 */
async function signOffSetting() {
  const facilitator = await createUser(db, { displayName: "Fatima Facilitator" });
  const coFacilitator = await createUser(db, { displayName: "Chris Cofacilitator" });
  const signatoryA = await createUser(db, { displayName: "Ada Signer" });
  const secondSignatoryA = await createUser(db, { displayName: "Abe Signer" });
  const signatoryB = await createUser(db, { displayName: "Bea Signer" });
  const partner = await createUser(db, { displayName: "Pat Partner" });
  const suffix = Math.random().toString(36).slice(2, 8);
  const orgA = await createOrganisation(db, `Alpha Care ${suffix}`);
  const orgB = await createOrganisation(db, `Beta Skills ${suffix}`);
  const { strategyId, priorityId, commitmentId } = await createStrategy(db, facilitator, { title: `Sign-off strategy ${suffix}` });
  await addMember(db, facilitator, strategyId, coFacilitator, [{ role: "facilitator" }]);
  await addMember(db, facilitator, strategyId, signatoryA, [{ role: "partner" }, { role: "signatory", organisationId: orgA }]);
  await addMember(db, facilitator, strategyId, secondSignatoryA, [{ role: "signatory", organisationId: orgA }]);
  await addMember(db, facilitator, strategyId, signatoryB, [{ role: "signatory", organisationId: orgB }]);
  await addMember(db, facilitator, strategyId, partner, [{ role: "partner" }]);
  return {
    facilitator,
    coFacilitator,
    signatoryA,
    secondSignatoryA,
    signatoryB,
    partner,
    orgA,
    orgB,
    nameA: `Alpha Care ${suffix}`,
    nameB: `Beta Skills ${suffix}`,
    strategyId,
    priorityId,
    commitmentId,
  };
}

type Setting = Awaited<ReturnType<typeof signOffSetting>>;

/** A setting whose commitment both organisations must sign off, and have been asked to. */
async function askedOfBoth() {
  const s = await signOffSetting();
  await as(s.facilitator)(async (tx) => {
    await chooseOrganisations(tx, { strategyId: s.strategyId, commitmentId: s.commitmentId, organisationIds: [s.orgA, s.orgB] });
    await requestSignOff(tx, { strategyId: s.strategyId, commitmentId: s.commitmentId });
  });
  return s;
}

const decide = (s: Setting, signer: TestUser, overrides: Partial<DecisionInput> = {}) =>
  recordDecision(as(signer), {
    strategyId: s.strategyId,
    commitmentId: s.commitmentId,
    organisationId: s.orgA,
    organisationName: s.nameA,
    revision: 1,
    decision: "endorsed",
    userId: signer.id,
    ...overrides,
  });

/** The facilitator changes the commitment's wording, which makes a new revision. */
async function editWording(s: Setting, text: string) {
  await as(s.facilitator)(async (tx) => {
    const before = (await getCommitment(tx, s.strategyId, s.commitmentId))!;
    await updateCommitment(tx, s.strategyId, s.commitmentId, {
      text,
      responsibleParties: before.responsibleParties,
      leadOrganisationId: before.leadOrganisationId,
      dueDate: before.dueDate,
      status: before.status,
      priorityId: before.priorityId,
    });
  });
}

const states = async (s: Setting) =>
  Object.fromEntries((await as(s.facilitator)((tx) => listSignOffCells(tx, s.commitmentId))).map((c) => [c.organisationId, c.state]));

describe("choosing the organisations that must sign off a commitment", () => {
  it("adds the organisations chosen and stops asking those left out, and the history records both", async () => {
    const s = await signOffSetting();
    const orgC = await createOrganisation(db);
    const first = await as(s.facilitator)((tx) =>
      chooseOrganisations(tx, { strategyId: s.strategyId, commitmentId: s.commitmentId, organisationIds: [s.orgA, s.orgB, s.orgA] }),
    );
    expect(first).toEqual({ added: [s.orgA, s.orgB], removed: [] });

    const second = await as(s.facilitator)((tx) =>
      chooseOrganisations(tx, { strategyId: s.strategyId, commitmentId: s.commitmentId, organisationIds: [s.orgB, orgC] }),
    );
    expect(second).toEqual({ added: [orgC], removed: [s.orgA] });
    const required = await as(s.facilitator)((tx) => listRequiredOrganisationIds(tx, s.commitmentId));
    expect(required.sort()).toEqual([s.orgB, orgC].sort());
    expect(Object.values(await states(s))).toEqual(["not_requested", "not_requested"]);

    const audit = await db.asService("test: read the audit log", (tx) =>
      tx.query<{ action: string; organisationId: string }>(
        `select action, details ->> 'organisation_id' as "organisationId" from public.audit_log
          where entity_type = 'sign_off_organisation' and entity_id = $1 order by seq`,
        [s.commitmentId],
      ),
    );
    expect(audit).toEqual([
      { action: "created", organisationId: s.orgA },
      { action: "created", organisationId: s.orgB },
      { action: "deleted", organisationId: s.orgA },
      { action: "created", organisationId: orgC },
    ]);
  });

  it("is refused by the database for anyone but a facilitator", async () => {
    const s = await signOffSetting();
    await expect(
      as(s.signatoryA)((tx) => chooseOrganisations(tx, { strategyId: s.strategyId, commitmentId: s.commitmentId, organisationIds: [s.orgA] })),
    ).rejects.toMatchObject({ code: "42501" });
  });
});

describe("asking for sign-off", () => {
  it("asks each organisation not yet asked about the current revision, once, with the message", async () => {
    const s = await signOffSetting();
    await as(s.facilitator)((tx) =>
      chooseOrganisations(tx, { strategyId: s.strategyId, commitmentId: s.commitmentId, organisationIds: [s.orgA] }),
    );
    const asked = await as(s.facilitator)((tx) =>
      requestSignOff(tx, { strategyId: s.strategyId, commitmentId: s.commitmentId, message: "  Please sign by Friday.  " }),
    );
    expect(asked).toEqual({ revision: 1, organisationIds: [s.orgA] });
    expect(await states(s)).toEqual({ [s.orgA]: "waiting" });

    // Asking again asks nobody; adding an organisation and asking asks only the new one.
    expect(await as(s.facilitator)((tx) => requestSignOff(tx, { strategyId: s.strategyId, commitmentId: s.commitmentId }))).toEqual({
      revision: 1,
      organisationIds: [],
    });
    const second = await as(s.facilitator)(async (tx) => {
      await chooseOrganisations(tx, { strategyId: s.strategyId, commitmentId: s.commitmentId, organisationIds: [s.orgA, s.orgB] });
      return requestSignOff(tx, { strategyId: s.strategyId, commitmentId: s.commitmentId });
    });
    expect(second).toEqual({ revision: 1, organisationIds: [s.orgB] });

    const messages = await db.asService("test: read the requests", (tx) =>
      tx.query<{ message: string; requestedBy: string }>(
        `select message, requested_by as "requestedBy" from public.sign_off_requests where commitment_id = $1 order by requested_at`,
        [s.commitmentId],
      ),
    );
    expect(messages).toEqual([
      { message: "Please sign by Friday.", requestedBy: s.facilitator.id },
      { message: "", requestedBy: s.facilitator.id },
    ]);
  });

  it("asks nobody when no organisation must sign off the commitment", async () => {
    const s = await signOffSetting();
    expect(await as(s.facilitator)((tx) => requestSignOff(tx, { strategyId: s.strategyId, commitmentId: s.commitmentId }))).toEqual({
      revision: null,
      organisationIds: [],
    });
  });
});

describe("recording a decision", () => {
  it("binds each decision to the revision read, and the commitment is agreed once every organisation has endorsed it", async () => {
    const s = await askedOfBoth();
    const first = await decide(s, s.signatoryA);
    expect(first).toMatchObject({ ok: true, revision: 1, currentRevision: 1, stale: false });
    expect(await as(s.facilitator)((tx) => getSignOffStanding(tx, s.commitmentId))).toEqual({ revision: 1, agreed: false });

    const second = await decide(s, s.signatoryB, {
      organisationId: s.orgB,
      organisationName: s.nameB,
      decision: "endorsed_with_conditions",
      conditions: "  Only with funding for training.  ",
      // Words a decision does not need are not kept.
      reason: "Not an objection",
    });
    expect(second).toMatchObject({ ok: true, stale: false });
    expect(await states(s)).toEqual({ [s.orgA]: "endorsed", [s.orgB]: "endorsed_with_conditions" });
    expect(await as(s.facilitator)((tx) => getSignOffStanding(tx, s.commitmentId))).toEqual({ revision: 1, agreed: true });
    const cells = await as(s.facilitator)((tx) => listSignOffCells(tx, s.commitmentId));
    expect(cells.find((c) => c.organisationId === s.orgB)).toMatchObject({
      conditions: "Only with funding for training.",
      reason: null,
      signedByName: "Bea Signer",
      decidedRevision: 1,
      awaitingDecision: false,
    });
    expect((await as(s.facilitator)((tx) => getCommitment(tx, s.strategyId, s.commitmentId)))!.status).toBe("agreed");
  });

  it("tells the second signatory of an organisation that someone else decided first", async () => {
    const s = await askedOfBoth();
    expect(await decide(s, s.signatoryA)).toMatchObject({ ok: true });
    expect(await decide(s, s.secondSignatoryA, { decision: "objected", reason: "We disagree." })).toEqual({
      ok: false,
      kind: "already_decided",
      message: `Someone else from ${s.nameA} recorded a decision on revision 1 a moment ago.`,
    });
    expect(await states(s)).toMatchObject({ [s.orgA]: "endorsed" });
  });

  it("keeps exactly one of two decisions made at the same moment", async () => {
    const s = await askedOfBoth();
    const outcomes = await Promise.all([
      decide(s, s.signatoryA),
      decide(s, s.secondSignatoryA, { decision: "objected", reason: "We disagree." }),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([expect.objectContaining({ kind: "already_decided" })]);
    const count = await db.asService("test: count decisions", (tx) =>
      tx.one<{ n: number }>("select count(*)::int as n from public.sign_off_decisions where commitment_id = $1", [s.commitmentId]),
    );
    expect(count!.n).toBe(1);
  });

  it("refuses a person who does not sign for the organisation, whatever the interface offered", async () => {
    const s = await askedOfBoth();
    const forbidden = { ok: false, kind: "forbidden", message: `Only a designated signatory of ${s.nameA} can record its decision.` };
    expect(await decide(s, s.partner)).toEqual(forbidden);
    expect(await decide(s, s.signatoryB)).toEqual(forbidden);
    expect(await decide(s, s.facilitator)).toEqual(forbidden);
  });

  it("refuses an organisation that is not asked, and a revision the commitment never had", async () => {
    const s = await signOffSetting();
    expect(await decide(s, s.signatoryA)).toMatchObject({ ok: false, kind: "not_asked" });
    await as(s.facilitator)((tx) =>
      chooseOrganisations(tx, { strategyId: s.strategyId, commitmentId: s.commitmentId, organisationIds: [s.orgA] }),
    );
    expect(await decide(s, s.signatoryA, { revision: 7 })).toEqual({
      ok: false,
      kind: "no_such_revision",
      message: "This commitment has no revision 7.",
    });
  });

  it("records a decision on the revision the signatory read when the commitment changed meanwhile, and says it is already out of date", async () => {
    const s = await askedOfBoth();
    const read = await as(s.signatoryA)((tx) => getCurrentRevision(tx, s.commitmentId));
    expect(read).toMatchObject({ number: 1, text: "We will do the thing we said we would do." });

    await editWording(s, "We will do the thing we said, by the end of next year.");
    const outcome = await decide(s, s.signatoryA, { revision: read!.number, decision: "objected", reason: "Too vague." });
    expect(outcome).toMatchObject({ ok: true, revision: 1, currentRevision: 2, stale: true });
    expect(await states(s)).toEqual({ [s.orgA]: "stale", [s.orgB]: "waiting" });

    // The objection stays on the record, and Alpha Care is asked again about revision 2.
    const earlier = await as(s.facilitator)((tx) => listEarlierDecisions(tx, s.commitmentId));
    expect(earlier).toEqual([expect.objectContaining({ revision: 1, decision: "objected", reason: "Too vague.", signedByName: "Ada Signer" })]);
    const cells = await as(s.signatoryA)((tx) => listSignOffCells(tx, s.commitmentId));
    expect(cells.find((c) => c.organisationId === s.orgA)).toMatchObject({
      currentRevision: 2,
      requestedRevision: 2,
      decidedRevision: 1,
      awaitingDecision: true,
    });
    expect(await decide(s, s.signatoryA, { revision: 2 })).toMatchObject({ ok: true, stale: false });
    expect(await states(s)).toEqual({ [s.orgA]: "endorsed", [s.orgB]: "waiting" });
  });
});

describe("what is waiting for a signatory", () => {
  it("lists and counts the commitments asked of the person's organisations and not yet decided, stale ones included", async () => {
    const s = await askedOfBoth();
    const second = await as(s.facilitator)(async (tx) => {
      const id = await addCommitment(tx, s.facilitator.id, s.strategyId, s.priorityId, {
        text: "We will publish what we learn every year.",
        responsibleParties: ["employers"],
        leadOrganisationId: null,
        dueDate: null,
        status: "draft",
      });
      await chooseOrganisations(tx, { strategyId: s.strategyId, commitmentId: id, organisationIds: [s.orgA] });
      await requestSignOff(tx, { strategyId: s.strategyId, commitmentId: id });
      return id;
    });
    expect(await as(s.signatoryA)((tx) => countWaitingForMe(tx, s.strategyId))).toBe(2);
    expect(await as(s.signatoryB)((tx) => countWaitingForMe(tx, s.strategyId))).toBe(1);
    expect(await as(s.partner)((tx) => countWaitingForMe(tx, s.strategyId))).toBe(0);

    await decide(s, s.signatoryA);
    expect(await as(s.secondSignatoryA)((tx) => countWaitingForMe(tx, s.strategyId))).toBe(1);

    await editWording(s, "We will do the thing we said we would do, and say how.");
    const waiting = await as(s.signatoryA)((tx) => listWaitingForMe(tx, s.strategyId));
    expect(waiting.map((w) => [w.commitmentId, w.organisationName, w.priorityNumber, w.currentRevision, w.decidedRevision])).toEqual([
      [s.commitmentId, s.nameA, 1, 2, 1],
      [second, s.nameA, 1, 1, null],
    ]);
  });

  it("leaves out archived commitments", async () => {
    const s = await askedOfBoth();
    await as(s.facilitator)((tx) => tx.query("update public.commitments set archived_at = now() where id = $1", [s.commitmentId]));
    expect(await as(s.signatoryA)((tx) => countWaitingForMe(tx, s.strategyId))).toBe(0);
    expect(await decide(s, s.signatoryA)).toMatchObject({ ok: false, kind: "not_asked" });
  });
});

describe("default organisations", () => {
  it("gives a new commitment its priority's defaults when the priority has any, otherwise the strategy's, and leaves existing ones alone", async () => {
    const s = await signOffSetting();
    const other = await as(s.facilitator)((tx) =>
      addPriority(tx, s.facilitator.id, s.strategyId, { title: "Another priority", summary: "", context: "" }),
    );
    const strategyWide = await as(s.facilitator)((tx) =>
      setDefaults(tx, { strategyId: s.strategyId, priorityId: null, organisationIds: [s.orgA, s.orgB] }),
    );
    expect(strategyWide).toEqual({ added: [s.orgA, s.orgB], removed: [] });
    await as(s.facilitator)((tx) => setDefaults(tx, { strategyId: s.strategyId, priorityId: other, organisationIds: [s.orgB] }));
    expect(await as(s.facilitator)((tx) => setDefaults(tx, { strategyId: s.strategyId, priorityId: null, organisationIds: [s.orgA] }))).toEqual({
      added: [],
      removed: [s.orgB],
    });
    const defaults = await as(s.signatoryA)((tx) => listSignOffDefaults(tx, s.strategyId));
    expect(defaults).toHaveLength(2);
    expect(defaults).toEqual(
      expect.arrayContaining([
        { priorityId: null, organisationId: s.orgA },
        { priorityId: other, organisationId: s.orgB },
      ]),
    );

    const details = { responsibleParties: ["employers" as const], leadOrganisationId: null, dueDate: null, status: "draft" as const };
    const [inFirst, inOther] = await as(s.facilitator)(async (tx) => [
      await addCommitment(tx, s.facilitator.id, s.strategyId, s.priorityId, { ...details, text: "We will follow the strategy's defaults." }),
      await addCommitment(tx, s.facilitator.id, s.strategyId, other, { ...details, text: "We will follow the priority's defaults." }),
    ]);
    const required = (id: string) => as(s.facilitator)((tx) => listRequiredOrganisationIds(tx, id));
    expect(await required(inFirst)).toEqual([s.orgA]);
    expect(await required(inOther)).toEqual([s.orgB]);
    expect(await required(s.commitmentId)).toEqual([]);
  });

  it("is refused by the database for anyone but a facilitator", async () => {
    const s = await signOffSetting();
    await expect(
      as(s.signatoryA)((tx) => setDefaults(tx, { strategyId: s.strategyId, priorityId: null, organisationIds: [s.orgA] })),
    ).rejects.toMatchObject({ code: "42501" });
  });
});

describe("emails about sign-off", () => {
  it("asks each signatory of each organisation asked, with the commitment, the message and a link to record the decision", async () => {
    const s = await signOffSetting();
    const asked = await as(s.facilitator)(async (tx) => {
      await chooseOrganisations(tx, { strategyId: s.strategyId, commitmentId: s.commitmentId, organisationIds: [s.orgA, s.orgB] });
      return requestSignOff(tx, { strategyId: s.strategyId, commitmentId: s.commitmentId, message: "Please sign by Friday." });
    });
    const mailer = new CapturingMailer();
    const sent = await notifySignOffRequests(notifierWith(mailer), {
      strategyId: s.strategyId,
      commitmentId: s.commitmentId,
      revision: asked.revision!,
      organisationIds: asked.organisationIds,
    });
    expect(sent).toBe(3);
    expect(mailer.sent.map((m) => m.to).sort()).toEqual([s.signatoryA.email, s.secondSignatoryA.email, s.signatoryB.email].sort());
    const toAda = mailer.sent.find((m) => m.to === s.signatoryA.email)!;
    expect(toAda.subject).toBe(`Sign-off requested: ${s.nameA} is asked to sign off a commitment`);
    expect(toAda.text).toContain("Hello Ada Signer,");
    expect(toAda.text).toContain(`Fatima Facilitator asks ${s.nameA} to sign off revision 1 of a commitment in “Sign-off strategy`);
    expect(toAda.text).toContain("“We will do the thing we said we would do.”");
    expect(toAda.text).toContain("Their message:\nPlease sign by Friday.");
    expect(toAda.text).toContain(
      `https://hub.test/strategies/${s.strategyId}/commitments/${s.commitmentId}/sign-off?organisation=${s.orgA}`,
    );
    // Nobody outside the organisations asked is written to.
    expect(mailer.sent.map((m) => m.to)).not.toContain(s.partner.email);
  });

  it("tells the facilitators, not the person who signed, what an organisation decided", async () => {
    const s = await askedOfBoth();
    const outcome = await decide(s, s.signatoryB, {
      organisationId: s.orgB,
      organisationName: s.nameB,
      decision: "objected",
      reason: "The date is not realistic.",
    });
    if (!outcome.ok) throw new Error(outcome.message);
    const mailer = new CapturingMailer();
    expect(
      await notifySignOffDecision(notifierWith(mailer), { strategyId: s.strategyId, commitmentId: s.commitmentId, decisionId: outcome.decisionId }),
    ).toBe(2);
    expect(mailer.sent.map((m) => m.to).sort()).toEqual([s.facilitator.email, s.coFacilitator.email].sort());
    const mail = mailer.sent[0];
    expect(mail.subject).toBe(`${s.nameB} objected to a commitment`);
    expect(mail.text).toContain(`Bea Signer recorded ${s.nameB}’s decision on revision 1 of a commitment in “Sign-off strategy`);
    expect(mail.text).toContain(`${s.nameB} objected to it.`);
    expect(mail.text).toContain("Reason:\nThe date is not realistic.");
    expect(mail.text).toContain(`https://hub.test/strategies/${s.strategyId}/commitments/${s.commitmentId}\n`.trimEnd());
  });

  it("asks the signatories again when an edit makes a new revision, and says a stale decision is out of date", async () => {
    const s = await askedOfBoth();
    await editWording(s, "We will do the thing we said, and report on it.");
    const mailer = new CapturingMailer();
    const sent = await notifySignOffRequests(notifierWith(mailer), { strategyId: s.strategyId, commitmentId: s.commitmentId, revision: 2 });
    expect(sent).toBe(3);
    expect(new Set(mailer.sent.map((m) => m.subject))).toEqual(new Set(["Sign-off needed again: a commitment changed (now revision 2)"]));
    expect(mailer.sent[0].text).toContain("is now revision 2, so");
    expect(mailer.sent[0].text).toContain("“We will do the thing we said, and report on it.”");

    const stale = await decide(s, s.signatoryA, { revision: 1 });
    if (!stale.ok) throw new Error(stale.message);
    const told = new CapturingMailer();
    await notifySignOffDecision(notifierWith(told), { strategyId: s.strategyId, commitmentId: s.commitmentId, decisionId: stale.decisionId });
    expect(told.sent[0].text).toContain("it is now revision 2, so this decision is already out of date.");
  });

  it("never fails when the mail server does: each failure is a warning, not an error", async () => {
    const s = await askedOfBoth();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const sent = await notifySignOffRequests(notifierWith(new FailingMailer()), {
      strategyId: s.strategyId,
      commitmentId: s.commitmentId,
      revision: 1,
    });
    expect(sent).toBe(0);
    expect(warn).toHaveBeenCalledTimes(3);
    expect(warn.mock.calls[0][0]).toMatch(/^\[mail\] A sign-off email to .* could not be sent: connect ECONNREFUSED/);

    const broken: SignOffNotifier = {
      ...notifierWith(new CapturingMailer()),
      db: { ...db, asService: () => Promise.reject(new Error("the database went away")) },
    };
    expect(await notifySignOffDecision(broken, { strategyId: s.strategyId, commitmentId: s.commitmentId, decisionId: s.commitmentId })).toBe(0);
    expect(warn).toHaveBeenLastCalledWith("[mail] Sign-off decision emails could not be prepared: the database went away");
  });
});

describe("the demo's sign-off", () => {
  it("asks ADASS and Skills for Care about every commitment of priority 1, with one endorsement and one objection, once", async () => {
    await seedDemo(db, { withAccounts: true });
    await seedDemo(db, { withAccounts: true });
    const cells = await db.asService("test: read the demo's sign-off", (tx) =>
      tx.query<{ priority: number; commitment: number; organisation: string; state: string; reason: string | null }>(
        `select p.position as priority, c.position as commitment, o.short_name as organisation, s.state, s.reason
           from public.sign_off_cells s
           join public.commitments c on c.id = s.commitment_id
           join public.priorities p on p.id = c.priority_id
           join public.organisations o on o.id = s.organisation_id
          where s.strategy_id = $1
          order by p.position, c.position, o.short_name`,
        [DEMO_STRATEGY_ID],
      ),
    );
    const commitmentsOfPriority1 = demoPriorities[0].commitments.length;
    expect(cells).toHaveLength(commitmentsOfPriority1 * 2);
    expect(cells.every((c) => c.priority === 1)).toBe(true);
    expect(cells.filter((c) => c.state !== "waiting")).toEqual([
      { priority: 1, commitment: 1, organisation: "ADASS", state: "endorsed", reason: null },
      { priority: 1, commitment: 2, organisation: "Skills for Care", state: "objected", reason: demoSignOff.decisions[1].reason },
    ]);
    const defaults = await db.asService("test: read the demo's defaults", (tx) =>
      tx.query<{ organisation: string; priorityId: string | null }>(
        `select o.short_name as organisation, d.priority_id as "priorityId" from public.sign_off_defaults d
           join public.organisations o on o.id = d.organisation_id where d.strategy_id = $1 order by o.short_name`,
        [DEMO_STRATEGY_ID],
      ),
    );
    expect(defaults).toEqual([
      { organisation: "ADASS", priorityId: null },
      { organisation: "Skills for Care", priorityId: null },
    ]);

    const adass = await db.asService("test: find the demo signatory", (tx) =>
      tx.one<{ id: string }>("select id from auth.users where email = 'signatory.adass@demo.hub.local'"),
    );
    const claims = { sub: adass!.id, role: "authenticated" as const, email: "signatory.adass@demo.hub.local" };
    expect(await db.asUser(claims, (tx) => countWaitingForMe(tx, DEMO_STRATEGY_ID))).toBe(commitmentsOfPriority1 - 1);
  });
});
