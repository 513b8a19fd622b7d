import { Link } from "@remix-run/react";

/** The way back to a strategy's members page from the pages that invite or change a member. */
export function BackToMembers({ strategyId }: { strategyId: string }) {
  return (
    <p className="govuk-body">
      <Link className="govuk-link" to={`/strategies/${strategyId}/members`}>
        Back to members
      </Link>
    </p>
  );
}
