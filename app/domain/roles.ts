/** The roles a person can hold in a strategy; one person can hold several. */
export const ROLES = ["facilitator", "lived_experience", "worker", "partner", "signatory", "evaluator", "observer"] as const;

export type Role = (typeof ROLES)[number];

export const roleLabels: Record<Role, string> = {
  facilitator: "Facilitator",
  lived_experience: "Person with lived experience",
  worker: "Person who works in social care",
  partner: "Sector partner",
  signatory: "Signatory for an organisation",
  evaluator: "Evaluator",
  observer: "Observer",
};

export const roleHints: Record<Role, string> = {
  facilitator: "Sets up the strategy, its priorities and commitments, and invites people.",
  lived_experience: "Draws on care and support, or is an unpaid carer. Co-writes and endorses statements.",
  worker: "Works in social care. Co-writes statements and gives feedback.",
  partner: "Represents a sector partner organisation that owns commitments.",
  signatory: "Signs off commitments on behalf of the organisation chosen below.",
  evaluator: "Defines assurance measures, and records and verifies evidence.",
  observer: "Reads the strategy and its progress.",
};

/** A role held in a strategy; a signatory role names its organisation. */
export type MemberRole = { role: Role; organisationId: string | null };

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
