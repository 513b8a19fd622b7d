import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { ErrorSummary, FormActions } from "~/components/forms";
import { PriorityFields } from "~/components/priority-fields";
import { priorityDetailsSchema as schema } from "~/domain/priority-form";
import { authorize } from "~/policies/strategy";
import { addPriority } from "~/services/structure.server";
import { requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction = () => pageTitle("Add a priority");

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "edit_structure", strategy);
    return { strategyId: strategy.id };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await request.formData();
  return withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "edit_structure", strategy);
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const priorityId = await addPriority(tx, user.id, strategy.id, submission.value);
    return redirect(`/strategies/${strategy.id}/priorities/${priorityId}?done=priority-added`);
  });
}

export default function NewPriority() {
  const { strategyId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof schema>>({
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
  });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={fields} />
        <h1 className="govuk-heading-l">Add a priority</h1>
        <p className="govuk-body">It goes after the strategy’s other priorities. You can move it afterwards.</p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <PriorityFields fields={fields} />
          <FormActions submitLabel="Save priority" cancelTo={`/strategies/${strategyId}`} />
        </Form>
      </div>
    </div>
  );
}
