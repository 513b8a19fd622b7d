import type { Tx } from "~/platform/db.server";
import { ROLES, type Role } from "~/domain/roles";
import type { DescribedRole } from "~/domain/membership";

/** A role held in a strategy, with the organisation a signatory signs for. */
export type HeldRole = DescribedRole & { id: string; organisationId: string | null };

export type Member = {
  userId: string;
  name: string;
  joinedAt: Date;
  organisationId: string | null;
  organisationName: string | null;
  roles: HeldRole[];
};

// Organisations are shown by their short name where they have one ("ADASS"), as people say them.
const memberColumns = `
  m.user_id as "userId",
  coalesce(p.chosen_name, p.display_name, 'Former account') as name,
  m.joined_at as "joinedAt",
  m.organisation_id as "organisationId",
  coalesce(mo.short_name, mo.name) as "organisationName",
  coalesce((
    select json_agg(json_build_object(
             'id', r.id, 'role', r.role, 'organisationId', r.organisation_id,
             'organisationName', coalesce(ro.short_name, ro.name))
           order by array_position($2::text[], r.role), ro.name)
      from public.member_roles r
      left join public.organisations ro on ro.id = r.organisation_id
     where r.strategy_id = m.strategy_id and r.user_id = m.user_id
  ), '[]'::json) as roles`;

const memberJoins = `
  from public.strategy_members m
  left join public.profiles p on p.id = m.user_id
  left join public.organisations mo on mo.id = m.organisation_id`;

/** The members of a strategy with their roles, by name (RLS: members only). */
export async function listMembers(tx: Tx, strategyId: string): Promise<Member[]> {
  return tx.query<Member>(
    `select ${memberColumns} ${memberJoins}
      where m.strategy_id = $1
      order by lower(coalesce(p.chosen_name, p.display_name)), m.joined_at`,
    [strategyId, ROLES],
  );
}

/** One member of a strategy, or undefined when the person is not (or may not be seen as) a member. */
export async function getMember(tx: Tx, strategyId: string, userId: string): Promise<Member | undefined> {
  return tx.one<Member>(`select ${memberColumns} ${memberJoins} where m.strategy_id = $1 and m.user_id = $3`, [
    strategyId,
    ROLES,
    userId,
  ]);
}

/** The current person's own roles in a strategy, with organisation names. */
export async function listMyRoles(tx: Tx, strategyId: string): Promise<DescribedRole[]> {
  return tx.query<DescribedRole>(
    `select r.role, coalesce(o.short_name, o.name) as "organisationName"
       from public.member_roles r
       left join public.organisations o on o.id = r.organisation_id
      where r.strategy_id = $1 and r.user_id = auth.uid()
      order by array_position($2::text[], r.role), o.name`,
    [strategyId, ROLES],
  );
}

/** Grants one role (RLS: facilitators only). */
export async function insertMemberRole(
  tx: Tx,
  row: { strategyId: string; userId: string; role: Role; organisationId: string | null; grantedBy: string },
): Promise<void> {
  await tx.query(
    `insert into public.member_roles (strategy_id, user_id, role, organisation_id, granted_by)
     values ($1, $2, $3, $4, $5)`,
    [row.strategyId, row.userId, row.role, row.organisationId, row.grantedBy],
  );
}

/**
 * Takes roles away by id. The database refuses to take away a strategy's last facilitator
 * (hint 'last_facilitator').
 */
export async function deleteMemberRoles(tx: Tx, strategyId: string, roleIds: string[]): Promise<void> {
  if (!roleIds.length) return;
  await tx.query("delete from public.member_roles where strategy_id = $1 and id = any ($2::uuid[])", [strategyId, roleIds]);
}

/** Records the organisation a member belongs to (for a sector partner, say); unchanged rows are left alone. */
export async function setMemberOrganisation(
  tx: Tx,
  strategyId: string,
  userId: string,
  organisationId: string | null,
): Promise<void> {
  await tx.query(
    `update public.strategy_members set organisation_id = $3
      where strategy_id = $1 and user_id = $2 and organisation_id is distinct from $3`,
    [strategyId, userId, organisationId],
  );
}

/**
 * Removes a person from a strategy: their roles first (so the last-facilitator rule is checked
 * and each role's removal is on the record), then the membership. False when they were not a member.
 */
export async function deleteMember(tx: Tx, strategyId: string, userId: string): Promise<boolean> {
  await tx.query("delete from public.member_roles where strategy_id = $1 and user_id = $2", [strategyId, userId]);
  const rows = await tx.query("delete from public.strategy_members where strategy_id = $1 and user_id = $2 returning user_id", [
    strategyId,
    userId,
  ]);
  return rows.length === 1;
}

/** Whether the current person is a member of the strategy (they may not be able to read it otherwise). */
export async function isCurrentUserMember(tx: Tx, strategyId: string): Promise<boolean> {
  const row = await tx.one<{ answer: boolean }>("select app.is_member($1) as answer", [strategyId]);
  return row?.answer === true;
}
