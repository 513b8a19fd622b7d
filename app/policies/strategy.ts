import type { MemberRole, Role } from "~/domain/roles";
import type { StrategyVisibility } from "~/domain/strategy";
import { isTextEditable, type StatementStatus } from "~/domain/statements";

/**
 * Who may do what in a strategy: the one place the app asks. Row Level Security enforces the
 * same rules in the database (supabase/migrations); these decide what the interface offers and
 * answer with a 403 before a write is attempted.
 */
export type StrategyActor = { userId: string | null; roles: MemberRole[] };

export type StrategyAction =
  | "read"
  | "read_members"
  | "read_member_history"
  | "edit_structure"
  | "manage_members"
  | "manage_invitations"
  | "write_statements"
  | "read_discussion"
  | "collaborate"
  | "agree_statements"
  | "read_sign_off"
  | "manage_sign_off"
  | "publish"
  | "define_measures"
  | "submit_evidence"
  | "review_evidence";

export type StrategyRecord = { visibility: StrategyVisibility };

/** Every role except observer co-writes statements (app.can_write_statements in the database). */
export const STATEMENT_WRITERS: readonly Role[] = ["facilitator", "lived_experience", "worker", "partner", "signatory", "evaluator"];

export const hasRole = (actor: StrategyActor, ...roles: Role[]) => actor.roles.some((r) => roles.includes(r.role));
export const isMember = (actor: StrategyActor) => actor.userId !== null && actor.roles.length > 0;

/** Whether the actor may take the action on this strategy. */
export function can(actor: StrategyActor, action: StrategyAction, strategy: StrategyRecord): boolean {
  switch (action) {
    case "read":
      return strategy.visibility === "public" || isMember(actor);
    case "read_members":
    case "read_member_history":
      return isMember(actor);
    case "edit_structure":
    case "manage_members":
    case "manage_invitations":
    case "agree_statements":
    case "manage_sign_off":
    case "publish":
      return hasRole(actor, "facilitator");
    case "read_sign_off":
    case "submit_evidence":
      return isMember(actor);
    case "define_measures":
    case "review_evidence":
      return hasRole(actor, "evaluator", "facilitator");
    case "read_discussion":
    case "collaborate":
      return isMember(actor);
    case "write_statements":
      return hasRole(actor, ...STATEMENT_WRITERS);
  }
}

/**
 * Whether the actor may change a statement's text now: a co-writer, while the statement is a
 * draft or in review. The collaboration server asks this to open a connection read-only or not.
 */
export function canEditStatementText(actor: StrategyActor, strategy: StrategyRecord, statement: { status: StatementStatus; archivedAt: string | null }) {
  return can(actor, "write_statements", strategy) && isTextEditable(statement.status) && statement.archivedAt === null;
}

/** Throws a 403 response unless the actor may take the action. */
export function authorize(actor: StrategyActor, action: StrategyAction, strategy: StrategyRecord, message?: string) {
  if (!can(actor, action, strategy)) {
    throw new Response(message ?? forbiddenMessages[action], { status: 403 });
  }
}

const forbiddenMessages: Record<StrategyAction, string> = {
  read: "This strategy is private. Only its members can read it.",
  read_members: "Only members of this strategy can see who else is a member.",
  read_member_history: "Only members of this strategy can see its membership history.",
  edit_structure: "Only a facilitator of this strategy can change its priorities and commitments.",
  manage_members: "Only a facilitator of this strategy can change members' roles.",
  manage_invitations: "Only a facilitator of this strategy can invite people.",
  write_statements: "Only members who co-write this strategy's statements can do that. Observers can read them.",
  read_discussion: "Only members of this strategy can read the discussion of its statements.",
  collaborate: "Only members of this strategy can open its statements live. Everyone else can read the text on the page.",
  agree_statements: "Only a facilitator of this strategy can mark a statement agreed, publish it or reopen it.",
  read_sign_off: "Only members of this strategy can see who has been asked to sign off its commitments.",
  manage_sign_off: "Only a facilitator of this strategy can choose who signs off a commitment and ask them.",
  publish: "Only a facilitator of this strategy can publish a version of it.",
  define_measures: "Only an evaluator or a facilitator of this strategy can define its assurance measures.",
  submit_evidence: "Only members of this strategy can submit evidence to it.",
  review_evidence: "Only an evaluator or a facilitator of this strategy can review evidence.",
};

/** The organisations the actor is a designated signatory for in this strategy (app.is_signatory_for in the database). */
export function signatoryOrganisationIds(actor: StrategyActor): string[] {
  return [...new Set(actor.roles.filter((r) => r.role === "signatory" && r.organisationId).map((r) => r.organisationId!))];
}

/** Whether the actor may record a decision for the organisation: only its own designated signatories. */
export function canSignFor(actor: StrategyActor, organisationId: string): boolean {
  return actor.userId !== null && signatoryOrganisationIds(actor).includes(organisationId);
}

/** What the interface may offer this actor on this strategy; loaders return it to components. */
export function abilities(actor: StrategyActor, strategy: StrategyRecord) {
  return {
    isMember: isMember(actor),
    canReadMembers: can(actor, "read_members", strategy),
    canEditStructure: can(actor, "edit_structure", strategy),
    canManageMembers: can(actor, "manage_members", strategy),
    canInvite: can(actor, "manage_invitations", strategy),
    canWriteStatements: can(actor, "write_statements", strategy),
    canReadDiscussion: can(actor, "read_discussion", strategy),
    canAgreeStatements: can(actor, "agree_statements", strategy),
    canReadSignOff: can(actor, "read_sign_off", strategy),
    canManageSignOff: can(actor, "manage_sign_off", strategy),
    canPublish: can(actor, "publish", strategy),
    isSignatory: signatoryOrganisationIds(actor).length > 0,
    canDefineMeasures: can(actor, "define_measures", strategy),
    canSubmitEvidence: can(actor, "submit_evidence", strategy),
    canReviewEvidence: can(actor, "review_evidence", strategy),
  };
}

export type Abilities = ReturnType<typeof abilities>;
