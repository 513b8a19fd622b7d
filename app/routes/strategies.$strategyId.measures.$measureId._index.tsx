import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { ArchivedBanner, SuccessBanner } from "~/components/banner";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { HistoryList } from "~/components/history-list";
import { MeasureStatusTag } from "~/components/measure-status";
import { EvidenceTable } from "~/components/evidence";
import { EditAndArchiveActions } from "~/components/structure-actions";
import { chartEnds, TrendChart, TrendTable } from "~/components/trend-chart";
import {
  describeMeasureStatusReason,
  formatMeasureDifference,
  formatMeasureValue,
  measureDataSourceLabels,
  measureDirectionLabels,
  measureFrequencyLabels,
  measureKindShortLabels,
  measureUnitLabels,
  ragMethodLabels,
} from "~/domain/measures";
import { listHistoryFor } from "~/models/audit.server";
import { listEvidenceFor } from "~/models/evidence.server";
import { getMeasure, listDataPoints, type Measure } from "~/models/measures.server";
import { authorize } from "~/policies/strategy";
import { archiveMeasure, restoreMeasure } from "~/services/measures.server";
import { formatDate } from "~/utils/dates";
import { notFound, requireId, requireUser, withDb } from "~/utils/http.server";
import { readIntent } from "~/utils/intent.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

const INTENTS = ["archive", "restore"] as const;

const doneMessages: Record<string, string> = {
  created: "Measure defined.",
  saved: "Measure saved.",
  archived: "Measure archived. It no longer appears in the strategy’s list of measures.",
  restored: "Measure restored to the strategy’s list of measures.",
};

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `Measure: ${data.measure.name}` : "Measure");

export async function loader({ context, params }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { strategy, can } = await loadStrategyFor(tx, context, params.strategyId);
    const measure = await getMeasure(tx, strategy.id, requireId(params.measureId));
    if (!measure) throw notFound("No such measure");
    const dataPoints = await listDataPoints(tx, measure.id);
    const evidence = await listEvidenceFor(tx, { measureId: measure.id });
    const history = await listHistoryFor(tx, ["measure", "measure_link"], measure.id, { strategyId: strategy.id });
    return { strategy, can, measure, dataPoints, evidence, history };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const intent = readIntent(await request.formData(), INTENTS);
  return withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "define_measures", strategy);
    const measureId = requireId(params.measureId);
    const changed = await (intent === "archive" ? archiveMeasure : restoreMeasure)(tx, strategy.id, measureId);
    if (!changed) throw notFound("No such measure");
    return redirect(`/strategies/${strategy.id}/measures/${measureId}?done=${intent === "archive" ? "archived" : "restored"}`);
  });
}

export default function MeasurePage() {
  const { strategy, can, measure, dataPoints, evidence, history } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = doneMessages[params.get("done") ?? ""];
  const strategyPath = `/strategies/${strategy.id}`;
  const measuresPath = `${strategyPath}/measures`;
  const charted = chartEnds(measure);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Breadcrumbs items={[{ to: measuresPath, label: "Measures" }]} />
        {done ? <SuccessBanner>{done}</SuccessBanner> : null}
        {measure.archivedAt ? (
          <ArchivedBanner noun="measure" absentFrom="the strategy’s list of measures" canRestore={can.canDefineMeasures} />
        ) : null}

        <span className="govuk-caption-l">Assurance measure</span>
        <h1 className="govuk-heading-l">{measure.name}</h1>
        {measure.definition ? <p className="govuk-body-l">{measure.definition}</p> : null}

        <h2 className="govuk-heading-m">How it is going</h2>
        <p className="govuk-body app-measure-status">
          <MeasureStatusTag status={measure.rag.status} /> {describeMeasureStatusReason(measure.rag, measure)}
        </p>
        <p className="govuk-body app-muted">Only verified data counts towards the status. Values not yet verified are shown, marked as such.</p>

        <div className="app-actions govuk-!-margin-bottom-6">
          {can.canSubmitEvidence && !measure.archivedAt ? (
            <Link
              to={`${strategyPath}/evidence/new?measureId=${measure.id}`}
              className="govuk-button govuk-!-margin-bottom-0"
              draggable={false}
            >
              Submit evidence
            </Link>
          ) : null}
        </div>
        {can.canDefineMeasures ? (
          <EditAndArchiveActions noun="measure" archived={Boolean(measure.archivedAt)} archiveIntent="archive" restoreIntent="restore" />
        ) : null}

        <h2 className="govuk-heading-m">Progress over time</h2>
        {charted ? (
          <TrendChart
            name={measure.name}
            unit={measure.unit}
            baseline={charted.baseline}
            target={charted.target}
            points={dataPoints.flatMap((p) => (p.value === null ? [] : [{ date: p.periodEnd, value: p.value, verified: p.verified }]))}
            status={measure.rag.status}
          />
        ) : null}
        {!charted && !dataPoints.length ? <p className="govuk-body">No milestone has been reported yet.</p> : null}
        <TrendTable
          caption={charted ? `${measure.name}: baseline, reported values and target` : `${measure.name}: milestones reported`}
          unit={measure.unit}
          baseline={
            measure.baselineValue !== null && measure.baselineDate
              ? { value: measure.baselineValue, date: measure.baselineDate, source: measure.baselineSource }
              : null
          }
          target={{ value: measure.targetValue, date: measure.targetDate, isExample: measure.targetIsExample }}
          rows={dataPoints}
        />

        <h2 className="govuk-heading-m govuk-!-margin-top-8">About this measure</h2>
        <MeasureFacts measure={measure} strategyPath={strategyPath} />

        <h2 className="govuk-heading-m govuk-!-margin-top-8">Evidence</h2>
        {evidence.length ? (
          <EvidenceTable
            strategyId={strategy.id}
            items={evidence.map((e) => ({ ...e, measureUnit: measure.unit }))}
            caption="Evidence for this measure, newest first"
          />
        ) : (
          <p className="govuk-body">No evidence has been submitted for this measure yet.</p>
        )}

        <h2 className="govuk-heading-m govuk-!-margin-top-8">History</h2>
        <p className="govuk-body">Changes to this measure and what it is linked to, newest first.</p>
        <HistoryList entries={history} />
      </div>
    </div>
  );
}

/** The measure's definition as a GOV.UK summary list. */
function MeasureFacts({ measure, strategyPath }: { measure: Measure; strategyPath: string }) {
  const value = (n: number | null) => (n === null ? "–" : formatMeasureValue(n, measure.unit));
  const rows: { key: string; value: ReactNode }[] = [{ key: "Kind", value: measureKindShortLabels[measure.kind] }];
  if (measure.kind === "quantitative") {
    rows.push(
      { key: "Unit", value: measure.unit ? measureUnitLabels[measure.unit] : "–" },
      { key: "Better is", value: measure.direction ? measureDirectionLabels[measure.direction] : "–" },
      {
        key: "Baseline",
        value: (
          <>
            {value(measure.baselineValue)}
            {measure.baselineDate ? ` on ${formatDate(measure.baselineDate)}` : ""}
            {measure.baselineSource ? <span className="app-muted">{`. Source: ${measure.baselineSource}`}</span> : null}
          </>
        ),
      },
      {
        key: "Target",
        value: (
          <>
            {value(measure.targetValue)}
            {measure.targetDate ? ` by ${formatDate(measure.targetDate)}` : ""}
            {measure.targetIsExample ? (
              <>
                {" "}
                <strong className="govuk-tag govuk-tag--grey">Example target</strong>
              </>
            ) : null}
          </>
        ),
      },
    );
  } else if (measure.targetDate) {
    rows.push({
      key: "Milestone date",
      value: (
        <>
          {formatDate(measure.targetDate)}
          {measure.targetIsExample ? (
            <>
              {" "}
              <strong className="govuk-tag govuk-tag--grey">Example date</strong>
            </>
          ) : null}
        </>
      ),
    });
  }
  rows.push(
    { key: "Reported", value: measureFrequencyLabels[measure.frequency] },
    {
      key: "Data source",
      value: `${measureDataSourceLabels[measure.dataSource]}${measure.dataSourceDetail ? `: ${measure.dataSourceDetail}` : ""}`,
    },
    { key: "Status worked out", value: methodWords(measure) },
    {
      key: "Shows progress on",
      value: measure.links.length ? (
        <ul className="govuk-list govuk-!-margin-bottom-0">
          {measure.links.map((l) => (
            <li key={l.id}>
              {l.commitmentId ? (
                <Link className="govuk-link" to={`${strategyPath}/commitments/${l.commitmentId}`}>
                  {`Commitment: ${l.commitmentText}`}
                </Link>
              ) : (
                <Link className="govuk-link" to={`${strategyPath}/priorities/${l.priorityId}`}>
                  {l.priorityNumber ? `Priority ${l.priorityNumber}: ${l.priorityTitle}` : `Archived priority: ${l.priorityTitle}`}
                </Link>
              )}
            </li>
          ))}
        </ul>
      ) : (
        "Nothing yet"
      ),
    },
  );
  return (
    <dl className="govuk-summary-list">
      {rows.map((row) => (
        <div key={row.key} className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "Against the straight-line path …, allowing 0.5 percentage points behind it". */
function methodWords(measure: Measure): string {
  const method = ragMethodLabels[measure.ragMethod];
  if (measure.ragMethod === "trajectory" && measure.tolerance !== null) {
    return `${method}, allowing ${formatMeasureDifference(measure.tolerance, measure.unit)} behind it before it is off track`;
  }
  if (measure.ragMethod === "thresholds" && measure.onTrackThreshold !== null && measure.offTrackThreshold !== null) {
    return `${method}: on track at ${formatMeasureValue(measure.onTrackThreshold, measure.unit)}, off track at ${formatMeasureValue(
      measure.offTrackThreshold,
      measure.unit,
    )}`;
  }
  return method;
}
