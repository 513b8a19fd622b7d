import type { Tx } from "~/platform/db.server";
import type { ContextFigure } from "~/models/priorities.server";

/**
 * "Current context" figures: a priority's, or (priorityId null) the strategy's own "Where are we
 * now". Positions are unique and dense within that list; listContextFigures (priorities.server)
 * reads a list in order.
 */
export type ContextFigureDetails = { figure: string; description: string; source: string; sourceUrl: string | null };

/** The list a figure belongs to: a priority's figures, or the strategy's when priorityId is null. */
export type FigureList = { strategyId: string; priorityId: string | null };

/** One figure of a strategy (of any of its priorities, or of the strategy itself), or undefined. */
export async function getContextFigure(tx: Tx, strategyId: string, id: string): Promise<ContextFigure | undefined> {
  return tx.one<ContextFigure>(
    `select id, priority_id as "priorityId", position, figure, description, source, source_url as "sourceUrl"
       from public.context_figures where strategy_id = $1 and id = $2`,
    [strategyId, id],
  );
}

/**
 * Holds the list's owner (the priority, or the strategy for its own figures) until commit, so two
 * facilitators ordering the same figures take turns. RLS lets only facilitators lock it.
 */
export async function lockFigureOrder(tx: Tx, list: FigureList): Promise<void> {
  if (list.priorityId) {
    await tx.query("select id from public.priorities where strategy_id = $1 and id = $2 for no key update", [
      list.strategyId,
      list.priorityId,
    ]);
  } else {
    await tx.query("select id from public.strategies where id = $1 for no key update", [list.strategyId]);
  }
}

/** The position after the list's last figure. */
export async function nextFigurePosition(tx: Tx, list: FigureList): Promise<number> {
  const row = await tx.one<{ next: number }>(
    `select coalesce(max(position), 0)::int + 1 as next from public.context_figures
      where strategy_id = $1 and priority_id is not distinct from $2`,
    [list.strategyId, list.priorityId],
  );
  return row!.next;
}

/** Inserts a figure at a position in its list; returns its id. */
export async function insertContextFigure(
  tx: Tx,
  input: ContextFigureDetails & FigureList & { position: number },
): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `insert into public.context_figures (strategy_id, priority_id, position, figure, description, source, source_url)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [input.strategyId, input.priorityId, input.position, input.figure, input.description, input.source, input.sourceUrl],
  );
  return row!.id;
}

/** Changes a figure's words and link. False when no such figure could be changed. */
export async function updateContextFigureDetails(
  tx: Tx,
  strategyId: string,
  id: string,
  input: ContextFigureDetails,
): Promise<boolean> {
  const rows = await tx.query(
    `update public.context_figures set figure = $3, description = $4, source = $5, source_url = $6
      where strategy_id = $1 and id = $2 returning id`,
    [strategyId, id, input.figure, input.description, input.source, input.sourceUrl],
  );
  return rows.length === 1;
}

/** Deletes a figure. False when no such figure could be deleted. */
export async function deleteContextFigure(tx: Tx, strategyId: string, id: string): Promise<boolean> {
  const rows = await tx.query("delete from public.context_figures where strategy_id = $1 and id = $2 returning id", [
    strategyId,
    id,
  ]);
  return rows.length === 1;
}

/** Moves the figures after a position up by one, closing the gap a removed figure left. */
export async function closeFigureGap(tx: Tx, list: FigureList, position: number): Promise<void> {
  await tx.query(
    `update public.context_figures set position = position - 1
      where strategy_id = $1 and priority_id is not distinct from $2 and position > $3`,
    [list.strategyId, list.priorityId, position],
  );
}

/** The figure just before or after a position in a list, if any. */
export async function findFigureNeighbour(
  tx: Tx,
  list: FigureList,
  position: number,
  direction: "up" | "down",
): Promise<{ id: string; position: number } | undefined> {
  return tx.one<{ id: string; position: number }>(
    direction === "up"
      ? `select id, position from public.context_figures
          where strategy_id = $1 and priority_id is not distinct from $2 and position < $3 order by position desc limit 1`
      : `select id, position from public.context_figures
          where strategy_id = $1 and priority_id is not distinct from $2 and position > $3 order by position limit 1`,
    [list.strategyId, list.priorityId, position],
  );
}

/** Puts a figure at a position (the unique check waits for commit, so two can swap). */
export async function setFigurePosition(tx: Tx, id: string, position: number): Promise<boolean> {
  const rows = await tx.query("update public.context_figures set position = $2 where id = $1 returning id", [id, position]);
  return rows.length === 1;
}
