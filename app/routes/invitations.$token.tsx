import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { maskEmail, rolesInSentence, type InvitationState } from "~/domain/membership";
import { acceptInvitation, previewInvitation } from "~/models/invitations.server";
import { isCurrentUserMember } from "~/models/members.server";
import { TOKEN_PATTERN } from "~/services/invitations.server";
import { databaseHint } from "~/utils/db-errors.server";
import { notFound, requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

const titles: Record<InvitationState, string> = {
  open: "You have been invited",
  accepted: "This invitation has already been used",
  expired: "This invitation has expired",
  revoked: "This invitation has been withdrawn",
};

export const meta: MetaFunction<typeof loader> = ({ data, error }) =>
  pageTitle(
    error
      ? isRouteErrorResponse(error) && error.status === 404
        ? "This invitation link is not valid"
        : "Sorry, there is a problem with the service"
      : data
      ? titles[data.state]
      : "Invitation",
  );

/** The token from the address; one that could never have been made is a page that does not exist. */
function tokenFrom(params: LoaderFunctionArgs["params"]): string {
  const token = params.token ?? "";
  if (!TOKEN_PATTERN.test(token)) throw notFound("No such invitation");
  return token;
}

export async function loader({ context, params }: LoaderFunctionArgs) {
  const token = tokenFrom(params);
  return withDb(context, async (tx) => {
    const invitation = await previewInvitation(tx, token);
    if (!invitation) throw notFound("No such invitation");
    const user = context.user;
    const viewer = !user ? "visitor" : user.email.toLowerCase() === invitation.email ? "invitee" : "someone-else";
    return {
      path: `/invitations/${token}`,
      state: invitation.state,
      strategy: { id: invitation.strategyId, title: invitation.strategyTitle },
      roles: rolesInSentence(
        invitation.roles.map((role) => ({ role, organisationName: role === "signatory" ? invitation.organisationName : null })),
      ),
      // The invited address is shown only partly: the link may be opened by someone else.
      invitedEmail: maskEmail(invitation.email),
      viewer,
      signedInAs: user?.email ?? null,
      isMember: user ? await isCurrentUserMember(tx, invitation.strategyId) : false,
    };
  });
}

const refusals = new Set([
  "invitation_unknown",
  "invitation_revoked",
  "invitation_used",
  "invitation_expired",
  "invitation_email_mismatch",
]);

export async function action({ context, params, request }: ActionFunctionArgs) {
  const token = tokenFrom(params);
  const path = `/invitations/${token}`;
  const intent = (await request.formData()).get("intent");

  if (intent === "switch-account") {
    await context.platform.auth.signOut({ cookies: context.cookies, ip: context.ip, userAgent: context.userAgent });
    return redirect(`/sign-in?redirectTo=${encodeURIComponent(path)}`);
  }
  if (intent !== "accept") throw new Response("That request was not one this page understands.", { status: 400 });

  requireUser(context, request);
  try {
    const strategyId = await withDb(context, (tx) => acceptInvitation(tx, token));
    return redirect(`/strategies/${strategyId}?joined=1`);
  } catch (error) {
    const hint = databaseHint(error);
    if (hint === "invitation_unknown") throw notFound("No such invitation");
    // The invitation changed since the page was shown (withdrawn, used, expired): the page says how.
    if (hint && refusals.has(hint)) return redirect(path);
    throw error;
  }
}

export default function InvitationPage() {
  const invitation = useLoaderData<typeof loader>();
  const { strategy, state } = invitation;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {state === "open" ? (
          <OpenInvitation {...invitation} />
        ) : (
          <>
            <h1 className="govuk-heading-xl">{titles[state]}</h1>
            {state === "accepted" ? (
              invitation.isMember ? (
                <>
                  <p className="govuk-body">You are a member of {strategy.title}.</p>
                  <p className="govuk-body">
                    <Link className="govuk-link" to={`/strategies/${strategy.id}`}>
                      Go to {strategy.title}
                    </Link>
                  </p>
                </>
              ) : (
                <p className="govuk-body">
                  Each invitation link works once. If you accepted it with another account, sign in with that account. Otherwise,
                  ask the person who invited you to {strategy.title} to invite you again.
                </p>
              )
            ) : state === "expired" ? (
              <p className="govuk-body">
                Invitation links work for 14 days. Ask the person who invited you to {strategy.title} to invite you again.
              </p>
            ) : (
              <p className="govuk-body">
                A facilitator of {strategy.title} withdrew this invitation, so the link no longer works. If you still expect to
                join, ask the person who invited you.
              </p>
            )}
            <p className="govuk-body">
              <Link className="govuk-link" to="/">
                Go to the list of strategies
              </Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}

function OpenInvitation({
  path,
  strategy,
  roles,
  invitedEmail,
  viewer,
  signedInAs,
  isMember,
}: ReturnType<typeof useLoaderData<typeof loader>>) {
  const returnHere = `redirectTo=${encodeURIComponent(path)}`;
  return (
    <>
      <h1 className="govuk-heading-xl">{titles.open}</h1>
      <p className="govuk-body-l">
        You have been invited to join <strong>{strategy.title}</strong> as {roles}.
      </p>
      {viewer === "visitor" ? (
        <>
          <p className="govuk-body">
            This invitation was sent to <strong>{invitedEmail}</strong>. To accept it, sign in with that email address, or create
            an account with it if you do not have one yet. You will come back to this page afterwards.
          </p>
          <div className="govuk-button-group">
            <Link to={`/sign-in?${returnHere}`} className="govuk-button">
              Sign in
            </Link>
            <Link to={`/sign-up?${returnHere}`} className="govuk-button govuk-button--secondary">
              Create an account
            </Link>
          </div>
        </>
      ) : viewer === "someone-else" ? (
        <>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              This invitation was sent to {invitedEmail}, but you are signed in as {signedInAs}.
            </strong>
          </div>
          <p className="govuk-body">
            Only the person it was sent to can accept it. Sign out, then sign in or create an account with the address it was sent
            to.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="switch-account" />
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Sign out and switch account
            </button>
          </Form>
        </>
      ) : (
        <>
          <p className="govuk-body">You are signed in as {signedInAs}, the address this invitation was sent to.</p>
          {isMember ? (
            <p className="govuk-body">
              You are already a member of this strategy. Accepting adds these roles to the ones you hold.
            </p>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="accept" />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Accept invitation
            </button>
          </Form>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const unknownLink = isRouteErrorResponse(error) && error.status === 404;
  return (
    <ErrorPage title={unknownLink ? "This invitation link is not valid" : "Sorry, there is a problem with the service"}>
      <p className="govuk-body">
        {unknownLink
          ? "Check you copied the whole link from the invitation email or message. If it still does not work, ask the person who invited you to invite you again."
          : "Try again later. Nothing was half-saved."}
      </p>
    </ErrorPage>
  );
}
