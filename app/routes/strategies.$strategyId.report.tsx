import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FilterActions, FilterSelect } from "~/components/filter-select";
import { PrintThisReport, ReportPriority, ReportSummary } from "~/components/report";
import { readDashboardFilter } from "~/domain/dashboard";
import { RESPONSIBLE_PARTIES, responsiblePartyLabels } from "~/domain/responsible-parties";
import { loadDashboard } from "~/models/dashboard.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Status report – ${data.strategy.title}` : "Status report");

// The calendar day in the UK, whatever the server's time zone: "Status on" names the day a board reads.
const ukCalendarDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/**
 * A printable report of the strategy's status (/strategies/:id/report, optionally ?party=), for a
 * board paper: the dashboard's numbers, read under the reader's RLS like the dashboard, laid out
 * to read on paper. Anyone who may read the strategy may print what they may see.
 */
export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const filter = readDashboardFilter(new URL(request.url));
  return withDb(context, async (tx) => {
    const { strategy, can } = await loadStrategyFor(tx, context, params.strategyId);
    const dashboard = await loadDashboard(tx, strategy.id, filter);
    const now = new Date();
    return {
      strategy: { id: strategy.id, title: strategy.title, summary: strategy.summary },
      filter,
      dashboard,
      // Who wrote what is for members only (RLS hides it from everyone else anyway).
      showBalance: can.isMember,
      statusDay: ukCalendarDay.format(now),
      takenAt: now.toISOString(),
      origin: context.platform.config.appOrigin,
    };
  });
}

export default function StatusReport() {
  const { strategy, filter, dashboard, showBalance, statusDay, takenAt, origin } = useLoaderData<typeof loader>();
  const base = `/strategies/${strategy.id}`;
  const links = [
    { to: `${base}/measures.csv`, label: "Measures and their data points (CSV)" },
    { to: `${base}/evidence.csv`, label: "Evidence, without its content (CSV)" },
    { to: `${base}/progress`, label: "Public progress page" },
  ];
  return (
    <div className="govuk-grid-row app-report">
      <div className="govuk-grid-column-full">
        <span className="govuk-caption-l">Status on {formatDate(statusDay)}</span>
        <h1 className="govuk-heading-l">Status report: {strategy.title}</h1>
        <p className="govuk-body">
          Taken from the live data at {formatDateTime(takenAt)}.{" "}
          {filter.party
            ? `Only commitments that name ${responsiblePartyLabels[filter.party].toLowerCase()} as responsible, and the measures linked to them, are included; priorities with none are left out.`
            : "Every current priority is included."}{" "}
          Only verified data counts towards a measure’s status.
        </p>
        <PrintThisReport />

        <Form method="get" className="app-filter app-print-hidden" aria-labelledby="report-filter-heading">
          <h2 className="govuk-heading-s" id="report-filter-heading">
            Choose what the report covers
          </h2>
          <FilterSelect
            name="party"
            label="Who is responsible"
            value={filter.party}
            options={RESPONSIBLE_PARTIES.map((p) => [p, responsiblePartyLabels[p]])}
            all="Anyone"
          />
          <FilterActions submitLabel="Show report" clearTo={`${base}/report`} filtered={Boolean(filter.party)} />
        </Form>

        {dashboard.priorities.length ? (
          <>
            <ReportSummary priorities={dashboard.priorities} />
            {dashboard.priorities.map((p) => (
              <ReportPriority key={p.id} priority={p} showBalance={showBalance} />
            ))}
          </>
        ) : (
          <p className="govuk-body">{filter.party ? "No current commitment names them as responsible." : "This strategy has no priorities yet."}</p>
        )}

        <h2 className="govuk-heading-m govuk-!-margin-top-8">The data behind this report</h2>
        <ul className="govuk-list govuk-list--bullet">
          {links.map((l) => (
            <li key={l.to}>
              <Link className="govuk-link app-print-url" to={l.to} reloadDocument={l.to.endsWith(".csv")} data-print-url={`${origin}${l.to}`}>
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
