import { Link } from "@remix-run/react";

/** GOV.UK breadcrumbs: where this page sits in the strategy, each step a link back up. */
export function Breadcrumbs({ items }: { items: { to: string; label: string }[] }) {
  return (
    <nav className="govuk-breadcrumbs govuk-!-margin-top-0" aria-label="Breadcrumb">
      <ol className="govuk-breadcrumbs__list">
        {items.map((item) => (
          <li className="govuk-breadcrumbs__list-item" key={item.to}>
            <Link className="govuk-breadcrumbs__link" to={item.to}>
              {item.label}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
