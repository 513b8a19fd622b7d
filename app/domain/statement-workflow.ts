import type { RoleGroup, StatementStatus } from "./statements";

/** What each status means, in plain words, for the agreement tab. */
export const statementStatusDescriptions: Record<StatementStatus, string> = {
  draft: "People are still writing it. Anyone who co-writes can change the text.",
  in_review: "The text is ready for people to read, discuss and endorse. It can still be changed.",
  agreed: "A facilitator has marked the text agreed. It cannot be changed unless a facilitator reopens it.",
  published: "The agreed text is published as part of the strategy. A facilitator can reopen it for review.",
};

/** One person's role group, as said of them. */
export const roleGroupSingularLabels: Record<RoleGroup, string> = {
  lived_experience: "Person with lived experience",
  worker: "Works in social care",
  partner: "Sector partner",
  other: "Facilitator, evaluator or observer",
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

/**
 * Each amount's share of the total as whole percentages that add up to 100 (largest remainders
 * are rounded up), so a table of shares never shows 101%. All zeros when the total is zero.
 */
export function wholePercentages(amounts: number[]): number[] {
  const total = amounts.reduce((n, a) => n + a, 0);
  if (!total) return amounts.map(() => 0);
  const exact = amounts.map((a) => (100 * a) / total);
  const whole = exact.map(Math.floor);
  const shortBy = 100 - whole.reduce((a, b) => a + b, 0);
  exact
    .map((value, i) => ({ i, remainder: value - whole[i] }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i)
    .slice(0, shortBy)
    .forEach(({ i }) => (whole[i] += 1));
  return whole;
}
