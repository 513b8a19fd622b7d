import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { MeasureStatusList } from "~/components/measure-status";
import { FilterActions, FilterSelect } from "~/components/filter-select";
import { RAG_STATUSES, ragStatusLabels, type RagStatus } from "~/domain/measures";
import { RESPONSIBLE_PARTIES, responsiblePartyLabels, type ResponsibleParty } from "~/domain/responsible-parties";
import { listMeasures } from "~/models/measures.server";
import { listPriorities } from "~/models/priorities.server";
import { withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction = () => pageTitle("Measures");

/** A filter's value from the address, if it is one of the allowed values (anything else is ignored). */
function pick<T extends string>(url: URL, name: string, allowed: readonly T[]): T | null {
  const value = url.searchParams.get(name);
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const chosen = url.searchParams.get("priority");
  const status = pick<RagStatus>(url, "status", RAG_STATUSES);
  const party = pick<ResponsibleParty>(url, "party", RESPONSIBLE_PARTIES);
  return withDb(context, async (tx) => {
    const { strategy, can } = await loadStrategyFor(tx, context, params.strategyId);
    const priorities = await listPriorities(tx, strategy.id);
    // A priority that is not one of this strategy's current ones is no filter at all.
    const priority = priorities.find((p) => p.id === chosen) ?? null;
    const filtered = Boolean(status || party);
    const measures = await listMeasures(tx, strategy.id, {
      priorityId: priority?.id ?? null,
      // Archived measures have no place in a list narrowed to a status or a party (the dashboard's drill-down).
      includeArchived: can.canDefineMeasures && !filtered,
      status,
      party,
    });
    return {
      strategy,
      can,
      status,
      party,
      priorityId: priority?.id ?? null,
      priorities: priorities.map((p, i) => ({ id: p.id, label: `Priority ${i + 1}: ${p.title}` })),
      measures,
    };
  });
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export default function MeasuresPage() {
  const { strategy, can, status, party, priorityId, priorities, measures } = useLoaderData<typeof loader>();
  const filtered = Boolean(priorityId || status || party);
  // A status or a party (the dashboard's drill-down) narrows the list; a priority alone keeps its own words.
  const narrowed = Boolean(status || party);
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

        <p className="govuk-body">
          <a className="govuk-link" href={`/strategies/${strategy.id}/measures.csv`} download>
            Download as CSV
          </a>{" "}
          (every measure with its data points)
        </p>

        <Form method="get" className="app-filter" aria-labelledby="measure-filter-heading" key={`${priorityId}-${status}-${party}`}>
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
            <FilterSelect
              name="status"
              label="Status"
              value={status ?? undefined}
              options={RAG_STATUSES.map((s) => [s, ragStatusLabels[s]])}
              all="Any status"
            />
            <FilterSelect
              name="party"
              label="Who is responsible"
              value={party ?? undefined}
              options={RESPONSIBLE_PARTIES.map((p) => [p, responsiblePartyLabels[p]])}
              all="Anyone"
            />
          </div>
          <FilterActions submitLabel="Show measures" clearTo={base} filtered={filtered} />
        </Form>

        <p className="govuk-body" role="status">
          {current.length
            ? `${plural(current.length, "measure", "measures")}${narrowed ? (current.length === 1 ? " matches the filters" : " match the filters") : priorityId ? " show progress on this priority" : ""}: ${counts
                .map(([s, n]) => `${n} ${ragStatusLabels[s].toLowerCase()}`)
                .join(", ")}.`
            : narrowed
              ? "No measure matches the filters."
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
