import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { BackToMembers } from "~/components/back-to-members";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { RoleFields } from "~/components/role-fields";
import { inviteSchema, messages } from "~/domain/membership";
import { listOrganisations, organisationChoices } from "~/models/organisations.server";
import { authorize } from "~/policies/strategy";
import { createInvitation, invitationMail } from "~/services/invitations.server";
import { formatDate } from "~/utils/dates";
import { requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Invite someone – ${data.strategy.title}` : "Invite someone");

/** The strategy (a facilitator's only) and the organisations a signatory may sign for. */
async function loadInviteForm(context: LoaderFunctionArgs["context"], strategyIdParam: string | undefined) {
  return withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, strategyIdParam);
    authorize(actor, "manage_invitations", strategy);
    return { strategy: { id: strategy.id, title: strategy.title }, organisations: await listOrganisations(tx) };
  });
}

export async function loader({ context, params }: LoaderFunctionArgs) {
  const { strategy, organisations } = await loadInviteForm(context, params.strategyId);
  return { strategy, organisations: organisationChoices(organisations) };
}

export type Delivery = "email" | "console" | "failed";

export async function action({ context, params, request }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { strategy, organisations } = await loadInviteForm(context, params.strategyId);
  const submission = parseWithZod(await request.formData(), {
    schema: inviteSchema.refine((v) => !v.organisationId || organisations.some((o) => o.id === v.organisationId), {
      path: ["organisationId"],
      message: messages.unknownOrganisation,
    }),
  });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), created: null }, { status: 400 });
  }
  const { email, roles, organisationId } = submission.value;
  const outcome = await withDb(context, (tx) =>
    createInvitation(
      tx,
      { strategyId: strategy.id, email, roles, organisationId: organisationId ?? null, invitedBy: user.id },
      { appOrigin: context.platform.config.appOrigin },
    ),
  );
  if (!outcome.ok) {
    return data(
      { result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }), created: null },
      { status: 400 },
    );
  }

  // Sent only once the invitation is committed: a link in an email must always work.
  const { mailer } = context.platform;
  let delivery: Delivery = mailer.kind === "console" ? "console" : "email";
  try {
    await mailer.send(
      invitationMail({
        to: email,
        link: outcome.link,
        strategyTitle: strategy.title,
        inviterName: user.name,
        roles,
        organisationName: organisations.find((o) => o.id === organisationId)?.name ?? null,
        expiresAt: outcome.expiresAt,
      }),
    );
  } catch (error) {
    console.error("[mail] The invitation email could not be sent:", error instanceof Error ? error.message : error);
    delivery = "failed";
  }
  return {
    result: submission.reply({ resetForm: true }),
    created: { email, link: outcome.link, expiresAt: outcome.expiresAt, replacedEarlier: outcome.replacedEarlier, delivery },
  };
}

export default function Invite() {
  const { strategy, organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof inviteSchema>>({
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
  });
  if (actionData?.created) return <InvitationCreated {...actionData.created} strategyId={strategy.id} />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={fields} />
        <h1 className="govuk-heading-xl">Invite someone</h1>
        <p className="govuk-body">
          You will get a link to send them. It works once, and only for someone who signs in, or creates an account, with the
          email address you give here. It expires after 14 days.
        </p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <TextField
            field={fields.email}
            label="Email address"
            hint="The address they will sign in with."
            type="email"
            autoComplete="off"
            spellCheck={false}
          />
          <RoleFields rolesField={fields.roles} organisationField={fields.organisationId} organisations={organisations} />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Send invitation
          </button>
        </Form>
        <BackToMembers strategyId={strategy.id} />
      </div>
    </div>
  );
}

function InvitationCreated({
  strategyId,
  email,
  link,
  expiresAt,
  replacedEarlier,
  delivery,
}: {
  strategyId: string;
  email: string;
  link: string;
  expiresAt: Date;
  replacedEarlier: boolean;
  delivery: Delivery;
}) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Invitation created</h1>
        </div>
        {delivery === "email" ? (
          <p className="govuk-body">
            We have emailed this invitation link to <strong className="app-break-anywhere">{email}</strong>:
          </p>
        ) : delivery === "console" ? (
          <p className="govuk-body">
            No mail server is set up, so the invitation email was written to the server console instead of being sent. Send this
            link to <strong className="app-break-anywhere">{email}</strong> yourself:
          </p>
        ) : (
          <p className="govuk-body">
            The invitation email could not be sent. Send this link to <strong className="app-break-anywhere">{email}</strong>{" "}
            yourself:
          </p>
        )}
        <p className="app-copy-box" id="invitation-link">
          {link}
        </p>
        <p className="govuk-body">
          The link works once, only for that email address, and expires on {formatDate(expiresAt)}. This is the only time it is
          shown: if it is lost, invite them again to get a new link.
        </p>
        {replacedEarlier ? (
          <div className="govuk-inset-text">
            This replaces the open invitation {email} already had. The earlier link no longer works.
          </div>
        ) : null}
        <BackToMembers strategyId={strategyId} />
        <p className="govuk-body">
          <Link className="govuk-link" to={`/strategies/${strategyId}/members/invite`}>
            Invite someone else
          </Link>
        </p>
      </div>
    </div>
  );
}
