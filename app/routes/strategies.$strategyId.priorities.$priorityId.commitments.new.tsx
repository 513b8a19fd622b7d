import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { AppLoadContext } from "@remix-run/node";
import { CommitmentFields } from "~/components/commitment-fields";
import { ErrorSummary, FormActions } from "~/components/forms";
import { commitmentDetails, commitmentSchema, type CommitmentForm } from "~/domain/commitment-form";
import { priorityTakesNewCommitments } from "~/domain/structure";
import { listOrganisations, organisationChoices } from "~/models/organisations.server";
import { getPriority, listPriorities } from "~/models/priorities.server";
import type { Tx } from "~/platform/db.server";
import { authorize } from "~/policies/strategy";
import { addCommitment } from "~/services/structure.server";
import { notFound, requireId, requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction = () => pageTitle("Add a commitment");

/** The strategy and priority, once the person is known to be a facilitator; an archived priority takes no new commitments. */
async function loadForm(tx: Tx, context: AppLoadContext, params: LoaderFunctionArgs["params"]) {
  const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
  authorize(actor, "edit_structure", strategy);
  const priority = await getPriority(tx, strategy.id, requireId(params.priorityId));
  if (!priority) throw notFound("No such priority");
  if (!priorityTakesNewCommitments(priority)) {
    throw new Response("This priority is archived. Restore it before adding commitments to it.", { status: 400 });
  }
  const organisations = await listOrganisations(tx);
  const current = await listPriorities(tx, strategy.id);
  const number = current.findIndex((p) => p.id === priority.id) + 1;
  return { strategy, priority, number, organisations };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return withDb(context, async (tx) => {
    const { strategy, priority, number, organisations } = await loadForm(tx, context, params);
    return {
      strategyId: strategy.id,
      priority: { id: priority.id, heading: `Priority ${number}: ${priority.title}` },
      organisations: organisationChoices(organisations),
    };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await request.formData();
  return withDb(context, async (tx) => {
    const { strategy, priority, organisations } = await loadForm(tx, context, params);
    const schema = commitmentSchema({ organisationIds: organisations.map((o) => o.id) });
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    await addCommitment(tx, user.id, strategy.id, priority.id, commitmentDetails(submission.value));
    return redirect(`/strategies/${strategy.id}/priorities/${priority.id}?done=commitment-added`);
  });
}

export default function NewCommitment() {
  const { strategyId, priority, organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<CommitmentForm>({
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
    defaultValue: { status: "draft" },
  });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={fields} />
        <span className="govuk-caption-l">{priority.heading}</span>
        <h1 className="govuk-heading-l">Add a commitment</h1>
        <p className="govuk-body">It goes after the priority’s other commitments. You can move it afterwards.</p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <CommitmentFields fields={fields} organisations={organisations} />
          <FormActions submitLabel="Save commitment" cancelTo={`/strategies/${strategyId}/priorities/${priority.id}`} />
        </Form>
      </div>
    </div>
  );
}
