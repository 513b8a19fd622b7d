import type { AppLoadContext } from "@remix-run/node";
import type { Tx } from "~/platform/db.server";
import { getActor, getStrategy } from "~/models/strategies.server";
import { abilities } from "~/policies/strategy";
import { notFound, requireId } from "./http.server";

/**
 * The strategy a route is about, the person's roles in it and what they may do. A strategy the
 * person may not read does not exist for them (404), as RLS hides it.
 */
export async function loadStrategyFor(tx: Tx, context: AppLoadContext, strategyIdParam: string | undefined) {
  const strategyId = requireId(strategyIdParam);
  const strategy = await getStrategy(tx, strategyId);
  if (!strategy) throw notFound("No such strategy");
  const actor = await getActor(tx, strategy.id, context.user?.id ?? null);
  return { strategy, actor, can: abilities(actor, strategy) };
}
