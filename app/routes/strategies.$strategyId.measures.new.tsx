import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { AppLoadContext } from "@remix-run/node";
import { ErrorSummary, FormActions } from "~/components/forms";
import { MeasureFields } from "~/components/measure-fields";
import { measureSchema, type MeasureForm } from "~/domain/measure-form";
import { listMeasureLinkChoices } from "~/models/measures.server";
import type { Tx } from "~/platform/db.server";
import { authorize } from "~/policies/strategy";
import { createMeasure } from "~/services/measures.server";
import { measureSaveProblem } from "~/utils/measure-route.server";
import { requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction = () => pageTitle("Define a measure");

/** The strategy and what a measure can be linked to, once the person may define measures. */
async function loadForm(tx: Tx, context: AppLoadContext, params: LoaderFunctionArgs["params"]) {
  const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
  authorize(actor, "define_measures", strategy);
  const linkGroups = await listMeasureLinkChoices(tx, strategy.id);
  return { strategy, linkGroups };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return withDb(context, async (tx) => {
    const { strategy, linkGroups } = await loadForm(tx, context, params);
    return { strategyId: strategy.id, linkGroups };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  let parsed: { reply: (options?: { formErrors?: string[] }) => SubmissionResult<string[]> } | undefined;
  try {
    return await withDb(context, async (tx) => {
      const { strategy, linkGroups } = await loadForm(tx, context, params);
      const submission = parseWithZod(formData, {
        schema: measureSchema({
          priorityIds: linkGroups.map((g) => g.priorityId),
          commitmentIds: linkGroups.flatMap((g) => g.commitments.map((c) => c.id)),
        }),
      });
      parsed = submission;
      if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
      const id = await createMeasure(tx, strategy.id, submission.value.details, submission.value.links);
      return redirect(`/strategies/${strategy.id}/measures/${id}?done=created`);
    });
  } catch (error) {
    const problem = measureSaveProblem(error);
    if (!problem || !parsed) throw error;
    return data({ result: parsed.reply({ formErrors: [problem] }) }, { status: 400 });
  }
}

export default function NewMeasure() {
  const { strategyId, linkGroups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<MeasureForm>({ lastResult: actionData?.result, shouldRevalidate: "onSubmit" });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={fields} />
        <span className="govuk-caption-l">Assurance measures</span>
        <h1 className="govuk-heading-l">Define a measure</h1>
        <p className="govuk-body">
          A measure says how you will know a priority or commitment is working: a number with a baseline and a target, or
          a milestone the evaluator judges.
        </p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <MeasureFields fields={fields} linkGroups={linkGroups} />
          <FormActions submitLabel="Save measure" cancelTo={`/strategies/${strategyId}/measures`} />
        </Form>
      </div>
    </div>
  );
}
