import type { ReactNode } from "react";
import { Breadcrumbs } from "./breadcrumbs";
import { responsiblePartyLabels, type ResponsibleParty } from "~/domain/responsible-parties";
import { commitmentStatusLabels, commitmentStatusTagClass, type CommitmentStatus } from "~/domain/strategy";
import { formatDate } from "~/utils/dates";

/** A commitment's status as a tag: the words carry the meaning, the colour only repeats it. */
export function CommitmentStatusTag({ status }: { status: CommitmentStatus }) {
  return <strong className={`govuk-tag ${commitmentStatusTagClass[status]}`}>{commitmentStatusLabels[status]}</strong>;
}

type CommitmentFacts = {
  status: CommitmentStatus;
  responsibleParties: ResponsibleParty[];
  leadOrganisationName: string | null;
  dueDate: string | null;
};

/** Status, who is responsible, lead organisation and due date, as a GOV.UK summary list. */
export function CommitmentSummaryList({
  commitment,
  compact,
  before = [],
}: {
  commitment: CommitmentFacts;
  compact?: boolean;
  before?: { key: string; value: ReactNode }[];
}) {
  const rows = [
    ...before,
    { key: "Status", value: <CommitmentStatusTag status={commitment.status} /> },
    {
      key: "Who is responsible",
      value: commitment.responsibleParties.map((p) => responsiblePartyLabels[p]).join(", "),
    },
    { key: "Lead organisation", value: commitment.leadOrganisationName ?? "No lead organisation" },
    { key: "Due date", value: commitment.dueDate ? formatDate(commitment.dueDate) : "No due date" },
  ];
  return (
    <dl className={`govuk-summary-list${compact ? " govuk-summary-list--no-border app-summary-list--compact" : ""}`}>
      {rows.map((row) => (
        <div className="govuk-summary-list__row" key={row.key}>
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The start of a long text, cut at a word, for naming an item inside a button. */
export function shortText(text: string, max = 80): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.]+$/, "")}…`;
}

/** Breadcrumbs of a page about one commitment: the priorities, its priority, the commitment. */
export function CommitmentBreadcrumbs({
  strategyId,
  commitment,
  priorityHeading,
}: {
  strategyId: string;
  commitment: { id: string; text: string; priorityId: string };
  priorityHeading: string;
}) {
  const strategyPath = `/strategies/${strategyId}`;
  return (
    <Breadcrumbs
      items={[
        { to: strategyPath, label: "Priorities" },
        { to: `${strategyPath}/priorities/${commitment.priorityId}`, label: priorityHeading },
        { to: `${strategyPath}/commitments/${commitment.id}`, label: `Commitment: ${shortText(commitment.text, 60)}` },
      ]}
    />
  );
}
