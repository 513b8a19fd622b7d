import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PriorityCard } from "~/components/dashboard";
import { FilterActions, FilterSelect } from "~/components/filter-select";
import { LiveUpdates } from "~/components/live-updates";
import { readDashboardFilter } from "~/domain/dashboard";
import { RESPONSIBLE_PARTIES, responsiblePartyLabels } from "~/domain/responsible-parties";
import { loadDashboard } from "~/models/dashboard.server";
import { liveCursor } from "~/models/live.server";
import { withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `Dashboard – ${data.strategy.title}` : "Dashboard");

export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const started = performance.now();
  const filter = readDashboardFilter(new URL(request.url));
  const data = await withDb(context, async (tx) => {
    const { strategy, can } = await loadStrategyFor(tx, context, params.strategyId);
    // The cursor first: whatever commits after it is delivered live, so nothing falls between
    // what this page shows and the first live change.
    const liveAfter = (await liveCursor(tx, strategy.id)) ?? 0;
    const dashboard = await loadDashboard(tx, strategy.id, filter);
    return {
      strategy: { id: strategy.id, title: strategy.title, visibility: strategy.visibility },
      can: { isMember: can.isMember, canReadSignOff: can.canReadSignOff },
      liveAfter,
      dashboard,
    };
  });
  // The loader's own server time, for the benchmark and for anyone looking at the network panel.
  return json(data, { headers: { "Server-Timing": `loader;dur=${(performance.now() - started).toFixed(1)}` } });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const timing = loaderHeaders.get("Server-Timing");
  return timing ? { "Server-Timing": timing } : new Headers();
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export default function DashboardPage() {
  const { strategy, can, liveAfter, dashboard } = useLoaderData<typeof loader>();
  const base = `/strategies/${strategy.id}`;
  const party = dashboard.filter.party;
  const priorities = dashboard.priorities;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds app-dashboard">
        <h1 className="govuk-heading-l">Dashboard</h1>
        <p className="govuk-body">
          How each priority is going: its measures, commitments, statements and evidence. A priority is off track if any of its
          measures is off track, at risk if any is at risk, and on track if any is on track. Only verified data counts towards a
          measure’s status. Select any number to see the items behind it.
        </p>
        <LiveUpdates strategyId={strategy.id} after={liveAfter} />
        <ul className="govuk-list app-dashboard-links">
          <li>
            <Link className="govuk-link" to={`${base}/report`}>
              Printable report
            </Link>
          </li>
          <li>
            <a className="govuk-link" href={`${base}/measures.csv`} download>
              Download measures and their data points (CSV)
            </a>
          </li>
          <li>
            <a className="govuk-link" href={`${base}/evidence.csv`} download>
              Download evidence (CSV)
            </a>
          </li>
          {strategy.visibility === "public" ? (
            <li>
              <Link className="govuk-link" to={`${base}/progress`}>
                Public progress page
              </Link>
            </li>
          ) : null}
        </ul>

        <Form method="get" className="app-filter" aria-labelledby="dashboard-filter-heading" key={party ?? "all"}>
          <h2 className="govuk-heading-s govuk-!-margin-bottom-2" id="dashboard-filter-heading">
            Filter the dashboard
          </h2>
          <div className="app-filter__fields">
            <FilterSelect
              name="party"
              label="Who is responsible"
              value={party}
              options={RESPONSIBLE_PARTIES.map((p) => [p, responsiblePartyLabels[p]])}
              all="Anyone"
            />
          </div>
          <FilterActions submitLabel="Show priorities" clearTo={`${base}/dashboard`} filtered={Boolean(party)} />
        </Form>

        <p className="govuk-body" role="status" id="dashboard-summary">
          {party
            ? priorities.length
              ? `${plural(priorities.length, "priority has", "priorities have")} commitments for ${responsiblePartyLabels[party].toLowerCase()}. Each shows only those commitments and the measures linked to them; statements and evidence are for the whole priority.`
              : `No commitment names ${responsiblePartyLabels[party].toLowerCase()}.`
            : priorities.length
              ? `${plural(priorities.length, "priority", "priorities")}.`
              : "This strategy has no priorities yet."}
        </p>

        {priorities.map((p) => (
          <PriorityCard key={p.id} strategyId={strategy.id} priority={p} party={party} canReadSignOff={can.canReadSignOff} />
        ))}
      </div>
    </div>
  );
}
