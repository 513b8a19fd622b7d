import type { Tx } from "~/platform/db.server";
import { UNSEEN_ACTOR_NAME } from "~/domain/audit";
import { ROLES, type Role } from "~/domain/roles";
import type { RoleGroup } from "~/domain/statements";

/** One comment: who wrote it (with their roles now, and the group it counted for then) and when. */
export type StatementComment = {
  id: string;
  authorId: string;
  authorName: string;
  /** The author's roles in the strategy now; empty when they are no longer a member. */
  authorRoles: Role[];
  authorRoleGroup: RoleGroup;
  body: string;
  createdAt: string;
};

/** A comment that starts a thread, its replies (oldest first) and whether it is resolved. */
export type StatementThread = StatementComment & {
  resolvedAt: string | null;
  resolvedByName: string | null;
  replies: StatementComment[];
};

// json_build_object gives the reply's time as text; the thread's own columns are cast to match.
const commentObject = (alias: string) => `json_build_object(
    'id', ${alias}.id,
    'authorId', ${alias}.author_id,
    'authorName', coalesce(${alias}p.chosen_name, ${alias}p.display_name, $1::text),
    'authorRoles', coalesce((select array_agg(r.role order by array_position($2::text[], r.role))
                               from public.member_roles r
                              where r.strategy_id = ${alias}.strategy_id and r.user_id = ${alias}.author_id), '{}'),
    'authorRoleGroup', ${alias}.author_role_group,
    'body', ${alias}.body,
    'createdAt', ${alias}.created_at)`;

/** A statement's discussion: its threads, newest first, each with its replies (RLS: members only). */
export async function listThreads(tx: Tx, statementId: string): Promise<StatementThread[]> {
  const rows = await tx.query<{ thread: StatementThread }>(
    `select (${commentObject("c")}::jsonb || jsonb_build_object(
              'resolvedAt', c.resolved_at,
              'resolvedByName', case when c.resolved_by is null then null
                                     else coalesce(rp.chosen_name, rp.display_name, $1::text) end,
              'replies', coalesce((
                select json_agg(${commentObject("reply")} order by reply.created_at, reply.id)
                  from public.statement_comments reply
                  left join public.profiles replyp on replyp.id = reply.author_id
                 where reply.parent_id = c.id), '[]'::json))) as thread
       from public.statement_comments c
       left join public.profiles cp on cp.id = c.author_id
       left join public.profiles rp on rp.id = c.resolved_by
      where c.statement_id = $3 and c.parent_id is null
      order by c.created_at desc, c.id`,
    [UNSEEN_ACTOR_NAME, ROLES, statementId],
  );
  return rows.map((r) => r.thread);
}

/** Adds a comment as the current person: a new thread, or a reply to a thread's first comment. */
export async function insertComment(
  tx: Tx,
  row: { strategyId: string; statementId: string; parentId: string | null; authorId: string; body: string },
): Promise<string> {
  const inserted = await tx.one<{ id: string }>(
    `insert into public.statement_comments (strategy_id, statement_id, parent_id, author_id, body)
     values ($1, $2, $3, $4, $5) returning id`,
    [row.strategyId, row.statementId, row.parentId, row.authorId, row.body],
  );
  return inserted!.id;
}

/**
 * Resolves or reopens a thread (only a thread's first comment carries the state). Returns false
 * when there is no such thread on this statement, or it is already in that state.
 */
export async function setThreadResolved(tx: Tx, statementId: string, threadId: string, resolved: boolean): Promise<boolean> {
  const rows = await tx.query(
    `update public.statement_comments
        set resolved_at = case when $3 then now() else null end
      where id = $1 and statement_id = $2 and parent_id is null and (resolved_at is null) = $3
      returning id`,
    [threadId, statementId, resolved],
  );
  return rows.length === 1;
}
