import type { MemberRole, Role } from "~/domain/roles";
import type { StrategyVisibility } from "~/domain/strategy";

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
  | "manage_invitations";

export type StrategyRecord = { visibility: StrategyVisibility };

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
      return hasRole(actor, "facilitator");
  }
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
};

/** What the interface may offer this actor on this strategy; loaders return it to components. */
export function abilities(actor: StrategyActor, strategy: StrategyRecord) {
  return {
    isMember: isMember(actor),
    canReadMembers: can(actor, "read_members", strategy),
    canEditStructure: can(actor, "edit_structure", strategy),
    canManageMembers: can(actor, "manage_members", strategy),
    canInvite: can(actor, "manage_invitations", strategy),
  };
}

export type Abilities = ReturnType<typeof abilities>;
