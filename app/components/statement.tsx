import { Link } from "@remix-run/react";
import {
  statementKindLabels,
  statementStatusLabels,
  statementThemeLabels,
  type StatementKind,
  type StatementStatus,
  type StatementTheme,
} from "~/domain/statements";

/** GOV.UK tag colour per statement status (always shown with its words). */
export const statementStatusTagClass: Record<StatementStatus, string> = {
  draft: "govuk-tag--grey",
  in_review: "govuk-tag--blue",
  agreed: "govuk-tag--green",
  published: "govuk-tag--turquoise",
};

/** A statement's status as a tag: the words carry the meaning, the colour only repeats it. */
export function StatementStatusTag({ status }: { status: StatementStatus }) {
  return <strong className={`govuk-tag ${statementStatusTagClass[status]}`}>{statementStatusLabels[status]}</strong>;
}

type StatementFacts = { id: string; kind: StatementKind; title: string; theme: StatementTheme; status: StatementStatus };

/** "“I” statement · Wellbeing and independence": what kind of statement, and its theme. */
export function statementCaption(statement: { kind: StatementKind; theme: StatementTheme }) {
  return `${statementKindLabels[statement.kind]} · ${statementThemeLabels[statement.theme]}`;
}

/**
 * A list of statements linked to something (a priority, a commitment, another statement), each
 * a link to its page with its kind, theme and status.
 */
export function StatementReferenceList({
  strategyId,
  statements,
  empty,
}: {
  strategyId: string;
  statements: StatementFacts[];
  empty: string;
}) {
  if (!statements.length) return <p className="govuk-body">{empty}</p>;
  return (
    <ul className="govuk-list app-statement-references">
      {statements.map((s) => (
        <li key={s.id} className="app-statement-reference">
          <span className="govuk-caption-s">{statementCaption(s)}</span>
          <Link className="govuk-link govuk-!-font-weight-bold" to={`/strategies/${strategyId}/statements/${s.id}`}>
            {s.title}
          </Link>{" "}
          <StatementStatusTag status={s.status} />
        </li>
      ))}
    </ul>
  );
}
