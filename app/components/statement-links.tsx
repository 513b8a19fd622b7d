import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { StatementStatusTag } from "~/components/statement";
import type { StatementKind } from "~/domain/statements";

type LinkedStatement = { linkId: string; id: string; title: string; status: Parameters<typeof StatementStatusTag>[0]["status"]; archivedAt: string | null };
type LinkedPriority = { linkId: string; id: string; title: string; archivedAt: string | null };
type LinkedCommitment = { linkId: string; id: string; text: string; priorityTitle: string; archivedAt: string | null };

export type StatementLinksData = {
  answers: LinkedStatement[];
  answeredBy: LinkedStatement[];
  priorities: LinkedPriority[];
  commitments: LinkedCommitment[];
};

type Row = {
  key: string;
  heading: string;
  empty: string;
  items: { linkId: string; to: string; label: string; extra?: ReactNode; archived: boolean }[];
};

/** The rows a statement's links show, both directions, in the words of its kind. */
export function statementLinkRows(strategyId: string, kind: StatementKind, links: StatementLinksData): Row[] {
  const base = `/strategies/${strategyId}`;
  const statementItems = (list: LinkedStatement[]) =>
    list.map((s) => ({
      linkId: s.linkId,
      to: `${base}/statements/${s.id}`,
      label: s.title,
      extra: <StatementStatusTag status={s.status} />,
      archived: Boolean(s.archivedAt),
    }));
  const rows: Row[] = [];
  if (kind === "we" || links.answers.length) {
    rows.push({
      key: "answers",
      heading: "Answers these “I” statements",
      empty: "It does not answer any “I” statement yet.",
      items: statementItems(links.answers),
    });
  }
  if (kind === "i" || links.answeredBy.length) {
    rows.push({
      key: "answered-by",
      heading: "Answered by these “we” statements",
      empty: "No “we” statement answers it yet.",
      items: statementItems(links.answeredBy),
    });
  }
  rows.push({
    key: "priorities",
    heading: "Priorities",
    empty: "It is not linked to a priority.",
    items: links.priorities.map((p) => ({ linkId: p.linkId, to: `${base}/priorities/${p.id}`, label: p.title, archived: Boolean(p.archivedAt) })),
  });
  rows.push({
    key: "commitments",
    heading: "Commitments",
    empty: "It is not linked to a commitment.",
    items: links.commitments.map((c) => ({
      linkId: c.linkId,
      to: `${base}/commitments/${c.id}`,
      label: c.text,
      extra: <span className="govuk-body-s app-muted">Under: {c.priorityTitle}</span>,
      archived: Boolean(c.archivedAt),
    })),
  });
  return rows;
}

/**
 * A statement's links as a summary list: the "I" statements it answers or the "we" statements
 * that answer it, its priorities and commitments, each a link to walk to the other end.
 */
export function StatementLinksSummary({ strategyId, kind, links }: { strategyId: string; kind: StatementKind; links: StatementLinksData }) {
  return (
    <dl className="govuk-summary-list app-statement-links">
      {statementLinkRows(strategyId, kind, links).map((row) => (
        <div className="govuk-summary-list__row" key={row.key}>
          <dt className="govuk-summary-list__key">{row.heading}</dt>
          <dd className="govuk-summary-list__value">
            {row.items.length ? (
              <ul className="govuk-list govuk-!-margin-bottom-0">
                {row.items.map((item) => (
                  <li key={item.linkId}>
                    <Link className="govuk-link" to={item.to}>
                      {item.label}
                    </Link>
                    {item.archived ? " (archived)" : null} {item.extra}
                  </li>
                ))}
              </ul>
            ) : (
              row.empty
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
