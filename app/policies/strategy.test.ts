import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "~/domain/roles";
import {
  abilities,
  authorize,
  can,
  canEditStatementText,
  canSignFor,
  signatoryOrganisationIds,
  type StrategyAction,
  type StrategyActor,
} from "./strategy";

const ACTIONS: StrategyAction[] = [
  "read",
  "read_members",
  "read_member_history",
  "edit_structure",
  "manage_members",
  "manage_invitations",
  "write_statements",
  "read_discussion",
  "collaborate",
  "agree_statements",
  "read_sign_off",
  "manage_sign_off",
  "publish",
  "define_measures",
  "submit_evidence",
  "review_evidence",
];
const memberOnly: StrategyAction[] = [
  "read",
  "read_members",
  "read_member_history",
  "read_discussion",
  "collaborate",
  "read_sign_off",
  "submit_evidence",
];
const coWriter: StrategyAction[] = [...memberOnly, "write_statements"];
const evaluator: StrategyAction[] = [...coWriter, "define_measures", "review_evidence"];
const everything = ACTIONS;

const visitor: StrategyActor = { userId: null, roles: [] };
const stranger: StrategyActor = { userId: "a-signed-in-stranger", roles: [] };
const holding = (...roles: Role[]): StrategyActor => ({
  userId: `someone-with-${roles.join("-")}`,
  roles: roles.map((role) => ({ role, organisationId: role === "signatory" ? "an-organisation" : null })),
});

/** What each kind of person may do, on a private and on a public strategy. */
const expectations: [who: string, actor: StrategyActor, privateStrategy: StrategyAction[], publicStrategy: StrategyAction[]][] = [
  ["a visitor", visitor, [], ["read"]],
  ["a signed-in person who is not a member", stranger, [], ["read"]],
  ...ROLES.map((role): [string, StrategyActor, StrategyAction[], StrategyAction[]] => {
    const allowed =
      role === "facilitator" ? everything : role === "observer" ? memberOnly : role === "evaluator" ? evaluator : coWriter;
    return [`a member holding ${role}`, holding(role), allowed, allowed];
  }),
  ["a member holding several roles, one of them facilitator", holding("observer", "signatory", "facilitator"), everything, everything],
  ["a member holding several roles, none of them facilitator", holding("lived_experience", "worker", "evaluator"), evaluator, evaluator],
];

describe("can", () => {
  for (const [who, actor, privateStrategy, publicStrategy] of expectations) {
    for (const [visibility, allowed] of [["private", privateStrategy], ["public", publicStrategy]] as const) {
      for (const action of ACTIONS) {
        const may = allowed.includes(action);
        it(`${who} ${may ? "may" : "may not"} ${action.replaceAll("_", " ")} on a ${visibility} strategy`, () => {
          expect(can(actor, action, { visibility })).toBe(may);
        });
      }
    }
  }

  it("treats roles without a signed-in person as nobody's", () => {
    const orphan: StrategyActor = { userId: null, roles: [{ role: "facilitator", organisationId: null }] };
    expect(can(orphan, "read", { visibility: "private" })).toBe(false);
    expect(can(orphan, "read_members", { visibility: "public" })).toBe(false);
  });
});

describe("authorize", () => {
  /** The response authorize throws. */
  function refusal(attempt: () => void): Response {
    try {
      attempt();
    } catch (error) {
      if (error instanceof Response) return error;
      throw error;
    }
    throw new Error("expected authorize to refuse");
  }

  it("lets an allowed action through", () => {
    expect(() => authorize(holding("facilitator"), "manage_invitations", { visibility: "private" })).not.toThrow();
  });

  it("throws a 403 response that says who may act", async () => {
    const response = refusal(() => authorize(holding("worker"), "edit_structure", { visibility: "public" }));
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("Only a facilitator of this strategy can change its priorities and commitments.");
  });

  it("uses the message it is given", async () => {
    const response = refusal(() => authorize(visitor, "read", { visibility: "private" }, "Sign in to read this strategy."));
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("Sign in to read this strategy.");
  });
});

describe("abilities", () => {
  const none = {
    isMember: false,
    canReadMembers: false,
    canEditStructure: false,
    canManageMembers: false,
    canInvite: false,
    canWriteStatements: false,
    canReadDiscussion: false,
    canAgreeStatements: false,
    canReadSignOff: false,
    canManageSignOff: false,
    canPublish: false,
    isSignatory: false,
    canDefineMeasures: false,
    canSubmitEvidence: false,
    canReviewEvidence: false,
  };

  it.each([
    ["a visitor", visitor, "public", none],
    ["a signed-in stranger", stranger, "public", none],
    [
      "an observer",
      holding("observer"),
      "private",
      { ...none, isMember: true, canReadMembers: true, canReadDiscussion: true, canReadSignOff: true, canSubmitEvidence: true },
    ],
    [
      "a signatory",
      holding("signatory"),
      "public",
      {
        ...none,
        isMember: true,
        canReadMembers: true,
        canReadDiscussion: true,
        canWriteStatements: true,
        canReadSignOff: true,
        isSignatory: true,
        canSubmitEvidence: true,
      },
    ],
    [
      "a facilitator",
      holding("facilitator"),
      "private",
      {
        isMember: true,
        canReadMembers: true,
        canEditStructure: true,
        canManageMembers: true,
        canInvite: true,
        canWriteStatements: true,
        canReadDiscussion: true,
        canAgreeStatements: true,
        canReadSignOff: true,
        canManageSignOff: true,
        canPublish: true,
        isSignatory: false,
        canDefineMeasures: true,
        canSubmitEvidence: true,
        canReviewEvidence: true,
      },
    ],
  ] as const)("offers %s only what they may do", (_who, actor, visibility, expected) => {
    expect(abilities(actor, { visibility })).toEqual(expected);
  });
});

describe("signing for an organisation", () => {
  const adass = "adass-id";
  const skillsForCare = "skills-for-care-id";
  const signatoryFor = (...organisationIds: string[]): StrategyActor => ({
    userId: "a-signatory",
    roles: [{ role: "partner", organisationId: null }, ...organisationIds.map((organisationId) => ({ role: "signatory" as const, organisationId }))],
  });

  it("lets a designated signatory sign only for their own organisations", () => {
    expect(canSignFor(signatoryFor(adass), adass)).toBe(true);
    expect(canSignFor(signatoryFor(adass), skillsForCare)).toBe(false);
    expect(signatoryOrganisationIds(signatoryFor(adass, skillsForCare, adass))).toEqual([adass, skillsForCare]);
  });

  it("refuses a facilitator, a partner who is not a signatory and anyone not signed in", () => {
    expect(canSignFor(holding("facilitator", "partner"), adass)).toBe(false);
    expect(canSignFor({ userId: null, roles: [{ role: "signatory", organisationId: adass }] }, adass)).toBe(false);
  });
});

describe("canEditStatementText", () => {
  const open = { status: "draft", archivedAt: null } as const;
  it("lets a co-writer change a draft or a statement in review", () => {
    expect(canEditStatementText(holding("lived_experience"), { visibility: "private" }, open)).toBe(true);
    expect(canEditStatementText(holding("worker"), { visibility: "private" }, { ...open, status: "in_review" })).toBe(true);
  });
  it("keeps agreed, published and archived text read-only, and observers and visitors out", () => {
    expect(canEditStatementText(holding("facilitator"), { visibility: "private" }, { ...open, status: "agreed" })).toBe(false);
    expect(canEditStatementText(holding("facilitator"), { visibility: "private" }, { ...open, status: "published" })).toBe(false);
    expect(canEditStatementText(holding("facilitator"), { visibility: "private" }, { ...open, archivedAt: "2026-11-29" })).toBe(false);
    expect(canEditStatementText(holding("observer"), { visibility: "public" }, open)).toBe(false);
    expect(canEditStatementText(visitor, { visibility: "public" }, open)).toBe(false);
  });
});
