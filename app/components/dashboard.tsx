import { Link } from "@remix-run/react";
import { CoProductionBalance } from "~/components/co-production-balance";
import { MeasureStatusTag } from "~/components/measure-status";
import { chartEnds, TrendChart, TrendTable } from "~/components/trend-chart";
import { statementsAgreedSummary, type DashboardMeasure, type DashboardPriority } from "~/domain/dashboard";
import {
  completeCategoryCounts,
  evidenceCategoryLabels,
  triangulation,
  type EvidenceCategory,
} from "~/domain/evidence";
import { RAG_STATUSES, describeMeasureStatusReason, ragStatusLabels, type RagStatus } from "~/domain/measures";
import type { ResponsibleParty } from "~/domain/responsible-parties";

/**
 * One priority of the assurance dashboard, as a section with its own heading: the overall status
 * in words and shape, then its measures (each a small chart with the same figures as a table),
 * commitments, statements and evidence. Every number links to the items behind it, filtered, so
 * a reader can follow the golden thread from the priority down to the evidence.
 */
export function PriorityCard({
  strategyId,
  priority,
  party,
  canReadSignOff,
}: {
  strategyId: string;
  priority: DashboardPriority;
  party: ResponsibleParty | undefined;
  canReadSignOff: boolean;
}) {
  const base = `/strategies/${strategyId}`;
  const headingId = `priority-${priority.id}`;
  const partyQuery = party ? `&party=${party}` : "";
  const measuresLink = (status?: RagStatus) => `${base}/measures?priority=${priority.id}${status ? `&status=${status}` : ""}${partyQuery}`;
  const signOffLink = (state?: "waiting" | "objected") =>
    canReadSignOff ? `${base}/sign-off?priority=${priority.id}${state ? `&state=${state}` : ""}${partyQuery}` : `${base}/priorities/${priority.id}`;
  const { commitments, measureCounts } = priority;
  const measureTotal = priority.measures.length;
  return (
    <section className="app-dashboard-card" aria-labelledby={headingId}>
      <h2 className="govuk-heading-m" id={headingId}>
        <Link className="govuk-link govuk-link--no-visited-state" to={`${base}/priorities/${priority.id}`}>
          Priority {priority.number}: {priority.title}
        </Link>
      </h2>
      <p className="govuk-body app-dashboard-card__overall">
        <span className="govuk-visually-hidden">Overall status: </span>
        <MeasureStatusTag status={priority.overall.status} /> <span>{priority.overall.reason}</span>
      </p>

      <h3 className="govuk-heading-s">Measures</h3>
      {measureTotal ? (
        <>
          <ul className="govuk-list app-dashboard-counts">
            {RAG_STATUSES.filter((s) => measureCounts[s] > 0).map((s) => (
              <li key={s}>
                <Link className="govuk-link" to={measuresLink(s)}>
                  {measureCounts[s]} {ragStatusLabels[s].toLowerCase()}
                  <span className="govuk-visually-hidden"> (measures for priority {priority.number})</span>
                </Link>
              </li>
            ))}
          </ul>
          <ul className="govuk-list app-dashboard-measures">
            {priority.measures.map((m) => (
              <li key={m.id} className="app-dashboard-measure">
                <MeasureTrend strategyId={strategyId} measure={m} />
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="govuk-body">{party ? "No measure is linked to these commitments yet." : "No measure shows progress on this priority yet."}</p>
      )}

      <h3 className="govuk-heading-s">Commitments</h3>
      {commitments.total ? (
        <ul className="govuk-list app-dashboard-counts">
          <li>
            <Link className="govuk-link" to={signOffLink()}>
              {commitments.agreed} of {commitments.total} agreed
            </Link>
          </li>
          {/* Requests and decisions are members' business (RLS shows a visitor none), so a visitor
              is not told "0 waiting" when they simply cannot see who is waiting. */}
          {canReadSignOff ? (
            <>
              <li>
                <Link className="govuk-link" to={signOffLink("waiting")}>
                  {commitments.waiting} waiting for sign-off
                </Link>
              </li>
              <li>
                <Link className="govuk-link" to={signOffLink("objected")}>
                  {commitments.objected} with an objection
                </Link>
              </li>
            </>
          ) : null}
        </ul>
      ) : (
        <p className="govuk-body">This priority has no commitments yet.</p>
      )}

      <h3 className="govuk-heading-s">Statements</h3>
      <p className="govuk-body">
        {priority.statements.total ? (
          <Link className="govuk-link" to={`${base}/priorities/${priority.id}`}>
            {statementsAgreedSummary(priority.statements)}
          </Link>
        ) : (
          statementsAgreedSummary(priority.statements)
        )}
      </p>
      {priority.balance.some((b) => b.charsAdded || b.comments || b.endorsements) ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Co-production balance of these statements</span>
          </summary>
          <div className="govuk-details__text">
            <CoProductionBalance
              rows={priority.balance}
              id={`balance-${priority.id}`}
              caption={`Who shaped the statements of priority ${priority.number}`}
            />
          </div>
        </details>
      ) : null}

      <h3 className="govuk-heading-s">Evidence</h3>
      <EvidenceCounts strategyId={strategyId} priority={priority} />
    </section>
  );
}

/** A measure's status, its small chart and the same figures as a table right beside it. */
function MeasureTrend({ strategyId, measure: m }: { strategyId: string; measure: DashboardMeasure }) {
  const charted = chartEnds(m);
  return (
    <>
      <h4 className="govuk-heading-s govuk-!-margin-bottom-1">
        <Link className="govuk-link" to={`/strategies/${strategyId}/measures/${m.id}`}>
          {m.name}
        </Link>
      </h4>
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        <MeasureStatusTag status={m.rag.status} /> <span className="app-rag-reason">{describeMeasureStatusReason(m.rag, m)}</span>
      </p>
      {charted ? (
        <TrendChart
          name={m.name}
          unit={m.unit}
          baseline={charted.baseline}
          target={charted.target}
          points={m.points.flatMap((p) => (p.value === null ? [] : [{ date: p.periodEnd, value: p.value, verified: true }]))}
          status={m.rag.status}
          compact
        />
      ) : null}
      <details className="govuk-details govuk-!-margin-bottom-2">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">
            {charted ? "Show the chart’s figures as a table" : "Show the milestones as a table"}
            <span className="govuk-visually-hidden"> for {m.name}</span>
          </span>
        </summary>
        <div className="govuk-details__text">
          <TrendTable
            caption={`${m.name}: baseline, the latest verified values and target`}
            unit={m.unit}
            baseline={m.baselineValue !== null && m.baselineDate ? { value: m.baselineValue, date: m.baselineDate, source: m.baselineSource } : null}
            target={{ value: m.targetValue, date: m.targetDate, isExample: m.targetIsExample }}
            rows={m.points.map((p) => ({ ...p, verified: true }))}
          />
        </div>
      </details>
    </>
  );
}

/**
 * The priority's triangulation: what is thin about it in words, then each category's verified
 * and not-yet-verified counts, each linking to those items in the evidence list.
 */
function EvidenceCounts({ strategyId, priority }: { strategyId: string; priority: DashboardPriority }) {
  const rows = completeCategoryCounts(priority.triangulation);
  const warnings = triangulation(priority.triangulation);
  const link = (category: EvidenceCategory, status: "verified" | "submitted") =>
    `/strategies/${strategyId}/evidence?priority=${priority.id}&category=${category}&status=${status}`;
  const cell = (n: number, category: EvidenceCategory, status: "verified" | "submitted", words: string) =>
    n ? (
      <Link className="govuk-link" to={link(category, status)}>
        {n}
        <span className="govuk-visually-hidden">
          {" "}
          {words} in {evidenceCategoryLabels[category]}
        </span>
      </Link>
    ) : (
      n
    );
  return (
    <>
      {warnings.length ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {warnings.join(" ")}
          </div>
        </div>
      ) : null}
      <table className="govuk-table app-dashboard-evidence">
        <caption className="govuk-table__caption govuk-table__caption--s">Evidence for priority {priority.number} by category</caption>
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
              <td className="govuk-table__cell govuk-table__cell--numeric">{cell(row.verified, row.category, "verified", "verified")}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">
                {cell(row.unverified, row.category, "submitted", "not yet verified")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
