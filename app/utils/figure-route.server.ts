import type { Tx } from "~/platform/db.server";
import { getPriority, listPriorities } from "~/models/priorities.server";
import { notFound } from "./http.server";

/**
 * The list a figure page is about: a priority of the strategy (404 when it is not one), or the
 * strategy's own "Where are we now" when priorityId is null. `heading` names it above the form;
 * `backTo` is the page that shows the list.
 */
export async function loadFigureList(tx: Tx, strategyId: string, priorityId: string | null) {
  const strategyPath = `/strategies/${strategyId}`;
  if (!priorityId) return { priorityId: null, heading: "Where are we now", backTo: strategyPath };
  const priority = await getPriority(tx, strategyId, priorityId);
  if (!priority) throw notFound("No such priority");
  const current = await listPriorities(tx, strategyId);
  const number = current.findIndex((p) => p.id === priority.id) + 1;
  return {
    priorityId: priority.id,
    heading: number ? `Priority ${number}: ${priority.title}` : `Archived priority: ${priority.title}`,
    backTo: `${strategyPath}/priorities/${priority.id}`,
  };
}
