import { MeasureStatusTag } from "~/components/measure-status";
import { chartEnds, TrendChart, TrendTable, type TrendTableRow } from "~/components/trend-chart";
import { signOffStateLabels, type SignOffDecision } from "~/domain/sign-off";
import { describeMeasureStatusReason, type MeasureForWords, type MeasureStatusRow } from "~/domain/measures";
import { formatDate } from "~/utils/dates";

/** What the progress page and the report need of a measure to show how it is going. */
export type MeasureProgressData = MeasureForWords & {
  id: string;
  name: string;
  kind: "quantitative" | "qualitative";
  baselineValue: number | null;
  baselineDate: string | null;
  baselineSource: string | null;
  targetValue: number | null;
  targetDate: string | null;
  targetIsExample: boolean;
  rag: MeasureStatusRow;
  dataPoints: TrendTableRow[];
};

/**
 * One measure: its status in words and shape, a small chart drawn on the server and the same data
 * as a table, so it reads the same before scripts, in print and to a screen reader.
 */
export function MeasureProgress({
  measure: m,
  within,
  headingLevel = 4,
}: {
  measure: MeasureProgressData;
  /** The id of the priority it is shown under: a measure on two priorities appears twice on a page. */
  within: string;
  headingLevel?: 3 | 4;
}) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const headingId = `measure-${within}-${m.id}`;
  const charted = chartEnds(m);
  return (
    <section className="app-card app-progress-measure" aria-labelledby={headingId}>
      <Heading className="govuk-heading-s govuk-!-margin-bottom-2" id={headingId}>
        {m.name}
      </Heading>
      <p className="govuk-body">
        <MeasureStatusTag status={m.rag.status} /> <span className="app-rag-reason">{describeMeasureStatusReason(m.rag, m)}</span>
      </p>
      {charted ? (
        <TrendChart
          name={m.name}
          unit={m.unit}
          baseline={charted.baseline}
          target={charted.target}
          points={m.dataPoints.flatMap((p) => (p.value === null ? [] : [{ date: p.periodEnd, value: p.value, verified: p.verified }]))}
          status={m.rag.status}
          compact
        />
      ) : null}
      <TrendTable
        caption={charted ? `${m.name}: baseline, reported values and target` : `${m.name}: milestones reported`}
        unit={m.unit}
        baseline={m.baselineValue !== null && m.baselineDate ? { value: m.baselineValue, date: m.baselineDate, source: m.baselineSource } : null}
        target={{ value: m.targetValue, date: m.targetDate, isExample: m.targetIsExample }}
        rows={m.dataPoints}
      />
    </section>
  );
}

/** What a sign-off table shows of one organisation's decision on the current revision. */
export type SignOffLine = {
  organisationName: string;
  decision: SignOffDecision;
  signedByName: string;
  signedAt: string;
  conditions: string | null;
};

/** Who signed a commitment off, as a table: the organisation, the decision, who signed and when, any conditions. */
export function SignedOffTable({ caption, signOffs }: { caption: string; signOffs: SignOffLine[] }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Organisation
          </th>
          <th scope="col" className="govuk-table__header">
            Decision
          </th>
          <th scope="col" className="govuk-table__header">
            Signed by
          </th>
          <th scope="col" className="govuk-table__header">
            Conditions
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {signOffs.map((s) => (
          <tr className="govuk-table__row" key={s.organisationName}>
            <th scope="row" className="govuk-table__header">
              {s.organisationName}
            </th>
            <td className="govuk-table__cell">{signOffStateLabels[s.decision]}</td>
            <td className="govuk-table__cell">
              {s.signedByName || "Name not recorded"}, <time dateTime={s.signedAt}>{formatDate(s.signedAt)}</time>
            </td>
            <td className="govuk-table__cell">{s.conditions ?? "None"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
