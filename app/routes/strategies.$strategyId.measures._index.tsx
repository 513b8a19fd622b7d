import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { MeasureStatusList } from "~/components/measure-status";
import { RAG_STATUSES, ragStatusLabels } from "~/domain/measures";
import { listMeasures } from "~/models/measures.server";
import { listPriorities } from "~/models/priorities.server";
import { withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction = () => pageTitle("Measures");

export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const chosen = new URL(request.url).searchParams.get("priority");
  return withDb(context, async (tx) => {
    const { strategy, can } = await loadStrategyFor(tx, context, params.strategyId);
    const priorities = await listPriorities(tx, strategy.id);
    // A priority that is not one of this strategy's current ones is no filter at all.
    const priority = priorities.find((p) => p.id === chosen) ?? null;
    const measures = await listMeasures(tx, strategy.id, { priorityId: priority?.id ?? null, includeArchived: can.canDefineMeasures });
    return {
      strategy,
      can,
      priorityId: priority?.id ?? null,
      priorities: priorities.map((p, i) => ({ id: p.id, label: `Priority ${i + 1}: ${p.title}` })),
      measures,
    };
  });
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export default function MeasuresPage() {
  const { strategy, can, priorityId, priorities, measures } = useLoaderData<typeof loader>();
  const base = `/strategies/${strategy.id}/measures`;
  const current = measures.filter((m) => !m.archivedAt);
  const archived = measures.filter((m) => m.archivedAt);
  const counts = RAG_STATUSES.map((s) => [s, current.filter((m) => m.rag.status === s).length] as const).filter(([, n]) => n > 0);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Assurance measures</h1>
        <p className="govuk-body">
          How we will know the strategy is working. Each measure has a baseline and a target (or, for a milestone, the
          evaluator’s judgement), and shows progress on one or more priorities and commitments. Only verified data counts
          towards a measure’s status.
        </p>
        {can.canDefineMeasures ? (
          <div className="govuk-button-group">
            <Link to={`${base}/new`} className="govuk-button" draggable={false}>
              Define a measure
            </Link>
            <Link className="govuk-link" to={`${base}/import`}>
              Import data points from a spreadsheet (CSV)
            </Link>
          </div>
        ) : null}

        <Form method="get" className="app-filter" aria-labelledby="measure-filter-heading" key={priorityId ?? "all"}>
          <h2 className="govuk-heading-s govuk-!-margin-bottom-2" id="measure-filter-heading">
            Filter measures
          </h2>
          <div className="app-filter__fields">
            <div className="govuk-form-group app-filter__wide">
              <label className="govuk-label" htmlFor="filter-priority">
                Priority
              </label>
              <select className="govuk-select govuk-!-width-full" id="filter-priority" name="priority" defaultValue={priorityId ?? ""}>
                <option value="">All priorities</option>
                {priorities.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Show measures
            </button>
            {priorityId ? (
              <Link className="govuk-link" to={base}>
                Clear filter
              </Link>
            ) : null}
          </div>
        </Form>

        <p className="govuk-body" role="status">
          {current.length
            ? `${plural(current.length, "measure", "measures")}${priorityId ? " show progress on this priority" : ""}: ${counts
                .map(([s, n]) => `${n} ${ragStatusLabels[s].toLowerCase()}`)
                .join(", ")}.`
            : priorityId
              ? "No measure shows progress on this priority yet."
              : "This strategy has no measures yet."}
        </p>
        {current.length ? <MeasureStatusList strategyId={strategy.id} measures={current} empty="" headingLevel={2} showLinks /> : null}

        {archived.length ? (
          <>
            <h2 className="govuk-heading-m govuk-!-margin-top-8">Archived measures</h2>
            <MeasureStatusList strategyId={strategy.id} measures={archived} empty="" headingLevel={3} />
          </>
        ) : null}
      </div>
    </div>
  );
}
