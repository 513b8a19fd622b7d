import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { BackToMembers } from "~/components/back-to-members";
import { ErrorSummary } from "~/components/forms";
import { RoleFields } from "~/components/role-fields";
import { messages, roleChoiceSchema } from "~/domain/membership";
import { getMember } from "~/models/members.server";
import { listOrganisations, organisationChoices } from "~/models/organisations.server";
import { authorize } from "~/policies/strategy";
import { changeMemberRoles, removeMember } from "~/services/members.server";
import { formatDate } from "~/utils/dates";
import { databaseHint } from "~/utils/db-errors.server";
import { notFound, requireId, requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

const saveSchema = roleChoiceSchema.and(z.object({ intent: z.literal("save") }));
const removeSchema = z.object({ intent: z.literal("remove") });

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `${data.confirmRemove ? "Remove" : "Change roles for"} ${data.member.name}` : "Change roles");

/** The member (a facilitator's page only) and the organisations a signatory may sign for. */
async function loadMemberPage(context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const userId = requireId(params.userId);
  return withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "manage_members", strategy);
    const member = await getMember(tx, strategy.id, userId);
    if (!member) throw notFound("No such member");
    return { strategy: { id: strategy.id, title: strategy.title }, member, organisations: await listOrganisations(tx) };
  });
}

export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const { strategy, member, organisations } = await loadMemberPage(context, params);
  return {
    strategy,
    member: { userId: member.userId, name: member.name, joinedAt: member.joinedAt, isMe: member.userId === context.user?.id },
    current: {
      roles: member.roles.map((r) => r.role),
      organisationId: member.roles.find((r) => r.role === "signatory")?.organisationId ?? member.organisationId ?? "",
    },
    organisations: organisationChoices(organisations),
    confirmRemove: new URL(request.url).searchParams.get("confirm") === "remove",
  };
}

export async function action({ context, params, request }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { strategy, member, organisations } = await loadMemberPage(context, params);
  const formData = await request.formData();
  const membersPage = `/strategies/${strategy.id}/members`;

  if (formData.get("intent") === "remove") {
    const submission = parseWithZod(formData, { schema: removeSchema });
    if (submission.status !== "success") return data({ intent: "remove", result: submission.reply() }, { status: 400 });
    try {
      await withDb(context, (tx) => removeMember(tx, { strategyId: strategy.id, userId: member.userId }));
    } catch (error) {
      if (databaseHint(error) !== "last_facilitator") throw error;
      const message = `${
        member.userId === user.id ? "You are" : `${member.name} is`
      } the only facilitator, so cannot be removed. Make another member a facilitator first.`;
      return data({ intent: "remove", result: submission.reply({ formErrors: [message] }) }, { status: 400 });
    }
    return redirect(member.userId === user.id ? "/" : `${membersPage}?removed=1`);
  }

  const submission = parseWithZod(formData, {
    schema: saveSchema.refine((v) => !v.organisationId || organisations.some((o) => o.id === v.organisationId), {
      path: ["organisationId"],
      message: messages.unknownOrganisation,
    }),
  });
  if (submission.status !== "success") return data({ intent: "save", result: submission.reply() }, { status: 400 });
  const { roles, organisationId } = submission.value;
  try {
    await withDb(context, (tx) =>
      changeMemberRoles(tx, {
        strategyId: strategy.id,
        userId: member.userId,
        roles,
        organisationId: organisationId ?? null,
        changedBy: user.id,
      }),
    );
  } catch (error) {
    if (databaseHint(error) !== "last_facilitator") throw error;
    return data(
      { intent: "save", result: submission.reply({ fieldErrors: { roles: [messages.lastFacilitator] } }) },
      { status: 400 },
    );
  }
  return redirect(`${membersPage}?rolesSaved=1`);
}

export default function MemberRoles() {
  const { strategy, member, current, organisations, confirmRemove } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof saveSchema>>({
    id: "member-roles",
    lastResult: actionData?.intent === "save" ? actionData.result : undefined,
    shouldRevalidate: "onSubmit",
    defaultValue: current,
  });
  const [removeForm] = useForm({
    id: "remove-member",
    lastResult: actionData?.intent === "remove" ? actionData.result : undefined,
  });
  const memberPage = `/strategies/${strategy.id}/members/${member.userId}`;

  if (confirmRemove) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary form={removeForm} fields={{}} />
          <h1 className="govuk-heading-xl">Remove {member.isMe ? "yourself" : member.name} from this strategy?</h1>
          <p className="govuk-body">
            {member.isMe ? "You" : "They"} will lose every role in this strategy and will no longer see its members or anything
            only members can see. The history keeps a record of the roles {member.isMe ? "you" : "they"} held.
          </p>
          <div className="govuk-button-group">
            <Form method="post" {...getFormProps(removeForm)} className="app-inline-form">
              <input type="hidden" name="intent" value="remove" />
              <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                Yes, remove from strategy
              </button>
            </Form>
            <Link className="govuk-link" to={memberPage}>
              Cancel
            </Link>
          </div>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={fields} />
        <h1 className="govuk-heading-xl">Change roles for {member.isMe ? `${member.name} (you)` : member.name}</h1>
        <p className="govuk-body">Member since {formatDate(member.joinedAt)}.</p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <input type="hidden" name="intent" value="save" />
          <RoleFields rolesField={fields.roles} organisationField={fields.organisationId} organisations={organisations} />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Save roles
          </button>
        </Form>
        <h2 className="govuk-heading-m">Remove from this strategy</h2>
        <p className="govuk-body">
          Removing {member.isMe ? "yourself" : "them"} takes away every role {member.isMe ? "you hold" : "they hold"} in this
          strategy. {member.isMe ? "You" : "They"} can be invited again later.
        </p>
        <Form method="get" action={memberPage}>
          <button
            type="submit"
            name="confirm"
            value="remove"
            className="govuk-button govuk-button--warning"
            data-module="govuk-button"
          >
            Remove from strategy
          </button>
        </Form>
        <BackToMembers strategyId={strategy.id} />
      </div>
    </div>
  );
}
