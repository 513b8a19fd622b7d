/**
 * Partner sign-off: the words for each organisation's decision and for each cell of the sign-off
 * matrix. Browser-safe. The rules themselves live in the database
 * (supabase/migrations/20261129000400_sign_off.sql): `public.sign_off_cells` works out each cell's
 * state, and `app.commitment_is_signed_off` is the one "agreed" rule.
 */

/** What a signatory can decide on one revision, for their organisation. */
export const SIGN_OFF_DECISIONS = ["endorsed", "endorsed_with_conditions", "objected"] as const;
export type SignOffDecision = (typeof SIGN_OFF_DECISIONS)[number];

/** The state of one (commitment, organisation) cell. */
export const SIGN_OFF_STATES = [
  "not_requested",
  "waiting",
  "endorsed",
  "endorsed_with_conditions",
  "objected",
  "stale",
] as const;
export type SignOffState = (typeof SIGN_OFF_STATES)[number];

export const isSignOffState = (value: string): value is SignOffState =>
  (SIGN_OFF_STATES as readonly string[]).includes(value);

export const signOffDecisionLabels: Record<SignOffDecision, string> = {
  endorsed: "Endorse",
  endorsed_with_conditions: "Endorse with conditions",
  objected: "Object",
};

export const signOffDecisionHints: Record<SignOffDecision, string> = {
  endorsed: "Your organisation agrees to this commitment as it is worded now.",
  endorsed_with_conditions: "Your organisation agrees, on conditions you write down. The conditions are shown with the commitment.",
  objected: "Your organisation does not agree. Give the reason; it stays on the record.",
};

export const signOffStateLabels: Record<SignOffState, string> = {
  not_requested: "Not requested",
  waiting: "Waiting",
  endorsed: "Endorsed",
  endorsed_with_conditions: "Endorsed with conditions",
  objected: "Objected",
  stale: "Out of date",
};

/** GOV.UK tag colour per state; always shown with its words, never colour alone. */
export const signOffStateTagClass: Record<SignOffState, string> = {
  not_requested: "govuk-tag--grey",
  waiting: "govuk-tag--blue",
  endorsed: "govuk-tag--green",
  endorsed_with_conditions: "govuk-tag--turquoise",
  objected: "govuk-tag--red",
  stale: "govuk-tag--orange",
};

/** Past-tense verb for a decision, as the history and the matrix say it. */
export const signOffDecisionVerbs: Record<SignOffDecision, string> = {
  endorsed: "endorsed",
  endorsed_with_conditions: "endorsed with conditions",
  objected: "objected to",
};

/** "signed revision 3; now revision 4" for a stale cell. */
export function staleWords(decidedRevision: number, currentRevision: number): string {
  return `signed revision ${decidedRevision}; now revision ${currentRevision}`;
}
