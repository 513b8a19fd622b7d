import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** An error page's body: what went wrong, what to do, and the way back to the list of strategies. */
export function ErrorPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{title}</h1>
        {children}
        <p className="govuk-body">
          <Link className="govuk-link" to="/">
            Go to the list of strategies
          </Link>
        </p>
      </div>
    </div>
  );
}
