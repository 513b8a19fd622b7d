import type { AppLoadContext } from "@remix-run/node";
import type { Tx } from "~/platform/db.server";
import { getStatement } from "~/models/statements.server";
import { canEditStatementText } from "~/policies/strategy";
import { notFound, requireId } from "./http.server";
import { loadStrategyFor } from "./strategy-route.server";

/**
 * The statement a route is about, with its strategy, the person's roles and what they may do.
 * A statement the person may not read does not exist for them (404).
 */
export async function loadStatementFor(
  tx: Tx,
  context: AppLoadContext,
  params: { strategyId?: string; statementId?: string },
) {
  const loaded = await loadStrategyFor(tx, context, params.strategyId);
  const statement = await getStatement(tx, loaded.strategy.id, requireId(params.statementId));
  if (!statement) throw notFound("No such statement");
  return { ...loaded, statement, canEditText: canEditStatementText(loaded.actor, loaded.strategy, statement) };
}
