import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ContextFigureFields } from "~/components/context-figure-fields";
import { ErrorSummary, FormActions } from "~/components/forms";
import { contextFigureSchema as schema, type ContextFigureForm } from "~/domain/context-figure-form";
import type { Tx } from "~/platform/db.server";
import { authorize } from "~/policies/strategy";
import { addContextFigure } from "~/services/context-figures.server";
import { requireId, requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadFigureList } from "~/utils/figure-route.server";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction = () => pageTitle("Add a figure");

/** The strategy, once the person is known to be a facilitator, and the list `?priorityId=` names (none: the strategy's own). */
async function loadForm(tx: Tx, context: AppLoadContext, request: Request, strategyIdParam: string | undefined) {
  const { strategy, actor } = await loadStrategyFor(tx, context, strategyIdParam);
  authorize(actor, "edit_structure", strategy);
  const priorityParam = new URL(request.url).searchParams.get("priorityId");
  const list = await loadFigureList(tx, strategy.id, priorityParam === null ? null : requireId(priorityParam));
  return { strategy, list };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return withDb(context, async (tx) => {
    const { list } = await loadForm(tx, context, request, params.strategyId);
    return { heading: list.heading, backTo: list.backTo };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  return withDb(context, async (tx) => {
    const { strategy, list } = await loadForm(tx, context, request, params.strategyId);
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const { sourceUrl, ...details } = submission.value;
    const figureId = await addContextFigure(
      tx,
      { strategyId: strategy.id, priorityId: list.priorityId },
      { ...details, sourceUrl: sourceUrl ?? null },
    );
    return redirect(`${list.backTo}?done=figure-added#figure-${figureId}`);
  });
}

export default function NewFigure() {
  const { heading, backTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<ContextFigureForm>({
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
  });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={fields} />
        <span className="govuk-caption-l">{heading}</span>
        <h1 className="govuk-heading-l">Add a figure</h1>
        <p className="govuk-body">It goes after the other figures. You can move it afterwards.</p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <ContextFigureFields fields={fields} />
          <FormActions submitLabel="Save figure" cancelTo={backTo} />
        </Form>
      </div>
    </div>
  );
}
