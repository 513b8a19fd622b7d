import { Link } from "@remix-run/react";
import {
  describeMeasureStatusReason,
  ragStatusLabels,
  ragStatusSymbols,
  ragStatusTagClass,
  type MeasureForWords,
  type MeasureStatusRow,
  type RagStatus,
} from "~/domain/measures";

/**
 * A measure's RAG status as a tag. The words carry the meaning; a symbol repeats it for people who
 * scan by shape, and the colour only repeats both (never colour alone).
 */
export function MeasureStatusTag({ status }: { status: RagStatus }) {
  return (
    <strong className={`govuk-tag ${ragStatusTagClass[status]} app-rag-tag`}>
      <span aria-hidden="true" className="app-rag-tag__symbol">
        {ragStatusSymbols[status]}
      </span>{" "}
      {ragStatusLabels[status]}
    </strong>
  );
}

/** What a list of measures shows of each one. */
export type MeasureSummary = MeasureForWords & { id: string; name: string; rag: MeasureStatusRow };

/**
 * Measures with their status and the reason in words, each linking to its page: the priority and
 * commitment pages' "Measures" section and the measures list use it.
 */
export function MeasureStatusList({
  strategyId,
  measures,
  empty,
  headingLevel = 3,
}: {
  strategyId: string;
  measures: MeasureSummary[];
  empty: string;
  headingLevel?: 3 | 4;
}) {
  if (!measures.length) return <p className="govuk-body">{empty}</p>;
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <ul className="govuk-list app-measure-list">
      {measures.map((m) => (
        <li key={m.id} className="app-measure-list__item">
          <Heading className="govuk-heading-s govuk-!-margin-bottom-1">
            <Link className="govuk-link" to={`/strategies/${strategyId}/measures/${m.id}`}>
              {m.name}
            </Link>
          </Heading>
          <p className="govuk-body govuk-!-margin-bottom-0">
            <MeasureStatusTag status={m.rag.status} /> <span className="app-rag-reason">{describeMeasureStatusReason(m.rag, m)}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}
