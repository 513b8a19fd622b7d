import { z } from "zod";
import { ROLES, roleLabels, type Role } from "./roles";

/** A role as people read it: a signatory role names the organisation it signs for. */
export type DescribedRole = { role: Role; organisationName: string | null };

/** "Signatory for ADASS", "Sector partner (ADASS)", "Evaluator": for lists and tables. */
export function roleLabel({ role, organisationName }: DescribedRole): string {
  if (!organisationName) return roleLabels[role];
  if (role === "signatory") return `Signatory for ${organisationName}`;
  return `${roleLabels[role]} (${organisationName})`;
}

const inSentence: Record<Role, string> = {
  facilitator: "a facilitator",
  lived_experience: "a person with lived experience",
  worker: "a person who works in social care",
  partner: "a sector partner",
  signatory: "a signatory",
  evaluator: "an evaluator",
  observer: "an observer",
};

/** "a sector partner and a signatory for ADASS": roles as the end of a sentence beginning "as". */
export function rolesInSentence(roles: DescribedRole[]): string {
  const parts = [...roles]
    .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role))
    .map((r) => (r.role === "signatory" && r.organisationName ? `a signatory for ${r.organisationName}` : inSentence[r.role]));
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** Where an invitation stands; the database works it out (app.invitation_preview and the list). */
export type InvitationState = "open" | "accepted" | "expired" | "revoked";

export const invitationStateLabels: Record<InvitationState, string> = {
  open: "Open",
  accepted: "Accepted",
  expired: "Expired",
  revoked: "Withdrawn",
};

/**
 * "j***n@example.org": enough for people to recognise their own address, without showing the
 * whole of it to whoever happens to be signed in when the link is opened.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  const local = email.slice(0, at);
  const shown = local.length > 3 ? `${local[0]}***${local[local.length - 1]}` : `${local[0]}***`;
  return `${shown}${email.slice(at)}`;
}

export const messages = {
  noRole: "Select at least one role",
  noSignatoryOrganisation: "Select the organisation this person will sign for",
  unknownOrganisation: "Select an organisation from the list",
  lastFacilitator: "This strategy must keep at least one facilitator. Make another member a facilitator first.",
} as const;

/**
 * The roles part of the invite and change-roles forms: at least one role, and an organisation
 * whenever the signatory role is chosen (the database insists on the same).
 */
export const roleChoiceSchema = z
  .object({
    roles: z.array(z.enum(ROLES, { message: messages.noRole }), { message: messages.noRole }).min(1, messages.noRole),
    organisationId: z.uuid({ message: messages.unknownOrganisation }).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.roles.includes("signatory") && !value.organisationId) {
      ctx.addIssue({ code: "custom", path: ["organisationId"], message: messages.noSignatoryOrganisation });
    }
  });

export const inviteSchema = z
  .object({
    email: z
      .string({ message: "Enter the email address of the person you want to invite" })
      .trim()
      .toLowerCase()
      .max(320, "Email address must be 320 characters or fewer")
      .pipe(z.email({ message: "Enter an email address in the correct format, like name@example.com" })),
  })
  .and(roleChoiceSchema);
