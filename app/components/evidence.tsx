import { Link } from "@remix-run/react";
import {
  completeCategoryCounts,
  evidenceCategoryLabels,
  evidenceKindLabels,
  evidenceStatusLabels,
  evidenceStatusTagClass,
  milestoneJudgementLabels,
  triangulation,
  type CategoryCount,
  type EvidenceCategory,
  type EvidenceKind,
  type EvidenceStatus,
  type MilestoneJudgement,
} from "~/domain/evidence";
import { formatMeasureValue, type MeasureUnit } from "~/domain/measures";
import { formatDate } from "~/utils/dates";

/** A piece of evidence's status as a tag: the words carry the meaning ("not yet verified"), the colour repeats it. */
export function EvidenceStatusTag({ status }: { status: EvidenceStatus }) {
  return <strong className={`govuk-tag ${evidenceStatusTagClass[status]}`}>{evidenceStatusLabels[status]}</strong>;
}

/** What a list shows of one piece of evidence. */
export type EvidenceSummary = {
  id: string;
  kind: EvidenceKind;
  category: EvidenceCategory;
  title: string;
  evidenceDate: string;
  status: EvidenceStatus;
  value: number | null;
  judgement: MilestoneJudgement | null;
  periodEnd: string | null;
  submittedByName: string | null;
  /** What it is for, when the list mixes targets. */
  targetName?: string | null;
  measureUnit?: MeasureUnit | null;
};

/** "7.1% for the period ending 31 March 2026", or a milestone's judgement, for a data point. */
export function dataPointSummary(item: Pick<EvidenceSummary, "value" | "judgement" | "periodEnd" | "measureUnit">): string | null {
  const period = item.periodEnd ? ` for the period ending ${formatDate(item.periodEnd)}` : "";
  if (item.value !== null) return `${formatMeasureValue(item.value, item.measureUnit ?? null)}${period}`;
  if (item.judgement) return `${milestoneJudgementLabels[item.judgement]}${period}`;
  return null;
}

/**
 * Evidence as a table, each row linking to the item: what it is, its category, its date and its
 * status (unverified evidence is marked as such). The priority, commitment and evidence pages use it.
 */
export function EvidenceTable({
  strategyId,
  items,
  caption,
  showTarget = false,
}: {
  strategyId: string;
  items: EvidenceSummary[];
  caption: string;
  showTarget?: boolean;
}) {
  return (
    <div className="app-table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Evidence
            </th>
            {showTarget ? (
              <th scope="col" className="govuk-table__header">
                For
              </th>
            ) : null}
            <th scope="col" className="govuk-table__header">
              Category
            </th>
            <th scope="col" className="govuk-table__header">
              Date
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {items.map((item) => {
            const figure = item.kind === "data_point" ? dataPointSummary(item) : null;
            return (
              <tr className="govuk-table__row" key={item.id}>
                <th scope="row" className="govuk-table__header app-break-anywhere">
                  <Link className="govuk-link" to={`/strategies/${strategyId}/evidence/${item.id}`}>
                    {item.title}
                  </Link>
                  <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 govuk-!-font-weight-regular">
                    {evidenceKindLabels[item.kind]}
                    {figure ? `: ${figure}` : ""}
                    {" · "}
                    {item.submittedByName ? `from ${item.submittedByName}` : "name withheld"}
                  </span>
                </th>
                {showTarget ? <td className="govuk-table__cell app-break-anywhere">{item.targetName ?? "Not shown to you"}</td> : null}
                <td className="govuk-table__cell">{evidenceCategoryLabels[item.category]}</td>
                <td className="govuk-table__cell app-nowrap">{formatDate(item.evidenceDate)}</td>
                <td className="govuk-table__cell">
                  <EvidenceStatusTag status={item.status} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A priority's triangulation: how much of its evidence is in each of the six categories, verified
 * and not yet verified, as a table, and what is thin about it in words.
 */
export function Triangulation({ counts }: { counts: CategoryCount[] }) {
  const rows = completeCategoryCounts(counts);
  const warnings = triangulation(counts);
  const total = rows.reduce((sum, row) => ({ verified: sum.verified + row.verified, unverified: sum.unverified + row.unverified }), {
    verified: 0,
    unverified: 0,
  });
  return (
    <>
      {warnings.length ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {warnings.length === 1 ? (
              warnings[0]
            ) : (
              <ul className="govuk-list govuk-list--bullet govuk-!-margin-bottom-0">
                {warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
          </div>
        </div>
      ) : (
        <p className="govuk-body">The evidence comes from several categories, including people’s experience, and some of it is verified.</p>
      )}
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">Evidence by category</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Category
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Verified
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Not yet verified
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr className="govuk-table__row" key={row.category}>
              <th scope="row" className="govuk-table__header">
                {evidenceCategoryLabels[row.category]}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{row.verified}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{row.unverified}</td>
            </tr>
          ))}
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              All categories
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric govuk-!-font-weight-bold">{total.verified}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric govuk-!-font-weight-bold">{total.unverified}</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}
