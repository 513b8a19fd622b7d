import type { Tx } from "~/platform/db.server";
import { UNSEEN_ACTOR_NAME } from "~/domain/audit";

/** Who last changed a statement's easy-read summary, and when. */
export type EasyReadEdit = { updatedAt: Date; updatedByName: string };

/** Who last changed the easy-read summary, or undefined when no one has. */
export async function getEasyReadEdit(tx: Tx, statementId: string): Promise<EasyReadEdit | undefined> {
  return tx.one<EasyReadEdit>(
    `select s.easy_read_updated_at as "updatedAt", coalesce(p.chosen_name, p.display_name, $1::text) as "updatedByName"
       from public.statements s left join public.profiles p on p.id = s.easy_read_updated_by
      where s.id = $2 and s.easy_read_updated_at is not null`,
    [UNSEEN_ACTOR_NAME, statementId],
  );
}

/**
 * Replaces the easy-read summary (RLS: co-writers). A trigger records who wrote it, when, and
 * for which text, so the summary is marked out of date once the statement changes.
 */
export async function updateEasyRead(tx: Tx, strategyId: string, statementId: string, easyRead: string): Promise<boolean> {
  const rows = await tx.query(
    "update public.statements set easy_read = $3 where strategy_id = $1 and id = $2 returning id",
    [strategyId, statementId, easyRead],
  );
  return rows.length === 1;
}
