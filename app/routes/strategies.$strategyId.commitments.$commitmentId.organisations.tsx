import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CommitmentBreadcrumbs } from "~/components/commitment";
import { ChoiceField, ErrorSummary, FormActions, TextareaField } from "~/components/forms";
import { listOrganisations, organisationLabel } from "~/models/organisations.server";
import { listOrganisationIdsWithSignatory, listRequiredOrganisationIds } from "~/models/sign-off.server";
import type { Tx } from "~/platform/db.server";
import { authorize } from "~/policies/strategy";
import { chooseOrganisations, notifySignOffRequests, requestSignOff, signOffNotifier } from "~/services/sign-off.server";
import { requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadCommitmentFor, priorityHeadingFor } from "~/utils/commitment-route.server";

export const meta: MetaFunction = () => pageTitle("Choose who signs off this commitment");

const ASK_NOW = "yes";

/** The organisations chosen (from the directory), whether to ask them now, and a message for their signatories. */
function organisationsSchema(organisationIds: string[]) {
  return z.object({
    organisationIds: z
      .array(z.string())
      .optional()
      .transform((ids) => ids ?? [])
      .refine((ids) => ids.every((id) => organisationIds.includes(id)), "Select organisations from the list"),
    askNow: z.string().optional(),
    message: z.string().trim().max(2000, "The message must be 2,000 characters or fewer").optional(),
  });
}

type OrganisationsForm = z.input<ReturnType<typeof organisationsSchema>>;

/** The commitment, once the person is known to be a facilitator; an archived commitment is not signed off. */
async function loadForm(tx: Tx, context: AppLoadContext, params: LoaderFunctionArgs["params"]) {
  const { strategy, actor, commitment } = await loadCommitmentFor(tx, context, params);
  authorize(actor, "manage_sign_off", strategy);
  if (commitment.archivedAt) throw new Response("This commitment is archived, so it is not signed off. Restore it first.", { status: 409 });
  const organisations = await listOrganisations(tx);
  return { strategy, commitment, organisations };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return withDb(context, async (tx) => {
    const { strategy, commitment, organisations } = await loadForm(tx, context, params);
    const withSignatory = await listOrganisationIdsWithSignatory(tx, strategy.id);
    return {
      strategyId: strategy.id,
      commitment: {
        id: commitment.id,
        text: commitment.text,
        priorityId: commitment.priorityId,
      },
      priorityHeading: await priorityHeadingFor(tx, commitment),
      organisations: organisations.map((o) => ({ id: o.id, label: organisationLabel(o), hasSignatory: withSignatory.includes(o.id) })),
      required: await listRequiredOrganisationIds(tx, commitment.id),
    };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const outcome = await withDb(context, async (tx) => {
    const { strategy, commitment, organisations } = await loadForm(tx, context, params);
    const submission = parseWithZod(formData, { schema: organisationsSchema(organisations.map((o) => o.id)) });
    if (submission.status !== "success") return { invalid: submission.reply() };
    const { organisationIds, askNow, message } = submission.value;
    const ids = { strategyId: strategy.id, commitmentId: commitment.id };
    await chooseOrganisations(tx, { ...ids, organisationIds });
    const asked = askNow === ASK_NOW ? await requestSignOff(tx, { ...ids, message }) : null;
    return { ...ids, asked };
  });
  if ("invalid" in outcome) return data({ result: outcome.invalid }, { status: 400 });
  const path = `/strategies/${outcome.strategyId}/commitments/${outcome.commitmentId}`;
  const { asked } = outcome;
  if (!asked) return redirect(`${path}?done=organisations#sign-off`);
  if (asked.revision === null || !asked.organisationIds.length) return redirect(`${path}?done=nothing-to-ask#sign-off`);
  await notifySignOffRequests(signOffNotifier(context.platform), {
    strategyId: outcome.strategyId,
    commitmentId: outcome.commitmentId,
    revision: asked.revision,
    organisationIds: asked.organisationIds,
  });
  return redirect(`${path}?done=asked&count=${asked.organisationIds.length}#sign-off`);
}

export default function ChooseOrganisations() {
  const { strategyId, commitment, priorityHeading, organisations, required } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<OrganisationsForm>({
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
    defaultValue: { organisationIds: required },
  });
  const strategyPath = `/strategies/${strategyId}`;
  const commitmentPath = `${strategyPath}/commitments/${commitment.id}`;
  const withoutSignatory = organisations.filter((o) => !o.hasSignatory).length;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <CommitmentBreadcrumbs strategyId={strategyId} commitment={commitment} priorityHeading={priorityHeading} />
        <ErrorSummary form={form} fields={fields} />
        <span className="govuk-caption-l">Sign-off</span>
        <h1 className="govuk-heading-l">Choose who signs off this commitment</h1>
        <p className="govuk-inset-text app-break-anywhere">{commitment.text}</p>
        <p className="govuk-body">
          The commitment is agreed when every organisation chosen here has endorsed its current wording. An organisation decides through
          its designated signatories.
          {withoutSignatory ? (
            <>
              {" "}
              Organisations marked “No signatory yet” have nobody to sign for them in this strategy: invite someone as their signatory
              from the <Link className="govuk-link" to={`${strategyPath}/members`}>Members</Link> page.
            </>
          ) : null}
        </p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <ChoiceField
            field={fields.organisationIds}
            type="checkbox"
            small
            legend="Organisations that must sign off"
            hint="Select all that apply. An organisation left out is no longer asked; any decision it made stays on the record."
            options={organisations.map((o) => ({
              value: o.id,
              label: o.label,
              hint: o.hasSignatory ? undefined : "No signatory yet — invite one from Members",
            }))}
          />
          <ChoiceField
            field={fields.askNow}
            type="checkbox"
            legend="Ask for sign-off"
            hint="Each organisation not yet asked about the current revision is asked, and its signatories are sent an email."
            options={[{ value: ASK_NOW, label: "Ask them to sign off now" }]}
          />
          <TextareaField
            field={fields.message}
            label="Message to the signatories (optional)"
            hint="Sent with the request when you ask now, for example by when you need their decision."
            rows={3}
          />
          <FormActions submitLabel="Save organisations" cancelTo={commitmentPath} />
        </Form>
      </div>
    </div>
  );
}
