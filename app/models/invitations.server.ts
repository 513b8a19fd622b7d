import type { Tx } from "~/platform/db.server";
import type { Role } from "~/domain/roles";
import type { InvitationState } from "~/domain/membership";

export type Invitation = {
  id: string;
  email: string;
  roles: Role[];
  organisationName: string | null;
  invitedByName: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  state: InvitationState;
};

/** What the invitation link's page may know: anyone holding the token may ask (app.invitation_preview). */
export type InvitationPreview = {
  strategyId: string;
  strategyTitle: string;
  email: string;
  roles: Role[];
  organisationName: string | null;
  state: InvitationState;
};

const stateOf = (alias: string) => `case
    when ${alias}.revoked_at is not null then 'revoked'
    when ${alias}.accepted_at is not null then 'accepted'
    when ${alias}.expires_at < now() then 'expired'
    else 'open'
  end`;

// Open: neither withdrawn nor used, and not yet expired (the 'open' of stateOf).
const isOpen = "revoked_at is null and accepted_at is null and expires_at >= now()";

/** A strategy's invitations, open ones first, then the most recent (RLS: facilitators only). */
export async function listInvitations(tx: Tx, strategyId: string, limit = 100): Promise<Invitation[]> {
  return tx.query<Invitation>(
    `select i.id, i.email, i.roles, coalesce(o.short_name, o.name) as "organisationName",
            coalesce(p.chosen_name, p.display_name) as "invitedByName",
            i.created_at as "createdAt", i.expires_at as "expiresAt",
            i.accepted_at as "acceptedAt", i.revoked_at as "revokedAt",
            ${stateOf("i")} as state
       from public.invitations i
       left join public.organisations o on o.id = i.organisation_id
       left join public.profiles p on p.id = i.invited_by
      where i.strategy_id = $1
      order by (${stateOf("i")} = 'open') desc, i.created_at desc
      limit $2`,
    [strategyId, limit],
  );
}

/** Stores an invitation; only the token's SHA-256 is kept. RLS: a facilitator, inviting as themselves. */
export async function insertInvitation(
  tx: Tx,
  row: { strategyId: string; email: string; roles: Role[]; organisationId: string | null; tokenHash: string; invitedBy: string },
): Promise<{ id: string; expiresAt: Date }> {
  const inserted = await tx.one<{ id: string; expiresAt: Date }>(
    `insert into public.invitations (strategy_id, email, roles, organisation_id, token_hash, invited_by)
     values ($1, $2, $3, $4, $5, $6)
     returning id, expires_at as "expiresAt"`,
    [row.strategyId, row.email, row.roles, row.organisationId, row.tokenHash, row.invitedBy],
  );
  return inserted!;
}

/** Withdraws one open invitation. False when it is not open (already used, withdrawn or expired). */
export async function revokeInvitation(tx: Tx, strategyId: string, invitationId: string): Promise<boolean> {
  const rows = await tx.query(
    `update public.invitations set revoked_at = now()
      where strategy_id = $1 and id = $2
        and ${isOpen}
      returning id`,
    [strategyId, invitationId],
  );
  return rows.length === 1;
}

/** Withdraws every open invitation to an email address; returns how many there were. */
export async function revokeOpenInvitationsTo(tx: Tx, strategyId: string, email: string): Promise<number> {
  const rows = await tx.query(
    `update public.invitations set revoked_at = now()
      where strategy_id = $1 and email = $2
        and ${isOpen}
      returning id`,
    [strategyId, email],
  );
  return rows.length;
}

/** Whether the email address already belongs to a member (asked of app.is_member_email; facilitators only). */
export async function isMemberEmail(tx: Tx, strategyId: string, email: string): Promise<boolean> {
  const row = await tx.one<{ answer: boolean | null }>("select app.is_member_email($1, $2) as answer", [strategyId, email]);
  return row?.answer === true;
}

/** The invitation a token opens, or undefined for a token that matches none. */
export async function previewInvitation(tx: Tx, token: string): Promise<InvitationPreview | undefined> {
  return tx.one<InvitationPreview>(
    `select strategy_id as "strategyId", strategy_title as "strategyTitle", email, roles,
            organisation_name as "organisationName", state
       from app.invitation_preview($1)`,
    [token],
  );
}

/** Accepts an invitation as the signed-in person (app.accept_invitation); returns the strategy's id. */
export async function acceptInvitation(tx: Tx, token: string): Promise<string> {
  const row = await tx.one<{ strategyId: string }>(`select app.accept_invitation($1) as "strategyId"`, [token]);
  return row!.strategyId;
}
