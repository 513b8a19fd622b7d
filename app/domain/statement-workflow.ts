import type { RoleGroup, StatementStatus } from "./statements";

/** What each status means, in plain words, for the agreement tab. */
export const statementStatusDescriptions: Record<StatementStatus, string> = {
  draft: "People are still writing it. Anyone who co-writes can change the text.",
  in_review: "The text is ready for people to read, discuss and endorse. It can still be changed.",
  agreed: "A facilitator has marked the text agreed. It cannot be changed unless a facilitator reopens it.",
  published: "The agreed text is published as part of the strategy. A facilitator can reopen it for review.",
};

/** GOV.UK tag colours for each status. */
export const statementStatusTagClasses: Record<StatementStatus, string> = {
  draft: "govuk-tag--grey",
  in_review: "govuk-tag--blue",
  agreed: "govuk-tag--green",
  published: "govuk-tag--purple",
};

/** One person's group, as said of them ("Sam, person with lived experience"). */
export const roleGroupSingularLabels: Record<RoleGroup, string> = {
  lived_experience: "person with lived experience",
  worker: "works in social care",
  partner: "sector partner",
  other: "facilitator or evaluator",
};

/** The success messages of the statement tabs, by the `done` query value their actions redirect with. */
export const statementDoneMessages: Record<string, string> = {
  "version-saved": "Version saved.",
  restored: "The old version is restored as the current text, and saved as a new version. Every earlier version is kept.",
  "thread-started": "Your comment is posted.",
  replied: "Your reply is posted.",
  resolved: "Thread marked resolved.",
  reopened: "Thread reopened.",
  endorsed: "You have endorsed the current text.",
  withdrawn: "Your endorsement is withdrawn.",
  "status-draft": "The statement is back in draft.",
  "status-in_review": "The statement is in review.",
  "status-agreed": "The statement is agreed. Its text can no longer be changed unless a facilitator reopens it.",
  "status-published": "The statement is published.",
  "easy-read-saved": "Easy-read summary saved.",
};
