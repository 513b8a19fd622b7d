/**
 * Statements: "I" statements in the voice of a person who draws on care and support, and "we"
 * statements in the voice of organisations. Browser-safe words and rules.
 */
export const STATEMENT_KINDS = ["i", "we"] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

export const statementKindLabels: Record<StatementKind, string> = {
  i: "“I” statement",
  we: "“We” statement",
};

export const statementKindHints: Record<StatementKind, string> = {
  i: "In the voice of a person who draws on care and support: what good looks like for them.",
  we: "In the voice of organisations: what they will do to make “I” statements real.",
};

/** Making It Real (Think Local Act Personal, 2018 edition): the six themes. */
export const THEME_EDITION = "making_it_real_2018" as const;
export const themeEditionLabel = "Making It Real (2018)";

export const STATEMENT_THEMES = [
  "wellbeing_independence",
  "information_advice",
  "active_supportive_communities",
  "flexible_integrated_care",
  "when_things_need_to_change",
  "workforce",
] as const;
export type StatementTheme = (typeof STATEMENT_THEMES)[number];

export const statementThemeLabels: Record<StatementTheme, string> = {
  wellbeing_independence: "Wellbeing and independence",
  information_advice: "Information and advice",
  active_supportive_communities: "Active and supportive communities",
  flexible_integrated_care: "Flexible and integrated care and support",
  when_things_need_to_change: "When things need to change",
  workforce: "Workforce",
};

export const STATEMENT_STATUSES = ["draft", "in_review", "agreed", "published"] as const;
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];

export const statementStatusLabels: Record<StatementStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  agreed: "Agreed",
  published: "Published",
};

/** The text can be changed only before it is agreed; a facilitator reopens it to change it again. */
export const isTextEditable = (status: StatementStatus) => status === "draft" || status === "in_review";

/** The groups whose share of the writing the co-production balance shows. */
export const ROLE_GROUPS = ["lived_experience", "worker", "partner", "other"] as const;
export type RoleGroup = (typeof ROLE_GROUPS)[number];

export const roleGroupLabels: Record<RoleGroup, string> = {
  lived_experience: "People with lived experience",
  worker: "People who work in social care",
  partner: "Sector partners",
  other: "Others (facilitators, evaluators)",
};

/** Why "Agree" is unavailable, as app.statement_agreement_blocker names it. */
export const AGREEMENT_BLOCKERS = ["empty", "no_lived_experience_contribution", "no_lived_experience_endorsement"] as const;
export type AgreementBlocker = (typeof AGREEMENT_BLOCKERS)[number];

export const agreementBlockerMessages: Record<AgreementBlocker, string> = {
  empty: "The statement has no text yet.",
  no_lived_experience_contribution:
    "Nothing about us without us: this strategy asks that a person with lived experience helps write a statement (by writing or commenting) before it is agreed. No one with lived experience has contributed yet.",
  no_lived_experience_endorsement:
    "Nothing about us without us: this strategy asks that a person with lived experience endorses the current text before it is agreed. No one with lived experience has endorsed this version yet.",
};

export const isAgreementBlocker = (value: unknown): value is AgreementBlocker =>
  typeof value === "string" && (AGREEMENT_BLOCKERS as readonly string[]).includes(value);

/** The collaboration document that holds a statement's text. */
export const statementDocumentName = (statementId: string) => `statement:${statementId}`;

const DOCUMENT_NAME = /^statement:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The statement id a document name refers to, or null for anything else. */
export function statementIdFromDocumentName(name: string): string | null {
  return DOCUMENT_NAME.exec(name)?.[1]?.toLowerCase() ?? null;
}
