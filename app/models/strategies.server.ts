import { randomUUID } from "node:crypto";
import type { Tx } from "~/platform/db.server";
import type { MemberRole, Role } from "~/domain/roles";
import type { StrategyScope, StrategyStatus, StrategyVisibility } from "~/domain/strategy";
import type { StrategyActor } from "~/policies/strategy";

export type StrategySummary = {
  id: string;
  title: string;
  summary: string;
  scope: StrategyScope;
  area: string | null;
  visibility: StrategyVisibility;
  status: StrategyStatus;
  priorityCount: number;
  commitmentCount: number;
  myRoles: Role[];
};

export type Strategy = Omit<StrategySummary, "myRoles" | "priorityCount" | "commitmentCount"> & {
  adoptsStrategyId: string | null;
  copiedFromId: string | null;
  /** "Nothing about us without us": agreement needs a person with lived experience. */
  requireLivedExperienceToAgree: boolean;
  createdAt: string;
  updatedAt: string;
};

/** Strategies the current person can see (RLS filters): theirs first, then public ones. */
export async function listVisibleStrategies(tx: Tx): Promise<StrategySummary[]> {
  return tx.query<StrategySummary>(
    `select s.id, s.title, s.summary, s.scope, s.area, s.visibility, s.status,
            (select count(*)::int from public.priorities p where p.strategy_id = s.id and p.archived_at is null) as "priorityCount",
            (select count(*)::int from public.commitments c where c.strategy_id = s.id and c.archived_at is null) as "commitmentCount",
            coalesce((select array_agg(distinct r.role order by r.role) from public.member_roles r
                       where r.strategy_id = s.id and r.user_id = auth.uid()), '{}') as "myRoles"
       from public.strategies s
      where s.status <> 'archived'
      order by (exists (select 1 from public.member_roles r where r.strategy_id = s.id and r.user_id = auth.uid())) desc,
               s.created_at`,
  );
}

/** One strategy, or undefined when it does not exist or the person may not read it. */
export async function getStrategy(tx: Tx, id: string): Promise<Strategy | undefined> {
  return tx.one<Strategy>(
    `select id, title, summary, scope, area, visibility, status,
            adopts_strategy_id as "adoptsStrategyId", copied_from_id as "copiedFromId",
            require_lived_experience_to_agree as "requireLivedExperienceToAgree",
            created_at as "createdAt", updated_at as "updatedAt"
       from public.strategies where id = $1`,
    [id],
  );
}

/** The current person's roles in a strategy, as a policy actor. */
export async function getActor(tx: Tx, strategyId: string, userId: string | null): Promise<StrategyActor> {
  if (!userId) return { userId: null, roles: [] };
  const roles = await tx.query<MemberRole>(
    `select role, organisation_id as "organisationId" from public.member_roles
      where strategy_id = $1 and user_id = $2 order by role`,
    [strategyId, userId],
  );
  return { userId, roles };
}

export type StrategyInput = {
  title: string;
  summary: string;
  scope: StrategyScope;
  area: string | null;
  adoptsStrategyId: string | null;
  visibility: StrategyVisibility;
};

/** Creates a strategy; its creator becomes its first facilitator (a database trigger does it). */
export async function insertStrategy(
  tx: Tx,
  userId: string,
  input: StrategyInput & { copiedFromId?: string | null },
): Promise<string> {
  // The id is made here rather than returned: RETURNING would need the row to be readable before
  // the trigger that makes its creator a member has run.
  const id = randomUUID();
  await tx.query(
    `insert into public.strategies (id, title, summary, scope, area, adopts_strategy_id, visibility, copied_from_id, created_by)
     values ($9, $1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      input.title,
      input.summary,
      input.scope,
      input.area,
      input.adoptsStrategyId,
      input.visibility,
      input.copiedFromId ?? null,
      userId,
      id,
    ],
  );
  return id;
}

/** Changes a strategy's details and settings (RLS: facilitators only). Returns false when nothing was changed. */
export async function updateStrategy(
  tx: Tx,
  id: string,
  input: StrategyInput & { status: StrategyStatus; requireLivedExperienceToAgree: boolean },
): Promise<boolean> {
  const rows = await tx.query(
    `update public.strategies
        set title = $2, summary = $3, scope = $4, area = $5, adopts_strategy_id = $6, visibility = $7, status = $8,
            require_lived_experience_to_agree = $9
      where id = $1 returning id`,
    [
      id,
      input.title,
      input.summary,
      input.scope,
      input.area,
      input.adoptsStrategyId,
      input.visibility,
      input.status,
      input.requireLivedExperienceToAgree,
    ],
  );
  return rows.length === 1;
}
