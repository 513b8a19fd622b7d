import { Link, useLocation } from "@remix-run/react";

/**
 * The statement's own tabs, shown under its title: its text, discussion (members only, with the
 * number of open threads), versions, agreement, easy-read summary, and links and details.
 */
export function StatementNav({
  statementPath,
  canReadDiscussion,
  openThreadCount,
}: {
  statementPath: string;
  canReadDiscussion: boolean;
  openThreadCount: number;
}) {
  const { pathname } = useLocation();
  const items = [
    { to: statementPath, label: "Text", exact: true },
    ...(canReadDiscussion
      ? [
          {
            to: `${statementPath}/discussion`,
            label: "Discussion",
            extra: openThreadCount ? ` (${openThreadCount} open)` : undefined,
          },
        ]
      : []),
    { to: `${statementPath}/versions`, label: "Versions" },
    { to: `${statementPath}/agreement`, label: "Agreement" },
    { to: `${statementPath}/easy-read`, label: "Easy read" },
    { to: `${statementPath}/details`, label: "Links and details" },
  ];
  return (
    <nav className="govuk-service-navigation app-statement-nav" aria-label="Statement sections">
      <ul className="govuk-service-navigation__list">
        {items.map((item) => {
          const active = item.exact ? pathname.replace(/\/$/, "") === item.to : pathname.startsWith(item.to);
          const label = (
            <>
              {item.label}
              {"extra" in item && item.extra ? <span className="app-statement-nav__count">{item.extra}</span> : null}
            </>
          );
          return (
            <li key={item.to} className={`govuk-service-navigation__item${active ? " govuk-service-navigation__item--active" : ""}`}>
              <Link className="govuk-service-navigation__link" to={item.to} aria-current={active ? "page" : undefined}>
                {active ? <strong className="govuk-service-navigation__active-fallback">{label}</strong> : label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
