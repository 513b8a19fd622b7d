import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { SuccessBanner } from "~/components/banner";
import { ContextFigures } from "~/components/context-figures";
import { listContextFigures, listPriorities } from "~/models/priorities.server";
import { withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.strategy.title ?? "Strategy");

export async function loader({ context, params }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { strategy, can } = await loadStrategyFor(tx, context, params.strategyId);
    const [priorities, figures] = await Promise.all([
      listPriorities(tx, strategy.id, { includeArchived: can.canEditStructure }),
      listContextFigures(tx, strategy.id, null),
    ]);
    return { strategy, can, priorities, figures };
  });
}

export default function StrategyOverview() {
  const { strategy, can, priorities, figures } = useLoaderData<typeof loader>();
  const current = priorities.filter((p) => !p.archivedAt);
  const archived = priorities.filter((p) => p.archivedAt);
  const [params] = useSearchParams();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {params.get("created") ? (
          <SuccessBanner>Strategy started. You are its facilitator: add priorities and invite people.</SuccessBanner>
        ) : null}
        <h1 className="govuk-heading-xl">Priorities</h1>
        {strategy.summary ? <p className="govuk-body-l">{strategy.summary}</p> : null}
        <ContextFigures figures={figures} caption="Where are we now" />
        {can.canEditStructure ? (
          <Link to="priorities/new" className="govuk-button govuk-button--secondary" role="button">
            Add a priority
          </Link>
        ) : null}
        {current.length ? (
          <ol className="govuk-list app-priority-list">
            {current.map((p) => (
              <li key={p.id} className="app-card">
                <h2 className="govuk-heading-m govuk-!-margin-bottom-2">
                  <Link className="govuk-link" to={`priorities/${p.id}`}>
                    <span className="govuk-visually-hidden">Priority </span>
                    {p.position}. {p.title}
                  </Link>
                </h2>
                <p className="govuk-body">{p.summary}</p>
                <p className="govuk-body-s govuk-!-margin-bottom-0">
                  {p.commitmentCount} {p.commitmentCount === 1 ? "commitment" : "commitments"}
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="govuk-body">This strategy has no priorities yet.</p>
        )}
        {archived.length ? (
          <>
            <h2 className="govuk-heading-m">Archived priorities</h2>
            <ul className="govuk-list govuk-list--bullet">
              {archived.map((p) => (
                <li key={p.id}>
                  <Link className="govuk-link" to={`priorities/${p.id}`}>
                    {p.title}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}
