import type { AppLoadContext } from "@remix-run/node";
import type { Tx } from "~/platform/db.server";
import { getCommitment, type Commitment } from "~/models/commitments.server";
import { listPriorities } from "~/models/priorities.server";
import { notFound, requireId } from "./http.server";
import { loadStrategyFor } from "./strategy-route.server";

/**
 * The commitment a route is about, with its strategy, the person's roles and what they may do.
 * A commitment the person may not read does not exist for them (404).
 */
export async function loadCommitmentFor(
  tx: Tx,
  context: AppLoadContext,
  params: { strategyId?: string; commitmentId?: string },
) {
  const loaded = await loadStrategyFor(tx, context, params.strategyId);
  const commitment = await getCommitment(tx, loaded.strategy.id, requireId(params.commitmentId));
  if (!commitment) throw notFound("No such commitment");
  return { ...loaded, commitment };
}

/** "Priority 2: …" by the priority's place among the strategy's current ones, or "Archived priority: …". */
export async function priorityHeadingFor(tx: Tx, commitment: Pick<Commitment, "strategyId" | "priorityId" | "priorityTitle">) {
  const current = await listPriorities(tx, commitment.strategyId);
  const number = current.findIndex((p) => p.id === commitment.priorityId) + 1;
  return number ? `Priority ${number}: ${commitment.priorityTitle}` : `Archived priority: ${commitment.priorityTitle}`;
}
