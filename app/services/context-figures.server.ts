/**
 * Changes to "current context" figures: a priority's, or the strategy's own "Where are we now".
 * Each function runs inside the caller's transaction (one per request), after the route has
 * authorised the person with authorize(actor, "edit_structure", strategy); Row Level Security
 * refuses the same writes to anyone else. The audit log records every row changed, by trigger.
 *
 * Order: positions are unique and dense within a list. A new figure goes last, a removed one's
 * followers close up, and moving up or down swaps places with the neighbour.
 */
import type { Tx } from "~/platform/db.server";
import {
  closeFigureGap,
  deleteContextFigure,
  findFigureNeighbour,
  getContextFigure,
  insertContextFigure,
  lockFigureOrder,
  nextFigurePosition,
  setFigurePosition,
  updateContextFigureDetails,
  type ContextFigureDetails,
  type FigureList,
} from "~/models/context-figures.server";
import type { MoveDirection, MoveOutcome } from "~/services/structure.server";

/** Adds a figure after the last one of its list (a priority's, or the strategy's with priorityId null); returns its id. */
export async function addContextFigure(tx: Tx, list: FigureList, details: ContextFigureDetails): Promise<string> {
  await lockFigureOrder(tx, list);
  const position = await nextFigurePosition(tx, list);
  return insertContextFigure(tx, { ...details, ...list, position });
}

/** Changes a figure's words and link; it keeps its place. False when there is no such figure. */
export function updateContextFigure(tx: Tx, strategyId: string, figureId: string, details: ContextFigureDetails): Promise<boolean> {
  return updateContextFigureDetails(tx, strategyId, figureId, details);
}

/** Removes a figure for good; the figures after it close up. False when there is no such figure. */
export async function removeContextFigure(tx: Tx, strategyId: string, figureId: string): Promise<boolean> {
  const found = await getContextFigure(tx, strategyId, figureId);
  if (!found) return false;
  const list = { strategyId, priorityId: found.priorityId };
  await lockFigureOrder(tx, list);
  // Read again under the lock: another facilitator may have moved it meanwhile.
  const figure = await getContextFigure(tx, strategyId, figureId);
  if (!figure || !(await deleteContextFigure(tx, strategyId, figure.id))) return false;
  await closeFigureGap(tx, list, figure.position);
  return true;
}

/** Swaps a figure with its neighbour above or below in its list. */
export async function moveContextFigure(
  tx: Tx,
  strategyId: string,
  figureId: string,
  direction: MoveDirection,
): Promise<MoveOutcome> {
  const found = await getContextFigure(tx, strategyId, figureId);
  if (!found) return "not_found";
  const list = { strategyId, priorityId: found.priorityId };
  await lockFigureOrder(tx, list);
  const figure = await getContextFigure(tx, strategyId, figureId);
  if (!figure) return "not_found";
  const neighbour = await findFigureNeighbour(tx, list, figure.position, direction);
  if (!neighbour) return "at_end";
  if (!(await setFigurePosition(tx, figure.id, neighbour.position))) return "not_found";
  await setFigurePosition(tx, neighbour.id, figure.position);
  return "moved";
}
