import { useEffect, useState } from "react";
import { CoProductionBalance } from "~/components/co-production-balance";
import { Triangulation } from "~/components/evidence";
import { MeasureStatusTag } from "~/components/measure-status";
import { MeasureProgress } from "~/components/progress";
import { statementsAgreedSummary, type DashboardPriority } from "~/domain/dashboard";
import { ragStatusLabels, RAG_STATUSES } from "~/domain/measures";

/**
 * "Print this report" once scripts have loaded (a button that does nothing without them would
 * mislead), and always the words for doing it without the button. Hidden when printed.
 */
export function PrintThisReport() {
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  return (
    <div className="app-print-hidden govuk-!-margin-bottom-6">
      {scripted ? (
        <p className="govuk-body">
          <button type="button" className="govuk-button govuk-!-margin-bottom-0 govuk-!-margin-right-2" onClick={() => window.print()}>
            Print this report
          </button>{" "}
          or use your browser’s print command.
        </p>
      ) : (
        <p className="govuk-body">To print this report, or save it as a PDF, use your browser’s print command.</p>
      )}
    </div>
  );
}

/** "3 agreed, 1 waiting for an organisation, no objections", of a priority's current commitments. */
function commitmentWords({ total, agreed, waiting, objected }: DashboardPriority["commitments"]): string {
  if (total === 0) return "No commitments";
  return `${agreed} of ${total} agreed; ${waiting} waiting for an organisation; ${objected === 0 ? "no objections" : `${objected} with an objection`}`;
}

/** "2 on track, 1 at risk": how many of a priority's measures are in each status. */
function measureCountWords(counts: DashboardPriority["measureCounts"]): string {
  const parts = RAG_STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${ragStatusLabels[s].toLowerCase()}`);
  return parts.length ? parts.join(", ") : "No measures";
}

/** Every priority in one table, the first thing a board reads. */
export function ReportSummary({ priorities }: { priorities: DashboardPriority[] }) {
  return (
    <table className="govuk-table app-report-summary">
      <caption className="govuk-table__caption govuk-table__caption--m">Summary by priority</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Priority
          </th>
          <th scope="col" className="govuk-table__header">
            Overall status
          </th>
          <th scope="col" className="govuk-table__header">
            Measures
          </th>
          <th scope="col" className="govuk-table__header">
            Commitments
          </th>
          <th scope="col" className="govuk-table__header">
            Statements
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {priorities.map((p) => (
          <tr className="govuk-table__row" key={p.id}>
            <th scope="row" className="govuk-table__header">
              {p.number}. {p.title}
            </th>
            <td className="govuk-table__cell">
              <MeasureStatusTag status={p.overall.status} />
            </td>
            <td className="govuk-table__cell">{measureCountWords(p.measureCounts)}</td>
            <td className="govuk-table__cell">{commitmentWords(p.commitments)}</td>
            <td className="govuk-table__cell">{statementsAgreedSummary(p.statements)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One priority of the report: its overall status and why, its measures, commitments, statements and evidence. */
export function ReportPriority({ priority: p, showBalance }: { priority: DashboardPriority; showBalance: boolean }) {
  const id = `priority-${p.id}`;
  return (
    <section className="app-report-priority govuk-!-margin-top-8" aria-labelledby={id}>
      <h2 className="govuk-heading-l" id={id}>
        Priority {p.number}: {p.title}
      </h2>
      <p className="govuk-body">
        <MeasureStatusTag status={p.overall.status} /> <span className="app-rag-reason">{p.overall.reason}</span>
      </p>
      <dl className="govuk-summary-list app-summary-list--compact">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Commitments</dt>
          <dd className="govuk-summary-list__value">{commitmentWords(p.commitments)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Statements</dt>
          <dd className="govuk-summary-list__value">{statementsAgreedSummary(p.statements)}</dd>
        </div>
      </dl>

      <h3 className="govuk-heading-m">Measures</h3>
      {p.measures.length ? (
        p.measures.map((m) => (
          <MeasureProgress key={m.id} within={p.id} measure={{ ...m, dataPoints: m.points.map((point) => ({ ...point, verified: true })) }} />
        ))
      ) : (
        <p className="govuk-body">No measure shows progress on this priority yet.</p>
      )}

      <h3 className="govuk-heading-m">Evidence</h3>
      <div className="app-report-block">
        <Triangulation counts={p.triangulation} />
      </div>

      {showBalance ? (
        <>
          <h3 className="govuk-heading-m">Who shaped its statements</h3>
          <div className="app-report-block">
            <CoProductionBalance rows={p.balance} id={`balance-${p.id}`} caption={`Contributions to the statements of priority ${p.number}, by role group`} />
          </div>
        </>
      ) : null}
    </section>
  );
}
