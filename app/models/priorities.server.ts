import type { Tx } from "~/platform/db.server";

export type ContextFigure = {
  id: string;
  priorityId: string | null;
  position: number;
  figure: string;
  description: string;
  source: string;
  sourceUrl: string | null;
};

export type Priority = {
  id: string;
  strategyId: string;
  position: number;
  title: string;
  summary: string;
  context: string;
  archivedAt: string | null;
  commitmentCount: number;
};

const priorityColumns = `p.id, p.strategy_id as "strategyId", p.position, p.title, p.summary, p.context,
  p.archived_at as "archivedAt",
  (select count(*)::int from public.commitments c where c.priority_id = p.id and c.archived_at is null) as "commitmentCount"`;

/** A strategy's priorities in order; archived ones only when asked. */
export async function listPriorities(tx: Tx, strategyId: string, { includeArchived = false } = {}): Promise<Priority[]> {
  return tx.query<Priority>(
    `select ${priorityColumns} from public.priorities p
      where p.strategy_id = $1 and ($2 or p.archived_at is null)
      order by p.position`,
    [strategyId, includeArchived],
  );
}

/** One priority of a strategy, or undefined. */
export async function getPriority(tx: Tx, strategyId: string, id: string): Promise<Priority | undefined> {
  return tx.one<Priority>(`select ${priorityColumns} from public.priorities p where p.strategy_id = $1 and p.id = $2`, [
    strategyId,
    id,
  ]);
}

/** Context figures of one priority, or (priorityId null) of the strategy as a whole. */
export async function listContextFigures(tx: Tx, strategyId: string, priorityId: string | null): Promise<ContextFigure[]> {
  return tx.query<ContextFigure>(
    `select id, priority_id as "priorityId", position, figure, description, source, source_url as "sourceUrl"
       from public.context_figures
      where strategy_id = $1 and priority_id is not distinct from $2
      order by position`,
    [strategyId, priorityId],
  );
}

export type PriorityDetails = { title: string; summary: string; context: string };

/**
 * Holds the strategy's row until commit so that two facilitators ordering its priorities at
 * once take turns (positions are read, then written). RLS lets only facilitators lock it.
 */
export async function lockPriorityOrder(tx: Tx, strategyId: string): Promise<void> {
  await tx.query("select id from public.strategies where id = $1 for no key update", [strategyId]);
}

/** The position after the strategy's last priority, archived ones included (positions stay unique). */
export async function nextPriorityPosition(tx: Tx, strategyId: string): Promise<number> {
  const row = await tx.one<{ next: number }>(
    "select coalesce(max(position), 0)::int + 1 as next from public.priorities where strategy_id = $1",
    [strategyId],
  );
  return row!.next;
}

/** Inserts a priority at a position; returns its id. */
export async function insertPriority(
  tx: Tx,
  input: PriorityDetails & { strategyId: string; position: number; createdBy: string },
): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `insert into public.priorities (strategy_id, position, title, summary, context, created_by)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [input.strategyId, input.position, input.title, input.summary, input.context, input.createdBy],
  );
  return row!.id;
}

/** Changes a priority's words. Returns false when no such priority could be changed. */
export async function updatePriorityDetails(tx: Tx, strategyId: string, id: string, input: PriorityDetails): Promise<boolean> {
  const rows = await tx.query(
    `update public.priorities set title = $3, summary = $4, context = $5
      where strategy_id = $1 and id = $2 returning id`,
    [strategyId, id, input.title, input.summary, input.context],
  );
  return rows.length === 1;
}

/** Archives or restores a priority; archiving twice keeps the first date. False when not changed. */
export async function setPriorityArchived(tx: Tx, strategyId: string, id: string, archived: boolean): Promise<boolean> {
  const rows = await tx.query(
    `update public.priorities
        set archived_at = case when $3 then coalesce(archived_at, now()) else null end
      where strategy_id = $1 and id = $2 returning id`,
    [strategyId, id, archived],
  );
  return rows.length === 1;
}

/** The nearest current (not archived) priority before or after a position, if any. */
export async function findPriorityNeighbour(
  tx: Tx,
  strategyId: string,
  position: number,
  direction: "up" | "down",
): Promise<{ id: string; position: number } | undefined> {
  return tx.one<{ id: string; position: number }>(
    direction === "up"
      ? `select id, position from public.priorities
          where strategy_id = $1 and archived_at is null and position < $2 order by position desc limit 1`
      : `select id, position from public.priorities
          where strategy_id = $1 and archived_at is null and position > $2 order by position limit 1`,
    [strategyId, position],
  );
}

/** Puts a priority at a position (the unique check waits for commit, so two can swap). */
export async function setPriorityPosition(tx: Tx, id: string, position: number): Promise<boolean> {
  const rows = await tx.query("update public.priorities set position = $2 where id = $1 returning id", [id, position]);
  return rows.length === 1;
}
