import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "~/platform/db.server";
import type { Mail } from "~/platform/mailer.server";
import type { Role } from "~/domain/roles";
import { rolesInSentence } from "~/domain/membership";
import { formatDate } from "~/utils/dates";
import { insertInvitation, isMemberEmail, revokeOpenInvitationsTo } from "~/models/invitations.server";

export type InvitationInput = {
  strategyId: string;
  email: string;
  roles: Role[];
  organisationId: string | null;
  invitedBy: string;
};

export type CreatedInvitation = {
  ok: true;
  invitationId: string;
  /** The only copy of the link: the token in it is not stored anywhere. */
  link: string;
  expiresAt: Date;
  /** Whether an earlier open invitation to the same address was withdrawn in favour of this one. */
  replacedEarlier: boolean;
};

export type RefusedInvitation = { ok: false; field: "email"; message: string };

/** The SHA-256 (hex) of a token: what the database stores and looks tokens up by. */
export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/**
 * Invites an email address to a strategy with roles, inside the caller's transaction. Refuses an
 * address that already belongs to a member. An open invitation to the same address is withdrawn
 * and replaced: the earlier link cannot be shown again (its token was never stored), so replacing
 * it is how a facilitator gets a working link, or corrects the roles, without a second step.
 * RLS allows this to facilitators only; the audit log records the invitation and any withdrawal.
 */
export async function createInvitation(
  tx: Tx,
  input: InvitationInput,
  { appOrigin }: { appOrigin: string },
): Promise<CreatedInvitation | RefusedInvitation> {
  if (await isMemberEmail(tx, input.strategyId, input.email)) {
    return {
      ok: false,
      field: "email",
      message: "This person is already a member of this strategy. Change their roles on the Members page instead.",
    };
  }
  const replaced = await revokeOpenInvitationsTo(tx, input.strategyId, input.email);
  const token = randomBytes(32).toString("base64url");
  const { id, expiresAt } = await insertInvitation(tx, {
    strategyId: input.strategyId,
    email: input.email,
    roles: input.roles,
    organisationId: input.organisationId,
    tokenHash: hashToken(token),
    invitedBy: input.invitedBy,
  });
  return { ok: true, invitationId: id, link: `${appOrigin}/invitations/${token}`, expiresAt, replacedEarlier: replaced > 0 };
}

/** The email that carries an invitation link. */
export function invitationMail({
  to,
  link,
  strategyTitle,
  inviterName,
  roles,
  organisationName,
  expiresAt,
}: {
  to: string;
  link: string;
  strategyTitle: string;
  inviterName: string;
  roles: Role[];
  organisationName: string | null;
  expiresAt: Date;
}): Mail {
  const as = rolesInSentence(roles.map((role) => ({ role, organisationName: role === "signatory" ? organisationName : null })));
  return {
    to,
    subject: `You are invited to join “${strategyTitle}” on Assurance Hub`,
    text: [
      `${inviterName} has invited you to join “${strategyTitle}” on Assurance Hub as ${as}.`,
      "",
      "To accept, open this link and sign in, or create an account with this email address:",
      link,
      "",
      `The link works once and expires on ${formatDate(expiresAt)}.`,
      "If you were not expecting this invitation, you can ignore this email.",
    ].join("\n"),
  };
}

/** A pattern the tokens this service makes always match; anything else cannot be an invitation. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
