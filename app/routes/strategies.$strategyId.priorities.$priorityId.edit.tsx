import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { ErrorSummary, FormActions } from "~/components/forms";
import { PriorityFields } from "~/components/priority-fields";
import { priorityDetailsSchema as schema } from "~/domain/priority-form";
import { getPriority } from "~/models/priorities.server";
import { authorize } from "~/policies/strategy";
import { updatePriority } from "~/services/structure.server";
import { notFound, requireId, requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction = () => pageTitle("Edit priority");

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "edit_structure", strategy);
    const priority = await getPriority(tx, strategy.id, requireId(params.priorityId));
    if (!priority) throw notFound("No such priority");
    return { strategyId: strategy.id, priority };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  return withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "edit_structure", strategy);
    const priorityId = requireId(params.priorityId);
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    if (!(await updatePriority(tx, strategy.id, priorityId, submission.value))) throw notFound("No such priority");
    return redirect(`/strategies/${strategy.id}/priorities/${priorityId}?done=priority-saved`);
  });
}

export default function EditPriority() {
  const { strategyId, priority } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof schema>>({
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
    defaultValue: { title: priority.title, summary: priority.summary, context: priority.context },
  });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={fields} />
        <span className="govuk-caption-l">{priority.title}</span>
        <h1 className="govuk-heading-l">Edit priority</h1>
        <Form method="post" {...getFormProps(form)} noValidate>
          <PriorityFields fields={fields} />
          <FormActions submitLabel="Save priority" cancelTo={`/strategies/${strategyId}/priorities/${priority.id}`} />
        </Form>
      </div>
    </div>
  );
}
