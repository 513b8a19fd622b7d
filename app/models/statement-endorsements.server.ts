import type { Tx } from "~/platform/db.server";
import { UNSEEN_ACTOR_NAME } from "~/domain/audit";
import type { RoleGroup } from "~/domain/statements";

/** A person's most recent endorsement of a statement, and whether it is of the text as it is now. */
export type StatementEndorsement = {
  userId: string;
  name: string;
  roleGroup: RoleGroup;
  contentHash: string;
  /** The endorsement is of the statement's current text. */
  current: boolean;
  /** The newest saved version with the endorsed text, when there is one. */
  versionNumber: number | null;
  versionId: string | null;
  createdAt: Date;
};

/**
 * Who has endorsed a statement: each person's most recent endorsement, those of the current text
 * first. An endorsement of an earlier text stays listed, marked out of date.
 */
export async function listEndorsements(tx: Tx, statementId: string): Promise<StatementEndorsement[]> {
  return tx.query<StatementEndorsement>(
    `select e.user_id as "userId", coalesce(p.chosen_name, p.display_name, $1::text) as name,
            e.role_group as "roleGroup", e.content_hash as "contentHash",
            e.content_hash = s.content_hash as current,
            v.number as "versionNumber", v.id as "versionId", e.created_at as "createdAt"
       from (select distinct on (user_id) * from public.statement_endorsements
              where statement_id = $2 order by user_id, created_at desc) e
       join public.statements s on s.id = e.statement_id
       left join public.profiles p on p.id = e.user_id
       left join lateral (select id, number from public.statement_versions sv
                           where sv.statement_id = e.statement_id and sv.content_hash = e.content_hash
                           order by sv.number desc limit 1) v on true
      order by (e.content_hash = s.content_hash) desc, e.created_at desc`,
    [UNSEEN_ACTOR_NAME, statementId],
  );
}

/**
 * Endorses the text whose content hash the person read. The database refuses (SQLSTATE 40001)
 * when the statement's text has changed since, so no one endorses words they have not seen.
 */
export async function insertEndorsement(
  tx: Tx,
  row: { strategyId: string; statementId: string; userId: string; contentHash: string },
): Promise<void> {
  await tx.query(
    `insert into public.statement_endorsements (strategy_id, statement_id, user_id, content_hash, content_version)
     values ($1, $2, $3, $4, 0)
     on conflict (statement_id, user_id, content_hash) do nothing`,
    [row.strategyId, row.statementId, row.userId, row.contentHash],
  );
}

/** Withdraws every endorsement the current person made of a statement. Returns how many. */
export async function deleteMyEndorsements(tx: Tx, statementId: string): Promise<number> {
  const rows = await tx.query(
    "delete from public.statement_endorsements where statement_id = $1 and user_id = auth.uid() returning id",
    [statementId],
  );
  return rows.length;
}
