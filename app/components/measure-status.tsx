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
export type MeasureSummary = MeasureForWords & {
  id: string;
  name: string;
  rag: MeasureStatusRow;
  links?: { priorityNumber: number; commitmentId: string | null }[];
};

/** "Priority 1 and 2 commitments of priority 2": where a measure shows progress, briefly. */
function linkWords(links: NonNullable<MeasureSummary["links"]>): string {
  const priorities = links.filter((l) => !l.commitmentId).map((l) => (l.priorityNumber ? `priority ${l.priorityNumber}` : "an archived priority"));
  const commitments = links.filter((l) => l.commitmentId);
  const parts = [...priorities];
  if (commitments.length) parts.push(`${commitments.length} ${commitments.length === 1 ? "commitment" : "commitments"}`);
  const words = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : (parts[0] ?? "nothing yet");
  return `Shows progress on ${words}`;
}

/**
 * Measures with their status and the reason in words, each linking to its page: the priority and
 * commitment pages' "Measures" section and the measures list use it.
 */
export function MeasureStatusList({
  strategyId,
  measures,
  empty,
  headingLevel = 3,
  showLinks = false,
}: {
  strategyId: string;
  measures: MeasureSummary[];
  empty: string;
  headingLevel?: 2 | 3 | 4;
  /** Say what each measure shows progress on (the strategy's list; a priority's page need not). */
  showLinks?: boolean;
}) {
  if (!measures.length) return <p className="govuk-body">{empty}</p>;
  const Heading = (["h2", "h3", "h4"] as const)[headingLevel - 2];
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
          {showLinks && m.links ? <p className="govuk-body-s app-muted govuk-!-margin-top-1 govuk-!-margin-bottom-0">{linkWords(m.links)}</p> : null}
        </li>
      ))}
    </ul>
  );
}
