import type { Tx } from "~/platform/db.server";
import type { Role } from "~/domain/roles";
import { deleteMember, deleteMemberRoles, getMember, insertMemberRole, setMemberOrganisation } from "~/models/members.server";

/**
 * Gives a member exactly these roles, inside the caller's transaction: roles they keep are left
 * untouched, so the audit log records only what changed. A signatory signs for `organisationId`,
 * which is also recorded as the member's organisation. Returns false when the person is not a
 * member. The database refuses to take away the last facilitator (hint 'last_facilitator').
 */
export async function changeMemberRoles(
  tx: Tx,
  input: { strategyId: string; userId: string; roles: Role[]; organisationId: string | null; changedBy: string },
): Promise<boolean> {
  const member = await getMember(tx, input.strategyId, input.userId);
  if (!member) return false;
  const wanted = input.roles.map((role) => ({ role, organisationId: role === "signatory" ? input.organisationId : null }));
  const same = (a: { role: Role; organisationId: string | null }, b: { role: Role; organisationId: string | null }) =>
    a.role === b.role && a.organisationId === b.organisationId;

  for (const role of wanted.filter((w) => !member.roles.some((held) => same(held, w)))) {
    await insertMemberRole(tx, { strategyId: input.strategyId, userId: input.userId, ...role, grantedBy: input.changedBy });
  }
  await deleteMemberRoles(
    tx,
    input.strategyId,
    member.roles.filter((held) => !wanted.some((w) => same(held, w))).map((held) => held.id),
  );
  await setMemberOrganisation(tx, input.strategyId, input.userId, input.organisationId);
  return true;
}

/** Removes a person and all their roles from a strategy. False when they were not a member. */
export async function removeMember(tx: Tx, input: { strategyId: string; userId: string }): Promise<boolean> {
  return deleteMember(tx, input.strategyId, input.userId);
}
