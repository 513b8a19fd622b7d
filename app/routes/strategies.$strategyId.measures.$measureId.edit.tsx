import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { AppLoadContext } from "@remix-run/node";
import { ErrorSummary, FormActions } from "~/components/forms";
import { MeasureFields } from "~/components/measure-fields";
import { measureFormValues, measureSchema, type MeasureForm } from "~/domain/measure-form";
import { getMeasure, listMeasureLinkChoices, listMeasureLinkIds } from "~/models/measures.server";
import type { Tx } from "~/platform/db.server";
import { authorize } from "~/policies/strategy";
import { updateMeasure } from "~/services/measures.server";
import { measureSaveProblem } from "~/utils/measure-route.server";
import { notFound, requireId, requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction = () => pageTitle("Edit measure");

/**
 * The measure, what it is linked to, and what it can be linked to: current priorities and
 * commitments, and any archived ones it is already linked to (so saving keeps those links).
 */
async function loadForm(tx: Tx, context: AppLoadContext, params: LoaderFunctionArgs["params"]) {
  const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
  authorize(actor, "define_measures", strategy);
  const measure = await getMeasure(tx, strategy.id, requireId(params.measureId));
  if (!measure) throw notFound("No such measure");
  const links = await listMeasureLinkIds(tx, measure.id);
  const linkGroups = await listMeasureLinkChoices(tx, strategy.id, links);
  return { strategy, measure, links, linkGroups };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return withDb(context, async (tx) => {
    const { strategy, measure, links, linkGroups } = await loadForm(tx, context, params);
    return { strategyId: strategy.id, measureId: measure.id, values: measureFormValues(measure, links), linkGroups };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  let parsed: { reply: (options?: { formErrors?: string[] }) => SubmissionResult<string[]> } | undefined;
  try {
    return await withDb(context, async (tx) => {
      const { strategy, measure, linkGroups } = await loadForm(tx, context, params);
      const submission = parseWithZod(formData, {
        schema: measureSchema({
          priorityIds: linkGroups.map((g) => g.priorityId),
          commitmentIds: linkGroups.flatMap((g) => g.commitments.map((c) => c.id)),
        }),
      });
      parsed = submission;
      if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
      if (!(await updateMeasure(tx, strategy.id, measure.id, submission.value.details, submission.value.links))) {
        throw notFound("No such measure");
      }
      return redirect(`/strategies/${strategy.id}/measures/${measure.id}?done=saved`);
    });
  } catch (error) {
    const problem = measureSaveProblem(error);
    if (!problem || !parsed) throw error;
    return data({ result: parsed.reply({ formErrors: [problem] }) }, { status: 400 });
  }
}

export default function EditMeasure() {
  const { strategyId, measureId, values, linkGroups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<MeasureForm>({
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
    defaultValue: values,
  });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={fields} />
        <span className="govuk-caption-l">{values.name}</span>
        <h1 className="govuk-heading-l">Edit measure</h1>
        <p className="govuk-body">Changes are recorded in the measure’s history. The status is worked out again with the new rules straight away.</p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <MeasureFields fields={fields} linkGroups={linkGroups} />
          <FormActions submitLabel="Save measure" cancelTo={`/strategies/${strategyId}/measures/${measureId}`} />
        </Form>
      </div>
    </div>
  );
}
