import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { AppLoadContext } from "@remix-run/node";
import { CommitmentFields } from "~/components/commitment-fields";
import { ErrorSummary, FormActions } from "~/components/forms";
import { commitmentDetails, commitmentSchema, dateParts, type CommitmentForm } from "~/domain/commitment-form";
import { getCommitment } from "~/models/commitments.server";
import { listOrganisations, organisationChoices } from "~/models/organisations.server";
import { listPriorities } from "~/models/priorities.server";
import { getSignOffStanding } from "~/models/sign-off.server";
import type { Tx } from "~/platform/db.server";
import { authorize } from "~/policies/strategy";
import { notifySignOffRequests, signOffNotifier } from "~/services/sign-off.server";
import { updateCommitment } from "~/services/structure.server";
import { notFound, requireId, requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction = () => pageTitle("Edit commitment");

/**
 * The commitment and the choices the form offers. It can move to any current priority, or stay
 * where it is even when its priority is archived.
 */
async function loadForm(tx: Tx, context: AppLoadContext, params: LoaderFunctionArgs["params"]) {
  const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
  authorize(actor, "edit_structure", strategy);
  const commitment = await getCommitment(tx, strategy.id, requireId(params.commitmentId));
  if (!commitment) throw notFound("No such commitment");
  const organisations = await listOrganisations(tx);
  const priorities = await listPriorities(tx, strategy.id, { includeArchived: true });
  const current = priorities.filter((p) => !p.archivedAt);
  const priorityChoices = [
    ...current.map((p, i) => ({ value: p.id, label: `Priority ${i + 1}: ${p.title}` })),
    ...priorities
      .filter((p) => p.archivedAt && p.id === commitment.priorityId)
      .map((p) => ({ value: p.id, label: `Archived priority: ${p.title}` })),
  ];
  return { strategy, commitment, organisations, priorityChoices };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return withDb(context, async (tx) => {
    const { strategy, commitment, organisations, priorityChoices } = await loadForm(tx, context, params);
    return {
      strategyId: strategy.id,
      commitment,
      priorityHeading: priorityChoices.find((p) => p.value === commitment.priorityId)?.label ?? commitment.priorityTitle,
      organisations: organisationChoices(organisations),
      priorities: priorityChoices,
    };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const outcome = await withDb(context, async (tx) => {
    const { strategy, commitment, organisations, priorityChoices } = await loadForm(tx, context, params);
    const schema = commitmentSchema({
      organisationIds: organisations.map((o) => o.id),
      priorityIds: priorityChoices.map((p) => p.value),
    });
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return { invalid: submission.reply() };
    const before = await getSignOffStanding(tx, commitment.id);
    const saved = await updateCommitment(tx, strategy.id, commitment.id, {
      ...commitmentDetails(submission.value),
      priorityId: submission.value.priorityId ?? commitment.priorityId,
    });
    if (!saved) throw notFound("No such commitment");
    const after = await getSignOffStanding(tx, commitment.id);
    const revisedTo = after && after.revision !== before?.revision ? after.revision : null;
    return { strategyId: strategy.id, commitmentId: commitment.id, revisedTo };
  });
  if ("invalid" in outcome) return data({ result: outcome.invalid }, { status: 400 });
  // A new revision: the database has asked again every organisation asked before; tell their signatories.
  if (outcome.revisedTo) {
    await notifySignOffRequests(signOffNotifier(context.platform), { ...outcome, revision: outcome.revisedTo });
  }
  return redirect(`/strategies/${outcome.strategyId}/commitments/${outcome.commitmentId}?done=saved`);
}

export default function EditCommitment() {
  const { strategyId, commitment, priorityHeading, organisations, priorities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<CommitmentForm>({
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
    defaultValue: {
      text: commitment.text,
      responsibleParties: commitment.responsibleParties,
      leadOrganisationId: commitment.leadOrganisationId ?? "",
      dueDate: dateParts(commitment.dueDate),
      status: commitment.status,
      priorityId: commitment.priorityId,
    },
  });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={fields} />
        <span className="govuk-caption-l">{priorityHeading}</span>
        <h1 className="govuk-heading-l">Edit commitment</h1>
        <Form method="post" {...getFormProps(form)} noValidate>
          <CommitmentFields fields={fields} organisations={organisations} priorities={priorities} />
          <FormActions submitLabel="Save commitment" cancelTo={`/strategies/${strategyId}/commitments/${commitment.id}`} />
        </Form>
      </div>
    </div>
  );
}
