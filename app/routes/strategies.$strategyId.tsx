import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { StrategyNav } from "~/components/strategy-nav";
import { scopeLabels, strategyStatusLabels } from "~/domain/strategy";
import { withDb } from "~/utils/http.server";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export async function loader({ context, params }: LoaderFunctionArgs) {
  const { strategy, can } = await withDb(context, (tx) => loadStrategyFor(tx, context, params.strategyId));
  return { strategy, can };
}

/** The frame of every strategy page: its name, what kind of strategy it is, and its sections. */
export default function StrategyLayout() {
  const { strategy, can } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">
        {scopeLabels[strategy.scope]} strategy{strategy.area ? `: ${strategy.area}` : ""} ·{" "}
        {strategyStatusLabels[strategy.status]}
        {strategy.visibility === "public" ? " · Public" : " · Private"}
      </span>
      <p className="govuk-heading-l govuk-!-margin-bottom-3">{strategy.title}</p>
      <StrategyNav strategyId={strategy.id} can={can} />
      <div className="govuk-!-margin-top-6">
        <Outlet />
      </div>
    </>
  );
}
