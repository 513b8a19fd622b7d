/**
 * Evaluation evidence in words: its kinds, the six categories of CQC's assessment framework, its
 * review statuses, what a storyteller agreed to, and the triangulation warnings for a priority.
 * Browser-safe: the pages and the server share these.
 */
export const EVIDENCE_KINDS = ["data_point", "document", "story", "feedback"] as const;
export const EVIDENCE_CATEGORIES = [
  "peoples_experience",
  "staff_leader_feedback",
  "partner_feedback",
  "observation",
  "processes",
  "outcomes",
] as const;
export const EVIDENCE_STATUSES = ["submitted", "returned", "verified", "rejected"] as const;
export const MILESTONE_JUDGEMENTS = ["on_track", "at_risk", "off_track"] as const;

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export type EvidenceCategory = (typeof EVIDENCE_CATEGORIES)[number];
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];
export type MilestoneJudgement = (typeof MILESTONE_JUDGEMENTS)[number];

export const evidenceKindLabels: Record<EvidenceKind, string> = {
  data_point: "Data point",
  document: "Document",
  story: "Story of lived experience",
  feedback: "Feedback",
};

/** What each kind is, said where someone chooses one. */
export const evidenceKindHints: Record<EvidenceKind, string> = {
  data_point: "A value for a measure over a period, for example the vacancy rate for the year to March.",
  document: "A file such as a report, survey results or minutes (PDF, Word, Excel, OpenDocument, CSV, text or an image).",
  story: "What happened to a person who draws on care and support, or who works in care, told in their words.",
  feedback: "What people said about how things are going, for example in a meeting, a survey or a visit.",
};

/** The word used inside a sentence ("submitted a data point"). */
export const evidenceKindNouns: Record<EvidenceKind, string> = {
  data_point: "a data point",
  document: "a document",
  story: "a story of lived experience",
  feedback: "feedback",
};

export const evidenceCategoryLabels: Record<EvidenceCategory, string> = {
  peoples_experience: "People's experience",
  staff_leader_feedback: "Feedback from staff and leaders",
  partner_feedback: "Feedback from partners",
  observation: "Observation",
  processes: "Processes",
  outcomes: "Outcomes",
};

export const evidenceCategoryHints: Record<EvidenceCategory, string> = {
  peoples_experience: "What people who draw on care and support, and their families and carers, say about their care.",
  staff_leader_feedback: "What people who work in care, and those who lead it, say about their work.",
  partner_feedback: "What partner organisations, such as councils, the NHS and training providers, say.",
  observation: "What someone saw for themselves, for example on a visit.",
  processes: "How things are done: policies, plans, pay and training records, audits.",
  outcomes: "What changed as a result, in figures or in people's lives.",
};

export const evidenceStatusLabels: Record<EvidenceStatus, string> = {
  submitted: "Submitted — not yet verified",
  returned: "Returned for more information",
  verified: "Verified",
  rejected: "Rejected",
};

/** GOV.UK tag colour per status (always shown with its words, never colour alone). */
export const evidenceStatusTagClass: Record<EvidenceStatus, string> = {
  submitted: "govuk-tag--yellow",
  returned: "govuk-tag--orange",
  verified: "govuk-tag--green",
  rejected: "govuk-tag--red",
};

export const milestoneJudgementLabels: Record<MilestoneJudgement, string> = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
};

/** The three things a person telling their story can agree to, with what each means. */
export const consentLabels = {
  quote: "May be quoted",
  publish: "May be published",
  anonymised: "Anonymise my name",
} as const;

export const consentHints = {
  quote: "Their words may be quoted in reports and meetings about this strategy.",
  publish:
    "Anyone may read the story once it is verified, including people who are not members, if the strategy is public.",
  anonymised: "Their name is not shown with the story, except to the people who review evidence and to whoever submitted it.",
} as const;

/** What a story's consent comes to, in words ("May be quoted; not to be published; anonymised"). */
export function consentSummary(consent: { consentQuote: boolean; consentPublish: boolean; anonymised: boolean }): string {
  return [
    consent.consentQuote ? "May be quoted" : "Not to be quoted",
    consent.consentPublish ? "may be published" : "not to be published",
    consent.anonymised ? "anonymised" : "may be named",
  ].join("; ");
}

/** How much evidence a priority has in one category. */
export type CategoryCount = { category: EvidenceCategory; verified: number; unverified: number };

/**
 * What is thin about a priority's evidence, in words. Only verified and submitted evidence is
 * counted (returned and rejected evidence is not evidence yet). No evidence at all gives one
 * warning, not three.
 */
export function triangulation(counts: readonly CategoryCount[]): string[] {
  const present = counts.filter((row) => row.verified + row.unverified > 0);
  if (present.length === 0) return ["There is no evidence for this priority yet."];
  const warnings: string[] = [];
  if (present.length === 1) {
    warnings.push(
      `The evidence rests on a single category (${evidenceCategoryLabels[present[0]!.category].toLowerCase()}): look for evidence of other kinds to confirm it.`,
    );
  }
  if (!present.some((row) => row.category === "peoples_experience")) {
    warnings.push("There is no evidence of people's experience: ask the people who draw on care and support.");
  }
  if (!present.some((row) => row.verified > 0)) {
    warnings.push("There is no verified evidence yet: none of it counts until an evaluator verifies it.");
  }
  return warnings;
}

/** Every category in order, with zero where the counts have no row for it. */
export function completeCategoryCounts(counts: readonly CategoryCount[]): CategoryCount[] {
  return EVIDENCE_CATEGORIES.map(
    (category) => counts.find((row) => row.category === category) ?? { category, verified: 0, unverified: 0 },
  );
}
