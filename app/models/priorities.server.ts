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
