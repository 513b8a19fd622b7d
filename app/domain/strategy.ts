/** Labels for a strategy's scope, visibility and status, and a commitment's status. */
export const STRATEGY_SCOPES = ["national", "local"] as const;
export const STRATEGY_VISIBILITIES = ["public", "private"] as const;
export const STRATEGY_STATUSES = ["draft", "consultation", "published", "archived"] as const;
export const COMMITMENT_STATUSES = ["draft", "proposed", "agreed", "in_progress", "delivered"] as const;

export type StrategyScope = (typeof STRATEGY_SCOPES)[number];
export type StrategyVisibility = (typeof STRATEGY_VISIBILITIES)[number];
export type StrategyStatus = (typeof STRATEGY_STATUSES)[number];
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const scopeLabels: Record<StrategyScope, string> = { national: "National", local: "Local" };
export const visibilityLabels: Record<StrategyVisibility, string> = {
  public: "Public: anyone can read it without signing in",
  private: "Private: only members can read it",
};
export const strategyStatusLabels: Record<StrategyStatus, string> = {
  draft: "Draft",
  consultation: "In consultation",
  published: "Published",
  archived: "Archived",
};
export const commitmentStatusLabels: Record<CommitmentStatus, string> = {
  draft: "Draft",
  proposed: "Proposed",
  agreed: "Agreed",
  in_progress: "In progress",
  delivered: "Delivered",
};
/** GOV.UK tag colour per commitment status (always shown with its words). */
export const commitmentStatusTagClass: Record<CommitmentStatus, string> = {
  draft: "govuk-tag--grey",
  proposed: "govuk-tag--blue",
  agreed: "govuk-tag--green",
  in_progress: "govuk-tag--yellow",
  delivered: "govuk-tag--turquoise",
};
