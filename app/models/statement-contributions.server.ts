import type { Tx } from "~/platform/db.server";
import { ROLE_GROUPS, type RoleGroup } from "~/domain/statements";

/**
 * Who shaped the text, per role group: characters written (measured by the collaboration server
 * from the Yjs updates each person's connection really sent), edits, comments and endorsements of
 * the current text. `textShare` is the group's percentage of all characters written (0 to 100).
 */
export type BalanceRow = {
  roleGroup: RoleGroup;
  charsAdded: number;
  textShare: number;
  edits: number;
  comments: number;
  endorsements: number;
};

// Every group gets a row, with zeros where it has done nothing, in the order of ROLE_GROUPS.
// Each measure is aggregated in its own subquery so that joining them cannot multiply counts.
const balanceQuery = (statementFilter: string) => `
  with chosen as (
    select s.id, s.content_hash from public.statements s where ${statementFilter}
  ),
  written as (
    select c.role_group, sum(c.chars_added)::bigint as chars_added, sum(c.edits)::bigint as edits
      from public.statement_contributions c join chosen on chosen.id = c.statement_id
     group by c.role_group
  ),
  commented as (
    select c.author_role_group as role_group, count(*)::bigint as comments
      from public.statement_comments c join chosen on chosen.id = c.statement_id
     group by c.author_role_group
  ),
  endorsed as (
    select e.role_group, count(*)::bigint as endorsements
      from public.statement_endorsements e join chosen on chosen.id = e.statement_id and e.content_hash = chosen.content_hash
     group by e.role_group
  )
  select g.role_group as "roleGroup",
         coalesce(w.chars_added, 0)::int as "charsAdded",
         coalesce(round(100.0 * w.chars_added / nullif(sum(w.chars_added) over (), 0), 1), 0)::float8 as "textShare",
         coalesce(w.edits, 0)::int as edits,
         coalesce(c.comments, 0)::int as comments,
         coalesce(e.endorsements, 0)::int as endorsements
    from unnest($1::text[]) with ordinality as g(role_group, position)
    left join written w on w.role_group = g.role_group
    left join commented c on c.role_group = g.role_group
    left join endorsed e on e.role_group = g.role_group
   order by g.position`;

/** The co-production balance of one statement (RLS: members only see contributions and comments). */
export async function statementBalance(tx: Tx, statementId: string): Promise<BalanceRow[]> {
  return tx.query<BalanceRow>(balanceQuery("s.id = $2"), [ROLE_GROUPS, statementId]);
}

/** The co-production balance across a strategy's statements that are not archived. */
export async function strategyBalance(tx: Tx, strategyId: string): Promise<BalanceRow[]> {
  return tx.query<BalanceRow>(balanceQuery("s.strategy_id = $2 and s.archived_at is null"), [ROLE_GROUPS, strategyId]);
}
