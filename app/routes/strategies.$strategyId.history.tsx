import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { HistoryList } from "~/components/history-list";
import {
  HISTORY_KINDS,
  historyKindEntityTypes,
  historyKindLabels,
  isHistoryKind,
  type HistoryKind,
} from "~/domain/audit";
import { joinWithAnd } from "~/domain/audit-summary";
import { listStrategyHistory } from "~/models/audit.server";
import type { Abilities } from "~/policies/strategy";
import { withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

const PAGE_SIZE = 50;

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `History – ${data.strategy.title}` : "History");

/** The kinds of item this reader's history can contain; RLS hides the rest from them anyway. */
function kindsFor(can: Abilities): HistoryKind[] {
  return HISTORY_KINDS.filter(
    (kind) => (kind !== "members" || can.canReadMembers) && (kind !== "invitations" || can.canInvite),
  );
}

export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const beforeParam = Number(url.searchParams.get("before"));
  const before = Number.isSafeInteger(beforeParam) && beforeParam > 0 ? beforeParam : undefined;
  return withDb(context, async (tx) => {
    const { strategy, can } = await loadStrategyFor(tx, context, params.strategyId);
    const available = kindsFor(can);
    const chosen = url.searchParams.getAll("kind").filter(isHistoryKind).filter((k) => available.includes(k));
    const page = await listStrategyHistory(tx, strategy.id, {
      limit: PAGE_SIZE,
      before,
      entityTypes: chosen.flatMap((k) => historyKindEntityTypes[k]),
    });
    return { strategy, can, available, chosen, before: before ?? null, ...page };
  });
}

export default function StrategyHistory() {
  const { can, available, chosen, before, entries, olderBefore } = useLoaderData<typeof loader>();
  const kindQuery = chosen.map((k) => `kind=${encodeURIComponent(k)}`);
  const pageLink = (older: number | null) => {
    const query = [...kindQuery, ...(older ? [`before=${older}`] : [])].join("&");
    return query ? `?${query}` : ".";
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">History</h1>
        <p className="govuk-body-l">
          Every change to this strategy, newest first. This record is kept by the service and nobody can edit or delete it.
        </p>
        {!can.canReadMembers ? (
          <div className="govuk-inset-text">
            Changes to who is a member of this strategy, and the discussion of its statements, are shown only to its members.
          </div>
        ) : !can.canInvite ? (
          <div className="govuk-inset-text">Invitations are shown only to the strategy's facilitators.</div>
        ) : null}

        <details className="govuk-details app-history-filter" open={chosen.length > 0}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Show only some kinds of change</span>
          </summary>
          <div className="govuk-details__text">
            <Form method="get">
              <div className="govuk-form-group">
                <fieldset className="govuk-fieldset" aria-describedby="kind-hint">
                  <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Show changes to</legend>
                  <div id="kind-hint" className="govuk-hint">
                    Select all that apply. Select none to see every change.
                  </div>
                  <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    {available.map((kind) => (
                      <div className="govuk-checkboxes__item" key={kind}>
                        <input
                          className="govuk-checkboxes__input"
                          id={`kind-${kind}`}
                          name="kind"
                          type="checkbox"
                          value={kind}
                          defaultChecked={chosen.includes(kind)}
                        />
                        <label className="govuk-label govuk-checkboxes__label" htmlFor={`kind-${kind}`}>
                          {historyKindLabels[kind]}
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
              </div>
              <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                Show changes
              </button>
            </Form>
          </div>
        </details>

        <h2 className="govuk-heading-m">{before ? "Older changes" : "Latest changes"}</h2>
        {chosen.length ? (
          <p className="govuk-body">
            Showing changes to {joinWithAnd(chosen.map((k) => historyKindLabels[k].toLowerCase()))}.
          </p>
        ) : null}
        {entries.length === 0 && chosen.length ? (
          <p className="govuk-body">No changes of these kinds have been recorded yet.</p>
        ) : (
          <HistoryList entries={entries} />
        )}

        {before || olderBefore ? (
          <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of history">
            {before ? <PageLink direction="prev" to={pageLink(null)} /> : null}
            {olderBefore ? <PageLink direction="next" to={pageLink(olderBefore)} /> : null}
          </nav>
        ) : null}
      </div>
    </div>
  );
}

const pageLinks = {
  prev: {
    title: "Latest changes",
    arrow: "m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z",
  },
  next: {
    title: "Older changes",
    arrow: "m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z",
  },
};

/** GOV.UK's block pagination link: back to the latest changes, or on to older ones. */
function PageLink({ direction, to }: { direction: "prev" | "next"; to: string }) {
  const { title, arrow } = pageLinks[direction];
  return (
    <div className={`govuk-pagination__${direction}`}>
      <Link className="govuk-link govuk-pagination__link" to={to} rel={direction}>
        <svg
          className={`govuk-pagination__icon govuk-pagination__icon--${direction}`}
          xmlns="http://www.w3.org/2000/svg"
          height="13"
          width="15"
          aria-hidden="true"
          focusable="false"
          viewBox="0 0 15 13"
        >
          <path d={arrow} />
        </svg>
        <span className="govuk-pagination__link-title">{title}</span>
      </Link>
    </div>
  );
}
