import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { StrategyNav } from "~/components/strategy-nav";
import { scopeLabels, strategyStatusLabels } from "~/domain/strategy";
import { countWaitingForMe } from "~/models/sign-off.server";
import { withDb } from "~/utils/http.server";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export async function loader({ context, params }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { strategy, can } = await loadStrategyFor(tx, context, params.strategyId);
    // A signatory sees in the navigation how many decisions wait for their organisations.
    const waiting = can.isSignatory ? await countWaitingForMe(tx, strategy.id) : null;
    return { strategy, can, waiting };
  });
}

/** The frame of every strategy page: its name, what kind of strategy it is, and its sections. */
export default function StrategyLayout() {
  const { strategy, can, waiting } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">
        {scopeLabels[strategy.scope]} strategy{strategy.area ? `: ${strategy.area}` : ""} ·{" "}
        {strategyStatusLabels[strategy.status]}
        {strategy.visibility === "public" ? " · Public" : " · Private"}
      </span>
      <p className="govuk-heading-l govuk-!-margin-bottom-3">{strategy.title}</p>
      <StrategyNav strategyId={strategy.id} can={can} waiting={waiting} />
      <div className="govuk-!-margin-top-6">
        <Outlet />
      </div>
    </>
  );
}
