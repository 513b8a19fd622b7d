import { roleLabels, type Role } from "./roles";
import type { RoleGroup } from "./statements";

/**
 * Who is here now in a statement's editor: the name and role each person shows to the others,
 * and the colour of their caret. Browser-safe.
 */

/** The group a person's writing counts for, as app.role_group decides it in the database. */
export function roleGroupOf(roles: readonly Role[]): RoleGroup {
  if (roles.includes("lived_experience")) return "lived_experience";
  if (roles.includes("worker")) return "worker";
  if (roles.includes("partner") || roles.includes("signatory")) return "partner";
  return "other";
}

/** How a person is described beside their name: "Sam (person with lived experience)". */
export function presenceRoleLabel(roles: readonly Role[]): string {
  const group = roleGroupOf(roles);
  if (group === "lived_experience") return "person with lived experience";
  if (group === "worker") return "works in social care";
  if (group === "partner") return "sector partner";
  const main = roles.find((r) => r === "facilitator") ?? roles.find((r) => r === "evaluator") ?? roles[0];
  return main ? roleLabels[main].toLowerCase() : "visitor";
}

/**
 * Caret and label colour per role group: each has at least 4.5:1 contrast with white text on
 * it and 3:1 against the white page, and the label always carries the name and role in words.
 */
export const roleGroupColours: Record<RoleGroup, string> = {
  lived_experience: "#4c2c92",
  worker: "#005a30",
  partner: "#1d70b8",
  other: "#505a5f",
};

/** What each editor shares about its person with the others in the document. */
export type PresenceUser = {
  /** The account, so two tabs of one person count once. */
  id: string;
  name: string;
  roleGroup: RoleGroup;
  roleLabel: string;
  color: string;
};
