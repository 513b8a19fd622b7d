import { Link, useLocation } from "@remix-run/react";
import type { Abilities } from "~/policies/strategy";

/**
 * The strategy's own sections, shown under its title. `waiting` is how many sign-off decisions
 * wait for the person's organisations (signatories only; null for everyone else).
 */
export function StrategyNav({ strategyId, can, waiting = null }: { strategyId: string; can: Abilities; waiting?: number | null }) {
  const { pathname } = useLocation();
  const base = `/strategies/${strategyId}`;
  const items = [
    { to: base, label: "Priorities", exact: true },
    { to: `${base}/dashboard`, label: "Dashboard" },
    { to: `${base}/statements`, label: "Statements" },
    { to: `${base}/who-does-what`, label: "Who does what" },
    { to: `${base}/measures`, label: "Measures" },
    { to: `${base}/evidence`, label: "Evidence" },
    ...(can.canReadSignOff ? [{ to: `${base}/sign-off`, label: waiting ? `Sign-off (${waiting} waiting)` : "Sign-off" }] : []),
    ...(can.canReadMembers ? [{ to: `${base}/members`, label: "Members" }] : []),
    { to: `${base}/history`, label: "History" },
    ...(can.canEditStructure ? [{ to: `${base}/settings`, label: "Settings" }] : []),
  ];
  return (
    <nav className="govuk-service-navigation app-strategy-nav" aria-label="Strategy sections">
      <ul className="govuk-service-navigation__list">
        {items.map((item) => {
          const active = item.exact ? pathname === item.to : pathname.startsWith(item.to);
          return (
            <li key={item.to} className={`govuk-service-navigation__item${active ? " govuk-service-navigation__item--active" : ""}`}>
              <Link className="govuk-service-navigation__link" to={item.to} aria-current={active ? "page" : undefined}>
                {active ? <strong className="govuk-service-navigation__active-fallback">{item.label}</strong> : item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
