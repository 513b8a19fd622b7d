import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { SuccessBanner } from "~/components/banner";
import { ColumnHeadings } from "~/components/column-headings";
import { invitationStateLabels, roleLabel, type InvitationState } from "~/domain/membership";
import { listInvitations, revokeInvitation, type Invitation } from "~/models/invitations.server";
import { listMembers } from "~/models/members.server";
import { authorize } from "~/policies/strategy";
import { formatDate } from "~/utils/dates";
import { requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `Members – ${data.strategy.title}` : "Members");

export async function loader({ context, params }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { strategy, actor, can } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "read_members", strategy);
    const members = await listMembers(tx, strategy.id);
    const invitations: Invitation[] = can.canInvite ? await listInvitations(tx, strategy.id) : [];
    return { strategy: { id: strategy.id, title: strategy.title }, can, members, invitations, me: context.user?.id ?? null };
  });
}

const withdrawSchema = z.object({ intent: z.literal("withdraw"), invitationId: z.uuid() });

export async function action({ context, params, request }: ActionFunctionArgs) {
  requireUser(context, request);
  const parsed = withdrawSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("That request was not one this page understands.", { status: 400 });
  const { strategyId, withdrawn } = await withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "manage_invitations", strategy);
    return { strategyId: strategy.id, withdrawn: await revokeInvitation(tx, strategy.id, parsed.data.invitationId) };
  });
  if (!withdrawn) {
    throw new Response(
      "That invitation is no longer open (it has been used, withdrawn or has expired), so there is nothing to withdraw.",
      {
        status: 400,
      },
    );
  }
  return redirect(`/strategies/${strategyId}/members?withdrawn=1`);
}

// The organisation is shown beside the roles it matters to: whom a signatory signs for, whom a partner represents.
const rolesWithOrganisation: string[] = ["signatory", "partner"];

const banners: Record<string, string> = {
  withdrawn: "Invitation withdrawn. Its link no longer works.",
  rolesSaved: "Roles saved.",
  removed: "Member removed from the strategy.",
};

function invitationStatus(invitation: Invitation): string {
  const label = invitationStateLabels[invitation.state as InvitationState];
  switch (invitation.state) {
    case "open":
      return `${label} until ${formatDate(invitation.expiresAt)}`;
    case "expired":
      return `${label} on ${formatDate(invitation.expiresAt)}`;
    case "accepted":
      return `${label} on ${formatDate(invitation.acceptedAt!)}`;
    case "revoked":
      return `${label} on ${formatDate(invitation.revokedAt!)}`;
  }
}

export default function Members() {
  const { can, members, invitations, me } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const banner = Object.keys(banners).find((flag) => params.get(flag));
  return (
    <>
      {banner ? <SuccessBanner>{banners[banner]}</SuccessBanner> : null}
      <h1 className="govuk-heading-xl">Members</h1>
      <p className="govuk-body">
        Everyone who is a member of this strategy and the roles they hold. Only members can see this page.
      </p>
      {can.canInvite ? (
        <Link to="invite" className="govuk-button">
          Invite someone
        </Link>
      ) : null}
      <div className="app-table-scroll" role="region" aria-label="Members" tabIndex={0}>
        <table className="govuk-table govuk-table--small-text-until-tablet">
          <caption className="govuk-table__caption govuk-table__caption--m">
            {members.length} {members.length === 1 ? "member" : "members"}
          </caption>
          <ColumnHeadings labels={["Name", "Roles", "Joined"]} actions={can.canManageMembers} />
          <tbody className="govuk-table__body">
            {members.map((member) => (
              <tr className="govuk-table__row" key={member.userId}>
                <th scope="row" className="govuk-table__header">
                  {member.name}
                  {member.userId === me ? " (you)" : null}
                </th>
                <td className="govuk-table__cell">
                  <ul className="govuk-list govuk-!-margin-bottom-0">
                    {member.roles.map((role) => (
                      <li key={role.id}>
                        {roleLabel({
                          role: role.role,
                          organisationName: role.role === "partner" ? member.organisationName : role.organisationName,
                        })}
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="govuk-table__cell">{formatDate(member.joinedAt)}</td>
                {can.canManageMembers ? (
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={member.userId}>
                      Change roles<span className="govuk-visually-hidden"> for {member.name}</span>
                    </Link>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {can.canInvite ? <Invitations invitations={invitations} /> : null}
    </>
  );
}

/** An email address that may wrap after its "@", rather than anywhere, in a narrow column. */
function EmailAddress({ email }: { email: string }) {
  const at = email.lastIndexOf("@");
  if (at < 0) return <>{email}</>;
  return (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  );
}

function Invitations({ invitations }: { invitations: Invitation[] }) {
  return (
    <>
      <h2 className="govuk-heading-l">Invitations</h2>
      {invitations.length ? (
        <>
          <p className="govuk-body">
            An invitation link works once, for the email address it was sent to. Withdraw an open invitation to stop its link
            working.
          </p>
          <div className="app-table-scroll" role="region" aria-label="Invitations" tabIndex={0}>
            <table className="govuk-table govuk-table--small-text-until-tablet">
              <caption className="govuk-visually-hidden">Invitations, open ones first</caption>
              <ColumnHeadings labels={["Email address", "Roles", "Invited by", "Status"]} actions />
              <tbody className="govuk-table__body">
                {invitations.map((invitation) => (
                  <tr className="govuk-table__row" key={invitation.id}>
                    <td className="govuk-table__cell">
                      <EmailAddress email={invitation.email} />
                    </td>
                    <td className="govuk-table__cell">
                      <ul className="govuk-list govuk-!-margin-bottom-0">
                        {invitation.roles.map((role) => (
                          <li key={role}>
                            {roleLabel({
                              role,
                              organisationName: rolesWithOrganisation.includes(role) ? invitation.organisationName : null,
                            })}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className="govuk-table__cell">{invitation.invitedByName ?? "A former member"}</td>
                    <td className="govuk-table__cell">{invitationStatus(invitation)}</td>
                    <td className="govuk-table__cell">
                      {invitation.state === "open" ? (
                        <Form method="post" className="app-inline-form">
                          <input type="hidden" name="intent" value="withdraw" />
                          <input type="hidden" name="invitationId" value={invitation.id} />
                          <button
                            type="submit"
                            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                            data-module="govuk-button"
                          >
                            Withdraw<span className="govuk-visually-hidden"> the invitation to {invitation.email}</span>
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="govuk-body">No one has been invited yet.</p>
      )}
    </>
  );
}
