import type { Tx } from "~/platform/db.server";
import { insertStrategy, type StrategyInput } from "~/models/strategies.server";

/**
 * Starts a strategy as `userId` (who becomes its facilitator). With a template, copies the
 * template's current priorities, context figures and commitments; copied commitments start
 * again as drafts, since the new strategy's partners have not agreed them. Runs inside the
 * caller's transaction, so a failure leaves nothing half-copied; the audit log records each row.
 */
export async function startStrategy(
  tx: Tx,
  userId: string,
  input: StrategyInput,
  templateId: string | null,
): Promise<string> {
  const strategyId = await insertStrategy(tx, userId, { ...input, copiedFromId: templateId });
  if (!templateId) return strategyId;

  await tx.query(
    `insert into public.priorities (strategy_id, position, title, summary, context, created_by)
     select $2, row_number() over (order by position), title, summary, context, $3
       from public.priorities where strategy_id = $1 and archived_at is null`,
    [templateId, strategyId, userId],
  );
  // Map each template priority to its copy by position, then copy figures and commitments.
  await tx.query(
    `insert into public.context_figures (strategy_id, priority_id, position, figure, description, source, source_url)
     select $2, np.id, f.position, f.figure, f.description, f.source, f.source_url
       from public.context_figures f
       left join (select id, row_number() over (order by position) as rank from public.priorities
                   where strategy_id = $1 and archived_at is null) op on op.id = f.priority_id
       left join public.priorities np on np.strategy_id = $2 and np.position = op.rank
      where f.strategy_id = $1 and (f.priority_id is null or np.id is not null)`,
    [templateId, strategyId],
  );
  await tx.query(
    `insert into public.commitments
       (strategy_id, priority_id, position, text, responsible_parties, lead_organisation_id, due_date, status, created_by)
     select $2, np.id, row_number() over (partition by np.id order by c.position), c.text, c.responsible_parties,
            c.lead_organisation_id, c.due_date, 'draft', $3
       from public.commitments c
       join (select id, row_number() over (order by position) as rank from public.priorities
              where strategy_id = $1 and archived_at is null) op on op.id = c.priority_id
       join public.priorities np on np.strategy_id = $2 and np.position = op.rank
      where c.strategy_id = $1 and c.archived_at is null`,
    [templateId, strategyId, userId],
  );
  return strategyId;
}
